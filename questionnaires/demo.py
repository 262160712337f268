"""Demonstration data of the questionnaire cycle: the recommendations adopted at the 31st HONLAC meeting, the
questionnaire of the 32nd meeting on their implementation, the responses of seven States and the transmittal note.

The questionnaire was opened on 15 May 2024 with a deadline of 30 August 2024; the States answered in between
(Brazil submitted late, after the note); the note is of 6 September 2024, before the meeting (8-11 October 2024).

Loading is idempotent. A response that already stands as the demo has it (same answers, same status, same
history) is left alone, its versions included; any other response of the questionnaire is deleted and, for a demo
State, entered again through the services, so that its versions are again those of the demo. Every response is
then given the demo's dates (its times, its versions' and its entries' in the audit trail).
"""

import datetime
import json
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.audit import log_action
from accounts.models import AuditEvent, User
from agendas.models import Topic
from meetings.issuing import issue_at_once
from meetings.models import Meeting, MemberState

from . import services
from .demo_history import SUBMITTED_31, answers_of_2023, continuation_of, load_history_demo
from .models import (
    Answer,
    Attachment,
    ImplementationStatus,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
)
from .responses import post_response, response_for, save_response, snapshot, submit_response
from .transmittal import generate_transmittal_note

# The texts of the demo (recommendations, questionnaire, responses in three languages) are in data/demo.json.
_DATA = json.loads((Path(__file__).resolve().parent / "data" / "demo.json").read_text(encoding="utf-8"))
_LANGUAGES = ("en", "fr", "es")

# Recommendations adopted at the 31st meeting, four under each working-group topic, in the order of the topics:
# (English, French, Spanish).
RECOMMENDATIONS_31 = [tuple(texts[code] for code in _LANGUAGES) for texts in _DATA["recommendations_31"]]
RECOMMENDATIONS_PER_TOPIC = 4

INTRODUCTION_32 = _DATA["introduction_32"]
DEADLINE_32 = datetime.date(2024, 8, 30)
OPENED_32 = datetime.datetime(2024, 5, 15, 9, 0, tzinfo=datetime.UTC)

GENERAL_QUESTIONS_32 = [tuple(texts[code] for code in _LANGUAGES) for texts in _DATA["general_questions_32"]]

# Per State: the status its response stands in, the working language the State writes in (Spanish; English for
# Brazil), the answer to each recommendation (status, measures taken) in the order of their numbers, and the
# answers to the general questions.
RESPONSES_32 = {
    code: (
        Response.Status(response["status"]),
        response["language"],
        [
            (ImplementationStatus(answer["status"]) if answer["status"] else "", answer["text"])
            for answer in response["answers"]
        ],
        response["general_answers"],
    )
    for code, response in _DATA["responses_32"].items()
}


def _utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


# Per State: when its response was last saved as a draft, submitted and posted on the secure page.
RESPONSE_TIMES_32 = {
    "ECU": (_utc(2024, 6, 10, 15, 20), _utc(2024, 6, 24, 16, 5), _utc(2024, 6, 26, 9, 30)),
    "MEX": (_utc(2024, 7, 2, 18, 10), _utc(2024, 7, 15, 17, 45), _utc(2024, 7, 17, 10, 0)),
    "PER": (_utc(2024, 7, 22, 14, 30), _utc(2024, 8, 5, 15, 10), _utc(2024, 8, 7, 9, 15)),
    "ARG": (_utc(2024, 8, 1, 13, 0), _utc(2024, 8, 19, 20, 40), _utc(2024, 8, 21, 9, 45)),
    "CHL": (_utc(2024, 8, 12, 16, 25), _utc(2024, 8, 28, 14, 55), _utc(2024, 8, 30, 10, 20)),
    "BRA": (_utc(2024, 8, 26, 19, 5), _utc(2024, 9, 12, 18, 30), None),
    "COL": (_utc(2024, 8, 27, 11, 40), None, None),
}
# The focal point opened the form this long before saving the draft.
DRAFTING_TIME = datetime.timedelta(minutes=25)
TRANSMITTAL_NOTE_32 = _utc(2024, 9, 6, 10, 0)


