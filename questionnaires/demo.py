"""Demonstration data of the questionnaire cycle: the recommendations adopted at the 31st HONLAC meeting, the
questionnaire of the 32nd meeting on their implementation, and the responses of seven States.

Loading is idempotent. A response that already stands as the demo has it (same answers, same status, same
history) is left alone, versions and times included; any other response of the questionnaire is deleted and, for
a demo State, entered again through the services, so that its versions are again those of the demo.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from accounts.models import User
from agendas.models import Topic
from meetings.models import Meeting, MemberState

from . import services
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
    return questionnaire


def _load_recommendations(meeting, topics):
    recommendations = []
    for index, (english, french, spanish) in enumerate(RECOMMENDATIONS_31):
        recommendation, _created = Recommendation.objects.update_or_create(
            meeting=meeting,
            number=index + 1,
            defaults={
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
    questionnaire.save()
    return services.set_questionnaire_status(questionnaire, status=Questionnaire.Status.OPEN, by=None)


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
        response = questionnaire.responses.filter(member_state=states[code]).first()
        if response is not None and _is_as_wanted(response, status, language, wanted):
            continue
        if response is not None:
            _delete_responses(questionnaire.responses.filter(pk=response.pk))
        # A State without a focal point in the demo sent its answers by email; the secretariat entered them.
        focal_points = User.objects.filter(member_state=states[code], role=User.Role.FOCAL_POINT, is_active=True)
        by = focal_points.order_by("pk").first() or secretariat
        response = response_for(questionnaire, states[code], by=by)
        save_response(response, answers=wanted, expected_version=response.version, language=language, by=by)
        if status != Response.Status.DRAFT:
            submit_response(response, by=by)
        if status == Response.Status.POSTED:
            post_response(response, by=secretariat)


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
