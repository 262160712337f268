"""Business actions on the States' responses: saving drafts, attachments, submitting, reopening, posting, versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import log_action
from meetings.uploads import ATTACHMENT_TYPES, name_for_content, validate_upload

from . import carry
from .comments import unanswered
from .models import Answer, Attachment, Response, ResponseVersion
from .receipts import queue_receipts
from .rules import response_lock_reason
from .transmittal_parts import drop_parts, queue_parts


class ConflictError(Exception):
    """A response was changed by someone else since the editor loaded it."""

    def __init__(self, response):
        super().__init__("The response was changed meanwhile.")
        self.response = response


def response_for(questionnaire, member_state, *, by):
    """The response of `member_state`, created on first use (which is recorded in the audit trail) with the
    State's answers of the previous cycle carried forward (questionnaires.carry)."""
    with transaction.atomic():
        response, created = Response.objects.get_or_create(questionnaire=questionnaire, member_state=member_state)
        if created:
            carried = carry.carry_forward(response)
            log_action(response, "response.started", by=by, data={"carried": carried} if carried else None)
    return response


def snapshot(response):
    """The content of a response as plain data, for its versions; with, once it was sent back with comments, its
    State's replies to them (comment id -> text)."""
    content = {
        "status": response.status,
        "language": response.language,
        "answers": {
            str(answer.question_id): {"status": answer.status, "text": answer.text} for answer in response.answers.all()
        },
        "attachments": sorted(attachment.original_name for attachment in response.attachments.all()),
    }
    replies = {str(comment.pk): comment.reply for comment in response.review_comments.all() if comment.reply}
    if replies:
        content["replies"] = replies
    return content


def _record(response, *, event, by, action, reason="", details=None):
    """Keep the version of `response` just saved, and record `action` on it in the audit trail (with `details`)."""
    ResponseVersion.objects.create(
        response=response,
        number=response.version,
        event=event,
        snapshot=snapshot(response),
        reason=reason,
        created_by=by,
    )
    data = {"version": response.version}
    if reason:
        data["reason"] = reason
    data.update(details or {})
    log_action(response, action, by=by, data=data)