def load_questionnaire_demo(body):
    """Create or restore the recommendations of the 31st meeting of `body`, the questionnaire of the 32nd and its
    responses. Returns the questionnaire.

    The recommendations are adopted under the working-group topics of the 31st meeting, loaded before by
    agendas.demo: the sub-items of its agenda.
    Side effects: writes recommendations, questions, the questionnaire and responses (through the services, so
    that each response keeps its versions); deletes what the demo does not have: other recommendations and
    questions of these meetings, responses of other States and files attached to them.
    """
    with transaction.atomic():
        load_history_demo(body)
        meeting_31 = Meeting.objects.get(body=body, number=31)
        meeting_32 = Meeting.objects.get(body=body, number=32)
        topics = list(Topic.objects.filter(meeting=meeting_31, selected=True).order_by("position"))
        recommendations = _load_recommendations(meeting_31, topics)
        questionnaire = _load_questionnaire(meeting_32, source=meeting_31)
        questions = _load_questions(questionnaire, recommendations)
        others = Question.objects.filter(recommendation__meeting=meeting_31).exclude(pk__in=[q.pk for q in questions])
        _delete_questions(others)
        meeting_31.recommendations.exclude(pk__in=[r.pk for r in recommendations]).delete()
        _load_responses(questionnaire, questions)
        _load_transmittal_note(questionnaire)
    return questionnaire


def _load_recommendations(meeting, topics):
    """The recommendations of the 31st meeting, each continuing the one of the same number of the 30th."""
    earlier = {rec.number: rec for rec in Recommendation.objects.filter(meeting__body=meeting.body, meeting__number=30)}
    recommendations = []
    for index, (english, french, spanish) in enumerate(RECOMMENDATIONS_31):
        recommendation, _created = Recommendation.objects.update_or_create(
            meeting=meeting,
            number=index + 1,
            defaults={
                "continues": earlier[index + 1],
                "continuation": continuation_of(index + 1),
                "topic": topics[index // RECOMMENDATIONS_PER_TOPIC],
                "text": english,
                "text_en": english,
                "text_fr": french,
                "text_es": spanish,
            },
        )
        recommendations.append(recommendation)
    return recommendations


def _load_questionnaire(meeting, *, source):
    questionnaire = Questionnaire.objects.filter(meeting=meeting).first() or services.generate_questionnaire(
        meeting, by=None
    )
    questionnaire.source_meeting = source
    questionnaire.deadline = DEADLINE_32
    questionnaire.opened_at = OPENED_32
    for code, text in INTRODUCTION_32.items():
        setattr(questionnaire, f"introduction_{code}", text)
    # Written as the record of its opening in 2024, not through set_questionnaire_status, which refuses a deadline
    # already passed.
    previous, questionnaire.status = questionnaire.status, Questionnaire.Status.OPEN
    questionnaire.save()
    if previous != questionnaire.status:
        entry = log_action(
            questionnaire,
            "questionnaire.status_changed",
            by=None,
            data={"previous_status": previous, "status": questionnaire.status},
        )
        AuditEvent.objects.filter(pk=entry.pk).update(at=OPENED_32)
    return questionnaire


def _load_questions(questionnaire, recommendations):
    """One question per recommendation, in the order of their numbers, then the general questions."""
    questions = []
    for recommendation in recommendations:
        question = questionnaire.questions.filter(recommendation=recommendation).order_by("pk").first()
        questions.append(question or Question(questionnaire=questionnaire, recommendation=recommendation))
    general = list(questionnaire.questions.filter(recommendation=None).order_by("position", "pk"))
    for index, texts in enumerate(GENERAL_QUESTIONS_32):
        question = general[index] if index < len(general) else Question(questionnaire=questionnaire)
        question.text, question.text_en, question.text_fr, question.text_es = texts[0], *texts
        questions.append(question)
    for position, question in enumerate(questions, start=1):
        question.position = position
        if question.recommendation_id:
            question.text, question.text_en, question.text_fr, question.text_es = "", None, None, None
        question.save()
    _delete_questions(questionnaire.questions.exclude(pk__in=[question.pk for question in questions]))
    return questions


def _delete_questions(questions):
    Answer.objects.filter(question__in=questions).delete()
    questions.delete()


def _load_responses(questionnaire, questions):
    secretariat = User.objects.filter(role=User.Role.SECRETARIAT, is_superuser=False).order_by("pk").first()
    states = {state.code: state for state in MemberState.objects.filter(code__in=RESPONSES_32)}
    questionnaire.meeting.participating_states.add(*states.values())
    _delete_responses(questionnaire.responses.exclude(member_state__in=states.values()))
    for code, (status, language, answers, general_answers) in RESPONSES_32.items():
        entries = [*answers, *(("", text) for text in general_answers)]
        wanted = {question.pk: entry for question, entry in zip(questions, entries, strict=True)}
        # A draft leaves alone the blocks it has not come to yet: there, what the State answered in 2023 stays as
        # it was carried forward, to be confirmed or updated.
        kept = {}
        if status == Response.Status.DRAFT and code in SUBMITTED_31:
            earlier = answers_of_2023(code)
            kept = {q.pk: earlier[i] for i, q in enumerate(questions[: len(answers)]) if wanted[q.pk] == ("", "")}
        response = questionnaire.responses.filter(member_state=states[code]).first()
        if response is not None and _is_as_wanted(response, status, language, {**wanted, **kept}):
            continue
        if response is not None:
            _delete_responses(questionnaire.responses.filter(pk=response.pk))
        # A State without a focal point in the demo sent its answers by email; the secretariat entered them.
        focal_points = User.objects.filter(member_state=states[code], role=User.Role.FOCAL_POINT, is_active=True)
        by = focal_points.order_by("pk").first() or secretariat
        response = response_for(questionnaire, states[code], by=by)
        # The States that submitted confirmed the answers carried forward from their previous response; a draft
        # may still have some to confirm.
        confirmed = list(wanted) if status != Response.Status.DRAFT else ()
        written = {pk: entry for pk, entry in wanted.items() if pk not in kept}
        save_response(
            response, answers=written, expected_version=response.version, language=language, by=by, confirmed=confirmed
        )
        if status != Response.Status.DRAFT:
            # Submitted in 2024: no receipt goes out now.
            submit_response(response, by=by, receipt=False)
        if status == Response.Status.POSTED:
            post_response(response, by=secretariat)
    for code, times in RESPONSE_TIMES_32.items():
        _date_response(questionnaire.responses.get(member_state=states[code]), *times)


def _date_response(response, saved, submitted, posted):
    """Give `response` the demo's dates: its own times, its versions' and its entries' in the audit trail."""
    times = {
        ResponseVersion.Event.SAVED: saved,
        ResponseVersion.Event.SUBMITTED: submitted,
        ResponseVersion.Event.POSTED: posted,
    }
    for event, moment in times.items():
        if moment is not None:
            response.versions.filter(event=event).update(created_at=moment)
    Response.objects.filter(pk=response.pk).update(
        updated_at=posted or submitted or saved, submitted_at=submitted, posted_at=posted
    )
    entries = AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(Response), object_id=response.pk)
    actions = {
        "response.started": saved - DRAFTING_TIME,
        "response.saved": saved,
        "response.submitted": submitted,
        "response.posted": posted,
    }
    for action, moment in actions.items():
        if moment is not None:
            entries.filter(action=action).update(at=moment)


