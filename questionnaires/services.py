"""Business actions on the questionnaire itself: generating it, changing it, its status, following it up.

The other concerns of the cycle have their own modules: recommendations.py, responses.py, runs.py (mail runs)
and transmittal.py.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action
from meetings.models import Meeting
from meetings.wording import long_date

from .models import Question, Questionnaire


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
    """Open, close or return to draft. Opening needs a deadline that has not passed.

    Side effects: saves the status (and the moment of first opening); records the change in the audit trail.
    Raises ValidationError, changing nothing, when opening without a deadline or with one in the past.
    """
    if status == Questionnaire.Status.OPEN and questionnaire.deadline is None:
        raise ValidationError(_("Set a deadline before opening the questionnaire."))
    if status == Questionnaire.Status.OPEN and questionnaire.deadline < timezone.localdate():
        raise ValidationError(
            _("The deadline, %(date)s, has passed: set a later one before opening the questionnaire.")
            % {"date": long_date(questionnaire.deadline, get_language() or "en")}
        )
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


# Following up ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseState:
    """What the dashboard shows of a State's response."""

    pk: int
    status: str
    returned_at: object
    updated_at: object
    updated_by: str  # the username of who changed it last, "" if no one


def state_statuses(questionnaire):
    """Every participating State with its response's state (or None), in two queries: the fields the dashboard
    shows, as plain rows (193 model instances would cost more than printing them)."""
    responses = {
        state_id: ResponseState(pk, status, returned_at, updated_at, username or "")
        for state_id, pk, status, returned_at, updated_at, username in questionnaire.responses.order_by().values_list(
            "member_state_id", "pk", "status", "returned_at", "updated_at", "updated_by__username"
        )
    }
    states = questionnaire.meeting.participating_states.order_by("name")
    return [(state, responses.get(state.pk)) for state in states]
