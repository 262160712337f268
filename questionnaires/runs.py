"""Invitations and reminders of a questionnaire: a run of messages queued in the outbox (accounts/mail.py).

The request writes the messages, each in its recipient's language, and returns; the background sender sends them
and prints the blank questionnaire attached to invitations.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import mail
from accounts.audit import log_action
from accounts.models import OutgoingEmail, User
from accounts.salutation import greeting

from .models import MessageRun, Questionnaire, Response
from .receipts import message_language


def recipients(questionnaire, *, only_late):
    """The active focal points (with an address) of the participating States; with `only_late`, of the States
    without a submitted or posted response to this questionnaire."""
    states = questionnaire.meeting.participating_states.all()
    if only_late:
        answered = Response.objects.filter(
            questionnaire=questionnaire, status__in=[Response.Status.SUBMITTED, Response.Status.POSTED]
        )
        states = states.exclude(pk__in=answered.values("member_state"))
    return (
        User.objects.filter(member_state__in=states, is_active=True, role=User.Role.FOCAL_POINT)
        .exclude(email="")
        .select_related("member_state")
        .order_by("pk")
    )


def _message(questionnaire, kind, user, *, base_url):
    """The message of a run of `kind` to `user`, written in their language (not saved)."""
    meeting = questionnaire.meeting
    language = message_language(user, questionnaire)
    context = {
        "user": user,
        "state": user.member_state,
        "meeting_title": meeting.full_title(language),
        "questionnaire": questionnaire,
        "deadline": questionnaire.deadline,
        "url": base_url
        + reverse("questionnaires:my_response", kwargs={"body": meeting.body.code, "number": meeting.number}),
        "is_reminder": kind == MessageRun.Kind.REMINDER,
    }
    with translation.override(language):
        context["greeting"] = greeting(user)
        subject = render_to_string("questionnaires/email/subject.txt", context).strip()
        body = render_to_string("questionnaires/email/body.txt", context)
    attachments = []
    if kind == MessageRun.Kind.INVITATION:
        symbol = f"{meeting.body.symbol_prefix}-{meeting.number}".replace("/", "-")
        attachments.append(
            mail.attachment(
                "blank_questionnaire",
                questionnaire,
                language=language,
                filename=f"{symbol}-questionnaire-{language}.pdf",
            )
        )
    return OutgoingEmail(
        to=user.email,
        recipient=user,
        language=language,
        subject=subject[:300],
        body=body,
        attachments=attachments,
    )


def _invitations(questionnaire, kind):
    return questionnaire.message_runs.filter(kind=kind).first() if kind == MessageRun.Kind.INVITATION else None


def waiting_recipients(questionnaire, *, kind, run=None):
    """The focal points a run of `kind` would write to now: for invitations, those not invited yet; for
    reminders, those of the States that have not submitted. What the confirmation lists is what is sent."""
    run = run or _invitations(questionnaire, kind)
    known = set(run.messages.values_list("recipient_id", flat=True)) if run else set()
    return recipients(questionnaire, only_late=kind == MessageRun.Kind.REMINDER).exclude(pk__in=known)


def queue_run(questionnaire, *, kind, base_url, by):
    """Queue the invitations (one run per questionnaire: queued again, it adds only the focal points not invited
    yet) or a new run of reminders (to the States that have not submitted), a message per focal point.

    The texts are written before the transaction, which only inserts the rows (short, on SQLite too).
    Side effects: creates the run and its messages in the outbox; after commit, the sending task is enqueued
    (it prints the attachments); the run is recorded in the audit trail. Returns (run, messages queued).
    """
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Open the questionnaire before sending invitations or reminders."))
    run = _invitations(questionnaire, kind)
    users = waiting_recipients(questionnaire, kind=kind, run=run)
    emails = [_message(questionnaire, kind, user, base_url=base_url) for user in users]
    with transaction.atomic():
        if run is None:
            run = MessageRun.objects.create(questionnaire=questionnaire, kind=kind, created_by=by)
        # Whoever queued the same invitations meanwhile wins: their rows stand, these are dropped.
        known = set(run.messages.values_list("recipient_id", flat=True))
        emails = [email for email in emails if email.recipient_id not in known]
        for email in emails:
            email.run = run
        mail.queue_emails(emails)
        log_action(run, "messages.queued", by=by, data={"kind": run.kind, "count": len(emails)})
    return run, len(emails)


def retry_failed(run, *, base_url, by):
    """Queue again the failed messages of `run`, written anew for their recipients (so that a deadline or an
    address corrected since is right in them).

    Side effects: the failed messages take their new text and are queued; after commit, the sending task is
    enqueued; the retry is recorded in the audit trail. Returns how many were queued.
    """
    questionnaire = run.questionnaire
    failed = list(
        run.messages.filter(status=OutgoingEmail.Status.FAILED, recipient__isnull=False)
        .exclude(recipient__email="")
        .select_related("recipient__member_state")
    )
    for email in failed:
        fresh = _message(questionnaire, run.kind, email.recipient, base_url=base_url)
        for field in ("to", "language", "subject", "body", "attachments"):
            setattr(email, field, getattr(fresh, field))
    with transaction.atomic():
        fields = ["to", "language", "subject", "body", "attachments"]
        still_failed = set(
            run.messages.filter(pk__in=[email.pk for email in failed], status=OutgoingEmail.Status.FAILED).values_list(
                "pk", flat=True
            )
        )
        OutgoingEmail.objects.bulk_update([email for email in failed if email.pk in still_failed], fields)
        count = mail.requeue(run.messages.filter(pk__in=still_failed))
        log_action(run, "messages.queued", by=by, data={"kind": run.kind, "count": count, "retry": True})
    return count
