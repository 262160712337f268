"""Business actions of the questionnaire cycle: recommendations, questionnaire, responses, posting."""

import csv
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action
from agendas.topics import topic_for
from meetings.models import Meeting
from meetings.uploads import ATTACHMENT_TYPES, name_for_content, validate_upload

from .models import (
    Answer,
    Attachment,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
)
from .rules import response_lock_reason

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class ConflictError(Exception):
    """A response was changed by someone else since the editor loaded it."""

    def __init__(self, response):
        super().__init__("The response was changed meanwhile.")
        self.response = response


# Recommendations ---------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:\(?\d+[.)]|\(?[a-z][.)]|[-*•])\s+", re.IGNORECASE)


def next_recommendation_number(meeting):
    return (meeting.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1


def add_recommendation(recommendation, *, by):
    """Save a new recommendation (built by the form). Side effects: saves it; records it in the audit trail."""
    with transaction.atomic():
        recommendation.save()
        log_action(recommendation, "recommendation.added", by=by)
    return recommendation


def update_recommendation(recommendation, *, by):
    """Save the changes to a recommendation (made on the instance by the form).

    Side effects: saves it; records the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(recommendation)
        recommendation.save()
        log_action(recommendation, "recommendation.changed", by=by, data={"fields": fields})
    return recommendation


def _log_imported(meeting, created, *, source, by):
    log_action(
        meeting,
        "recommendations.imported",
        by=by,
        data={"source": source, "count": len(created), "numbers": [item.number for item in created]},
    )


def add_recommendations_from_text(meeting, *, text, by, language="en"):
    """Add recommendations pasted as text: one per paragraph; a line starting with '#' is a topic heading.

    Leading numbers ("1.", "(a)", "-") are removed; numbering continues after the existing recommendations.
    A heading names the topic of the meeting with that title in `language`, or a new one (see topic_for).
    Side effects: creates recommendations, and topics, in one transaction; records them on the meeting in the
    audit trail. Returns the new recommendations.
    """
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    created = []
    with transaction.atomic():
        topic = None
        number = next_recommendation_number(meeting)
        for block in blocks:
            lines = block.split("\n")
            while lines and lines[0].lstrip().startswith("#"):
                topic = topic_for(meeting, titles={language: lines.pop(0).lstrip("# ").strip()}, by=by)
            if not lines:
                continue
            body = _NUMBERING.sub("", " ".join(line.strip() for line in lines))
            recommendation = Recommendation(meeting=meeting, topic=topic, number=number)
            setattr(recommendation, f"text_{language}", body)
            if language != "en":
                recommendation.text_en = recommendation.text_en or body
            recommendation.save()
            created.append(recommendation)
            number += 1
        _log_imported(meeting, created, source="text", by=by)
    return created


CSV_COLUMNS = ["topic", "topic_en", "topic_fr", "topic_es", "text_en", "text_fr", "text_es"]


def import_recommendations_csv(meeting, *, file, by):
    """Import recommendations from CSV (UTF-8) with the columns of CSV_COLUMNS; topic columns may be empty.

    A row's topic is the topic of the meeting whose number is in `topic`, else the one with the same title in
    one of the languages given, else a new one (see topic_for). All rows or none: a row without English text,
    or naming no topic of the meeting, refuses the whole file. Side effects: creates recommendations, and
    topics; records them on the meeting in the audit trail. Returns the new recommendations.
    """
    try:
        content = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    if "\x00" in content:
        # Binary content that happens to decode; no database column takes NUL characters either.
        raise ValidationError(_("The file is not UTF-8 text."))
    reader = csv.DictReader(io.StringIO(content))
    try:
        fieldnames = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:  # e.g. a field longer than the csv module reads
        raise ValidationError(_("The file could not be read as CSV: %(error)s.") % {"error": error}) from error
    missing = [column for column in ("text_en",) if column not in fieldnames]
    if missing:
        raise ValidationError(_("The file needs the columns: %(columns)s.") % {"columns": ", ".join(CSV_COLUMNS)})
    created = []
    with transaction.atomic():
        number = next_recommendation_number(meeting)
        for line, row in enumerate(rows, start=2):
            if not (row.get("text_en") or "").strip():
                raise ValidationError(_("Line %(line)s has no English text.") % {"line": line})
            titles = {code: row.get(f"topic_{code}") or "" for code in LANGUAGE_CODES}
            topic = topic_for(meeting, key=(row.get("topic") or "").strip(), titles=titles, by=by)
            recommendation = Recommendation(meeting=meeting, number=number, topic=topic)
            for code in LANGUAGE_CODES:
                setattr(recommendation, f"text_{code}", (row.get(f"text_{code}") or "").strip() or None)
            recommendation.save()
            created.append(recommendation)
            number += 1
        _log_imported(meeting, created, source="csv", by=by)
    return created


# Questionnaire -----------------------------------------------------------------------------------------------


def generate_questionnaire(meeting, *, by):
    """Create the questionnaire of `meeting` on the recommendations adopted at the previous meeting.

    Side effects: creates the questionnaire (draft) with one question per recommendation; records it in the
    audit trail.
    Raises ValidationError when it exists already or when the previous meeting adopted no recommendation.
    """
    source = Meeting.objects.filter(body=meeting.body, number=meeting.number - 1).first()
    if source is None or not source.recommendations.exists():
        raise ValidationError(_("The previous meeting has no recommendations to review yet."))
    with transaction.atomic():
        if Questionnaire.objects.filter(meeting=meeting).exists():
            raise ValidationError(_("This meeting already has a questionnaire."))
        questionnaire = Questionnaire.objects.create(meeting=meeting, source_meeting=source)
        questions = Question.objects.bulk_create(
            Question(questionnaire=questionnaire, position=position, recommendation=recommendation)
            for position, recommendation in enumerate(source.recommendations.order_by("number"), start=1)
        )
        log_action(questionnaire, "questionnaire.generated", by=by, data={"count": len(questions)})
    return questionnaire


def update_questionnaire(questionnaire, *, general_questions, removed_questions, by):
    """Save the questionnaire's introduction and deadline (made on the instance by the form) and its general
    questions: `general_questions` new or changed (unsaved), `removed_questions` to delete (those already
    answered are kept).

    Side effects: saves the questionnaire and the questions; records what changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(questionnaire)
        questionnaire.save()
        last = questionnaire.questions.filter(recommendation__isnull=False).count()
        for index, question in enumerate(general_questions, start=1):
            question.questionnaire = questionnaire
            question.position = question.position or last + index
            question.save()
        if general_questions:
            fields.append("questionnaires.question.text")
        for question in removed_questions:
            if not question.answers.exists():
                question.delete()
        data = {"fields": fields}
        if removed_questions:
            data["removed_questions"] = len(removed_questions)
        log_action(questionnaire, "questionnaire.changed", by=by, data=data)
    return questionnaire


def set_questionnaire_status(questionnaire, *, status, by):
    """Open, close or return to draft. Opening needs a deadline.

    Side effects: saves the status (and the moment of first opening); records the change in the audit trail.
    """
    if status == Questionnaire.Status.OPEN and questionnaire.deadline is None:
        raise ValidationError(_("Set a deadline before opening the questionnaire."))
    with transaction.atomic():
        previous = questionnaire.status
        questionnaire.status = status
        if status == Questionnaire.Status.OPEN and questionnaire.opened_at is None:
            questionnaire.opened_at = timezone.now()
        questionnaire.save(update_fields=["status", "opened_at"])
        log_action(
            questionnaire, "questionnaire.status_changed", by=by, data={"previous_status": previous, "status": status}
        )
    return questionnaire


# Responses ---------------------------------------------------------------------------------------------------


def response_for(questionnaire, member_state, *, by):
    """The response of `member_state`, created empty on first use (which is recorded in the audit trail)."""
    with transaction.atomic():
        response, created = Response.objects.get_or_create(questionnaire=questionnaire, member_state=member_state)
        if created:
            log_action(response, "response.started", by=by)
    return response


def snapshot(response):
    """The content of a response as plain data, for its versions."""
    return {
        "status": response.status,
        "answers": {
            str(answer.question_id): {"status": answer.status, "text": answer.text} for answer in response.answers.all()
        },
        "attachments": sorted(attachment.original_name for attachment in response.attachments.all()),
    }


def _record(response, *, event, by, action, reason=""):
    """Keep the version of `response` just saved, and record `action` on it in the audit trail."""
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


def save_response(response, *, answers, expected_version, by):
    """Save a draft: `answers` maps question ids to (status, text).

    Side effects: updates the answers, raises the version, keeps a version with who and when.
    Raises ConflictError when the response was saved by someone else since `expected_version`.
    """
    with transaction.atomic():
        response = _lock(response, expected_version)
        _check_editable(response)
        existing = {answer.question_id: answer for answer in response.answers.all()}
        changed = []
        for question_id, (status, text) in answers.items():
            answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
            if answer.pk and (answer.status, answer.text) == (status or "", text or ""):
                continue
            answer.status, answer.text = status or "", text or ""
            changed.append(answer)
        for answer in changed:
            answer.save()
        _bump(response, by=by)
        _record(response, event=ResponseVersion.Event.SAVED, by=by, action="response.saved")
    return response


def add_attachment(response, *, file, by):
    """Attach a file (PDF, Word, Excel, image; checked by content and size) to a draft response."""
    content_type = validate_upload(file, allowed=ATTACHMENT_TYPES)
    with transaction.atomic():
        response = _lock(response, None)
        _check_editable(response)
        attachment = Attachment.objects.create(
            response=response,
            file=file,
            original_name=name_for_content(file.name, content_type)[:255],
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


def submit_response(response, *, by, expected_version=None):
    """Submit a draft: every recommendation needs a status. The response is then locked.

    Side effects: status submitted, a version kept, the submission recorded in the audit trail.
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
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        _bump(response, by=by, fields=["status", "submitted_at"])
        _record(response, event=ResponseVersion.Event.SUBMITTED, by=by, action="response.submitted")
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
    return response


def post_responses(questionnaire, *, by):
    """Post every submitted response of `questionnaire`. Returns how many were posted."""
    posted = 0
    with transaction.atomic():
        for response in questionnaire.responses.filter(status=Response.Status.SUBMITTED):
            post_response(response, by=by)
            posted += 1
    return posted


# Following up ------------------------------------------------------------------------------------------------


def state_statuses(questionnaire):
    """Every participating State with its response (or None), in two queries."""
    responses = {
        response.member_state_id: response for response in questionnaire.responses.select_related("updated_by")
    }
    states = questionnaire.meeting.participating_states.order_by("name")
    return [(state, responses.get(state.pk)) for state in states]


# Transmittal note --------------------------------------------------------------------------------------------


def transmittal_title(questionnaire, language):
    with translation.override(language):
        return _("Implementation of the recommendations adopted by the %(meeting)s: responses to the questionnaire") % {
            "meeting": questionnaire.source_meeting.full_title(language)
        }


def generate_transmittal_note(questionnaire, *, by):
    """Create the transmittal note of `questionnaire`, or bring it up to date with the responses posted since.

    The note is a document of the questionnaire's meeting, filed under the agenda item on the implementation
    of the recommendations, with its own symbol; generated again, it keeps that symbol and takes the new date
    and every response posted until now (see README: the note is replaced, not amended).
    Side effects: creates or updates the Document; records the moment of generation, and the new or changed
    document in the audit trail. Returns the document.
    """
    from agendas.models import AgendaItem, Purpose
    from meetings.models import Document
    from meetings.services import issue_new_document

    meeting = questionnaire.meeting
    with transaction.atomic():
        questionnaire = (
            Questionnaire.objects.select_for_update(of=("self",))
            .select_related("transmittal_note")
            .get(pk=questionnaire.pk)
        )
        if not questionnaire.responses.filter(status=Response.Status.POSTED).exists():
            raise ValidationError(_("No response is posted yet: post responses before generating the note."))
        item = AgendaItem.objects.filter(
            agenda__meeting=meeting, parent=None, purpose=Purpose.RECOMMENDATIONS_REVIEW
        ).first()
        document = questionnaire.transmittal_note or Document(
            meeting=meeting,
            kind=Document.Kind.NOTE,
            distribution=Document.Distribution.RESTRICTED,
            original_language=meeting.body.original_language,
            printed_as=Document.PrintedAs.TRANSMITTAL_NOTE,
        )
        document.issue_date = timezone.localdate()
        document.agenda_item = item
        for code in meeting.body.working_languages:
            setattr(document, f"title_{code}", transmittal_title(questionnaire, code))
        if document.pk:
            document.save()
            log_action(
                document,
                "document.regenerated",
                by=by,
                data={"posted_responses": questionnaire.responses.filter(status=Response.Status.POSTED).count()},
            )
        else:
            issue_new_document(document, by=by)
        questionnaire.transmittal_note = document
        questionnaire.transmittal_generated_at = timezone.now()
        questionnaire.save(update_fields=["transmittal_note", "transmittal_generated_at"])
    return document