def _lock(response, expected_version):
    """Lock the row and check that nobody saved since `expected_version` (optimistic locking)."""
    current = Response.objects.select_for_update().get(pk=response.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


def _bump(response, *, by, fields=()):
    response.version += 1
    response.updated_at = timezone.now()
    response.updated_by = by
    response.save(update_fields=["version", "updated_at", "updated_by", *fields])


def _check_editable(response):
    reason = response_lock_reason(response)
    if reason is not None:
        raise ValidationError(reason)


def default_language(response, page_language):
    """The language a response is taken to be written in until its State says: the one it was given, else the
    language of the page the focal point uses if it is a working language of the body, else the body's original
    language."""
    if response.language:
        return response.language
    return default_language_of_body(response.questionnaire.meeting.body, page_language)


def default_language_of_body(body, page_language):
    """The language of the page if it is a working language of `body`, else the body's original language."""
    return page_language if page_language in body.working_languages else body.original_language


def save_response(response, *, answers, expected_version, by, language=None, confirmed=()):
    """Save a draft: `answers` maps question ids to (status, text); `language`, when given, is the working
    language the State answers in; `confirmed` holds the question ids whose answers carried forward from the
    previous cycle the State confirms as they stand.

    Side effects: updates the answers (and the language), raises the version, keeps a version with who and when.
    Raises ConflictError when the response was saved by someone else since `expected_version`, ValidationError
    for a language that is not a working language of the body.
    """
    with transaction.atomic():
        response = _lock(response, expected_version)
        _check_editable(response)
        if language is not None and language != response.language:
            if language not in response.questionnaire.meeting.body.working_languages:
                raise ValidationError(_("Choose one of the working languages of the meeting."))
            response.language = language
        existing = {answer.question_id: answer for answer in response.answers.all()}
        changed, now = [], timezone.now()
        for question_id, (status, text) in answers.items():
            answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
            if answer.pk and carry.is_unchanged(answer, status, text):
                continue
            answer.status, answer.text = status or "", text or ""
            answer.updated_at, answer.updated_by = now, by
            if answer.awaits_confirmation:
                # Changing an answer carried forward from the previous cycle is updating it.
                answer.confirmed_at = now
            changed.append(answer)
        confirming = carry.to_confirm(existing.values(), confirmed)
        for answer in confirming:
            answer.confirmed_at = now
            changed.append(answer)
        for answer in changed:
            answer.save()
        _bump(response, by=by, fields=["language"])
        details = {"confirmed": carry.recommendation_numbers(confirming)} if confirming else None
        _record(response, event=ResponseVersion.Event.SAVED, by=by, action="response.saved", details=details)
    return response


def confirm_answers(response, question_ids, *, by, expected_version):
    """Confirm, as they stand, the answers carried forward from the previous cycle on `question_ids` (those
    already confirmed or changed are left as they are).

    Side effects: `confirmed_at` set, the version raised and kept, the recommendations confirmed recorded in the
    audit trail; nothing when none awaited confirmation. Raises ConflictError when the response was saved by
    someone else since `expected_version`, ValidationError when it may not change.
    """
    with transaction.atomic():
        response = _lock(response, expected_version)
        _check_editable(response)
        answers = carry.to_confirm(response.answers.all(), question_ids)
        if not answers:
            return response
        now = timezone.now()
        for answer in answers:
            answer.confirmed_at = now
        Answer.objects.bulk_update(answers, ["confirmed_at"])
        _bump(response, by=by)
        _record(
            response,
            event=ResponseVersion.Event.SAVED,
            by=by,
            action="response.answers_confirmed",
            details={"confirmed": carry.recommendation_numbers(answers)},
        )
    return response


def add_attachment(response, *, file, by):
    """Attach a file (PDF, Word, Excel, image; checked by content and size) to a draft response."""
    content_type = validate_upload(file, allowed=ATTACHMENT_TYPES, by=by)
    with transaction.atomic():
        response = _lock(response, None)
        _check_editable(response)
        attachment = Attachment.objects.create(
            response=response,
            file=file,
            original_name=name_for_content(file.name, content_type),
            content_type=content_type,
            size=file.size,
            uploaded_by=by,
        )
        _bump(response, by=by)
        _record(response, event=ResponseVersion.Event.SAVED, by=by, action="response.file_attached")
    return attachment


def remove_attachment(attachment, *, by):
    with transaction.atomic():
        response = _lock(attachment.response, None)
        _check_editable(response)
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        _bump(response, by=by)
        _record(response, event=ResponseVersion.Event.SAVED, by=by, action="response.file_removed")
        transaction.on_commit(lambda: storage.delete(name))
    return response


def missing_statuses(response):
    """Questions on recommendations that have no status yet."""
    answered = set(response.answers.exclude(status="").values_list("question_id", flat=True))
    return [
        question
        for question in response.questionnaire.questions.filter(recommendation__isnull=False).select_related(
            "recommendation"
        )
        if question.pk not in answered
    ]


def submit_response(response, *, by, expected_version=None, receipt=True):
    """Submit a draft: every recommendation needs a status, every answer carried forward from the previous cycle
    must be confirmed or changed and, when it was sent back, every comment of the secretariat needs a reply
    (questionnaires.sendback). The response is then locked.

    Side effects: status submitted, a version kept, the submission recorded in the audit trail, and unless
    `receipt` is false (data loaded from elsewhere), a receipt with the response's PDF queued to each focal point
    of the State (questionnaires.receipts).
    """
    with transaction.atomic():
        response = _lock(response, expected_version)
        _check_editable(response)
        missing = missing_statuses(response)
        if missing:
            raise ValidationError(
                _("Give a status for every recommendation before submitting (missing: %(numbers)s).")
                % {"numbers": ", ".join(str(q.recommendation.number) for q in missing)}
            )
        if unanswered(response):
            raise ValidationError(_("Reply to each comment of the secretariat before submitting again."))
        awaiting = carry.awaiting_confirmation(response)
        if awaiting:
            raise ValidationError(
                _(
                    "Confirm or update each answer carried forward from the previous cycle before submitting "
                    "(not yet confirmed: %(numbers)s)."
                )
                % {"numbers": carry.numbers_of(awaiting)}
            )
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.returned_at = None  # sent back, now submitted again: the comments' round is closed
        _bump(response, by=by, fields=["status", "submitted_at", "returned_at"])
        _record(response, event=ResponseVersion.Event.SUBMITTED, by=by, action="response.submitted")
        if receipt:
            queue_receipts(response, by=by)
    return response


def reopen_response(response, *, by, reason):
    """Return a submitted (or posted) response to draft so that its State can change it; a reason is required.

    Side effects: the response leaves the secure page until posted again; a version and the audit trail keep
    the reason.
    """
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening."))
    with transaction.atomic():
        response = _lock(response, None)
        if response.status == Response.Status.DRAFT:
            raise ValidationError(_("This response is already a draft."))
        response.status = Response.Status.DRAFT
        response.posted_at = None
        _bump(response, by=by, fields=["status", "posted_at"])
        _record(
            response, event=ResponseVersion.Event.REOPENED, by=by, action="response.reopened", reason=reason.strip()
        )
        drop_parts(response)
    return response


def post_response(response, *, by):
    """Post a submitted response on the meeting's secure page.

    Side effects: status posted, a version kept, the posting recorded in the audit trail.
    """
    with transaction.atomic():
        response = _lock(response, None)
        if response.status != Response.Status.SUBMITTED:
            raise ValidationError(_("Only a submitted response can be posted."))
        response.status = Response.Status.POSTED
        response.posted_at = timezone.now()
        _bump(response, by=by, fields=["status", "posted_at"])
        _record(response, event=ResponseVersion.Event.POSTED, by=by, action="response.posted")
        queue_parts(response)
    return response


def post_responses(questionnaire, *, by):
    """Post every submitted response of `questionnaire`. Returns how many were posted."""
    posted = 0
    with transaction.atomic():
        for response in questionnaire.responses.filter(status=Response.Status.SUBMITTED):
            post_response(response, by=by)
            posted += 1
    return posted