def _load_transmittal_note(questionnaire):
    """The transmittal note issued on 6 September 2024 (while a draft, generated again unless it stands so)."""
    questionnaire.refresh_from_db()
    note = questionnaire.transmittal_note
    if note is not None and note.is_issued:
        return
    if (
        note is None
        or questionnaire.transmittal_generated_at != TRANSMITTAL_NOTE_32
        or note.issue_date != TRANSMITTAL_NOTE_32.date()
    ):
        note = generate_transmittal_note(questionnaire, by=None, at=TRANSMITTAL_NOTE_32)
    issue_at_once(note, by=None, on=TRANSMITTAL_NOTE_32.date())


def _history(status):
    """The events of the versions of a demo response in `status`, the latest first."""
    saved, submitted, posted = (
        ResponseVersion.Event.SAVED,
        ResponseVersion.Event.SUBMITTED,
        ResponseVersion.Event.POSTED,
    )
    return {
        Response.Status.DRAFT: [saved],
        Response.Status.SUBMITTED: [submitted, saved],
        Response.Status.POSTED: [posted, submitted, saved],
    }[status]


def _is_as_wanted(response, status, language, wanted):
    expected = {
        "status": status,
        "language": language,
        "answers": {str(question_id): {"status": s, "text": t} for question_id, (s, t) in wanted.items()},
        "attachments": [],
    }
    events = list(response.versions.order_by("-pk").values_list("event", flat=True))
    return snapshot(response) == expected and events == _history(status)


def _delete_responses(responses):
    """Delete responses with their answers, versions and attachments, and the attached files once committed."""
    files = [(a.file.storage, a.file.name) for a in Attachment.objects.filter(response__in=responses)]
    responses.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
