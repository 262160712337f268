"""Sending a response back with comments: the secretariat returns a submitted (or posted) response to its State
with a comment on each block that needs one (or on the whole response); the State's focal points reply to each
beside its block, with the draft, and submit again (responses.submit_response refuses while a comment of the
round has no reply). Every round stays in the response's history (questionnaires.comments reads them).

The message to the focal points says that the response was sent back, with how many comments and the link, but
not the comments: they may quote restricted content of the response, and mail leaves the portal's protection.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import mail
from accounts.audit import log_action
from accounts.models import OutgoingEmail, User
from accounts.salutation import greeting

from . import responses
from .comments import REPLY_FIELD, REPLY_MAX_LENGTH, open_comments
from .models import Questionnaire, Response, ResponseVersion, ReviewComment
from .receipts import message_language
from .responses import _bump, _lock, snapshot
from .rules import can_reply_to_comments, response_lock_reason


def send_back(response, *, comments, by, expected_version, base_url=""):
    """Return a submitted or posted response to its State with comments: `comments` maps a question id (None for
    the response as a whole) to a text; empty ones are left out, and at least one is needed.

    Side effects, in one transaction with the response locked: the response becomes a draft again (off the
    secure page if it was posted) with `returned_at` set; the comments are saved as the next round; a version
    (sent back) is kept and the audit trail records it with the number of comments; a message to each active
    focal point of the State, in their language, is queued to the outbox (sent once the transaction commits).
    Raises ConflictError when the response changed since `expected_version`, ValidationError when it is a draft,
    its questionnaire is not open, no comment is given or a question is not of its questionnaire.
    """
    texts = {question: text.strip() for question, text in comments.items() if text and text.strip()}
    if not texts:
        raise ValidationError(_("Write at least one comment, on a block or on the response as a whole."))
    with transaction.atomic():
        response = _lock(response, expected_version)
        if response.status == Response.Status.DRAFT:
            raise ValidationError(_("Only a submitted or posted response can be sent back."))
        if response.questionnaire.status != Questionnaire.Status.OPEN:
            raise ValidationError(_("The questionnaire is not open: its State could not change the response."))
        positions = dict(response.questionnaire.questions.values_list("pk", "position"))
        if any(question is not None and question not in positions for question in texts):
            raise ValidationError(_("A comment is on a question that is not in this questionnaire."))
        round_number = (response.review_comments.aggregate(latest=Max("round"))["latest"] or 0) + 1
        ordered = sorted(texts, key=lambda question: -1 if question is None else positions[question])
        ReviewComment.objects.bulk_create(
            ReviewComment(
                response=response, question_id=question, round=round_number, text=texts[question], created_by=by
            )
            for question in ordered
        )
        response.status = Response.Status.DRAFT
        response.posted_at = None
        response.returned_at = timezone.now()
        _bump(response, by=by, fields=["status", "posted_at", "returned_at"])
        ResponseVersion.objects.create(
            response=response,
            number=response.version,
            event=ResponseVersion.Event.SENT_BACK,
            snapshot=snapshot(response),
            created_by=by,
        )
        log_action(response, "response.sent_back", by=by, data={"version": response.version, "count": len(texts)})
        queue_notices(response, count=len(texts), base_url=base_url)
    return response


def save_replies(response, *, replies, by, expected_version=None):
    """Save the State's replies to the open comments of `response` (sent back and not yet submitted again):
    `replies` maps a comment id to its text; other comments' ids are ignored, and so are earlier rounds, which
    stay as they were.

    Side effects, with the response locked: each changed reply saved with who and when (an emptied one loses
    both); the audit trail records how many changed. The version that keeps them is that of the draft's save
    (save_draft_with_replies). Raises ConflictError when the response changed since `expected_version`,
    ValidationError when it may not change or a reply is too long. Returns how many changed.
    """
    with transaction.atomic():
        response = _lock(response, expected_version)
        reason = response_lock_reason(response)
        if reason is not None:
            raise ValidationError(reason)
        now, changed = timezone.now(), []
        for comment in open_comments(response):
            if comment.pk not in replies:
                continue
            text = (replies[comment.pk] or "").strip()
            if len(text) > REPLY_MAX_LENGTH:
                raise ValidationError(_("A reply is too long: keep it under 20,000 characters."))
            if text == comment.reply:
                continue
            comment.reply = text
            comment.replied_by, comment.replied_at = (by, now) if text else (None, None)
            changed.append(comment)
        if changed:
            ReviewComment.objects.bulk_update(changed, ["reply", "replied_by", "replied_at"])
            log_action(response, "response.replied", by=by, data={"count": len(changed)})
    return len(changed)


def replies_of_form(response, *, data, user):
    """The replies sent with the response form (`data`, its POST), comment id -> text, if `user` may reply
    (rules.can_reply_to_comments); none otherwise: the secretariat, which may also edit a draft, leaves them
    as they are."""
    if not can_reply_to_comments(user, response):
        return {}
    names = {REPLY_FIELD.format(pk=comment.pk): comment.pk for comment in open_comments(response)}
    return {pk: data[name] for name, pk in names.items() if name in data}


def save_draft_with_replies(response, *, replies, by, expected_version, **draft):
    """Save a draft (responses.save_response, with `draft`: answers, language) and the State's `replies` to the
    secretariat's comments, in one transaction: the replies first, so that the version the save keeps holds
    them; if the save is refused (someone saved meanwhile), the replies are not saved either."""
    with transaction.atomic():
        if replies:
            save_replies(response, replies=replies, by=by, expected_version=expected_version)
        return responses.save_response(response, expected_version=expected_version, by=by, **draft)


def queue_notices(response, *, count, base_url):
    """Queue to each active focal point of `response`'s State, in their language, the message that it was sent
    back with `count` comments, with the link to its form (the comments are read there). Returns the messages."""
    questionnaire = response.questionnaire
    meeting = questionnaire.meeting
    users = (
        User.objects.filter(member_state=response.member_state_id, role=User.Role.FOCAL_POINT, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    url = base_url + reverse("questionnaires:response_edit", args=[response.pk])
    emails = []
    for user in users:
        language = message_language(user, questionnaire)
        with translation.override(language):
            context = {
                "greeting": greeting(user),
                "state": response.member_state.name,
                "meeting_title": meeting.full_title(language),
                "returned_at": timezone.localtime(response.returned_at),
                "count": count,
                "url": url,
            }
            subject = render_to_string("questionnaires/email/sent_back_subject.txt", context).strip()
            body = render_to_string("questionnaires/email/sent_back_body.txt", context)
        emails.append(OutgoingEmail(to=user.email, recipient=user, language=language, subject=subject[:300], body=body))
    return mail.queue_emails(emails)
