"""The receipt of a submitted response: a message to each focal point of its State, in their language, with the
response attached as a PDF (printed by the background sender, not in the request)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts import mail
from accounts.models import OutgoingEmail, User
from accounts.salutation import greeting


def message_language(user, questionnaire):
    """The language of a message to `user` about `questionnaire`: theirs if it is a working language of the
    meeting, else the body's first working language."""
    languages = questionnaire.meeting.body.working_languages
    return user.preferred_language if user.preferred_language in languages else languages[0]


def queue_receipts(response, *, by):
    """Queue the receipt of `response`, just submitted by `by`, to the active focal points of its State.

    Side effects: one message per focal point with an address, in the outbox (sent once the transaction
    commits), each with the response's PDF in the recipient's language described as an attachment. Returns
    the messages.
    """
    questionnaire = response.questionnaire
    meeting = questionnaire.meeting
    users = (
        User.objects.filter(member_state=response.member_state_id, role=User.Role.FOCAL_POINT, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    symbol = f"{meeting.body.symbol_prefix}-{meeting.number}".replace("/", "-")
    emails = []
    for user in users:
        language = message_language(user, questionnaire)
        with translation.override(language):
            context = {
                "greeting": greeting(user),
                "state": response.member_state.name,
                "meeting_title": meeting.full_title(language),
                "submitted_at": timezone.localtime(response.submitted_at),
                "by": (by.get_full_name() or by.username) if by is not None else "",
            }
            subject = render_to_string("questionnaires/email/receipt_subject.txt", context).strip()
            body = render_to_string("questionnaires/email/receipt_body.txt", context)
        emails.append(
            OutgoingEmail(
                to=user.email,
                recipient=user,
                language=language,
                subject=subject[:300],
                body=body,
                attachments=[
                    mail.attachment(
                        "response",
                        response,
                        language=language,
                        filename=f"{symbol}-{response.member_state.code}-response-{language}.pdf",
                    )
                ],
            )
        )
    return mail.queue_emails(emails)
