"""Demonstration data of the cycle before the one of questionnaires.demo: the recommendations adopted at the 30th
HONLAC meeting (Panama City, October 2022), which those of the 31st continue, and the questionnaire of the 31st
meeting on their implementation, closed, with the responses of six States posted in 2023.

With it the demo has threads of recommendations across three meetings (30, 31, 32) and two cycles of answers, so
that the implementation matrix, the charts of progress and the answers carried forward into the responses of 2024
show something real. The answers of 2023 are those of 2024 a year earlier: the same State, a status a step behind
for about one answer in three, and the first of its sentences (or a shorter text).

Loaded before the 2024 responses of questionnaires.demo, which start from these; idempotent like it.
"""

import datetime
import json
import re
from pathlib import Path

from django.db import transaction

from accounts.models import User
from agendas.models import Topic
from meetings.models import Meeting, MemberState

from . import services
from .models import Continuation, ImplementationStatus, Questionnaire, Recommendation, Response
from .responses import post_response, response_for, save_response, submit_response

_FOLDER = Path(__file__).resolve().parent / "data"
_DATA = json.loads((_FOLDER / "demo.json").read_text(encoding="utf-8"))
# The recommendations of the 31st meeting that updated one of the 30th, with the earlier text: number -> texts.
UPDATED_30 = {
    int(number): texts
    for number, texts in json.loads((_FOLDER / "demo_30.json").read_text(encoding="utf-8"))[
        "updated_recommendations_30"
    ].items()
}
_LANGUAGES = ("en", "fr", "es")

OPENED_31 = datetime.datetime(2023, 5, 15, 9, 0, tzinfo=datetime.UTC)
DEADLINE_31 = datetime.date(2023, 8, 31)
# The States that answered in 2023, in Spanish, and when each submitted (posted two days later).
SUBMITTED_31 = {
    "ECU": datetime.datetime(2023, 6, 20, 15, 0, tzinfo=datetime.UTC),
    "MEX": datetime.datetime(2023, 7, 11, 16, 30, tzinfo=datetime.UTC),
    "PER": datetime.datetime(2023, 7, 27, 14, 10, tzinfo=datetime.UTC),
    "ARG": datetime.datetime(2023, 8, 14, 19, 45, tzinfo=datetime.UTC),
    "CHL": datetime.datetime(2023, 8, 24, 13, 20, tzinfo=datetime.UTC),
    "COL": datetime.datetime(2023, 8, 30, 17, 5, tzinfo=datetime.UTC),
}
POSTED_AFTER = datetime.timedelta(days=2)

_BEHIND = {
    ImplementationStatus.IMPLEMENTED: ImplementationStatus.PARTIALLY,
    ImplementationStatus.PARTIALLY: ImplementationStatus.NOT_YET,
}
_SHORTER = {
    ImplementationStatus.PARTIALLY: "Las medidas se aplican de manera parcial; se prevé ampliarlas el próximo año.",
    ImplementationStatus.NOT_YET: "Las instituciones competentes están preparando las medidas necesarias.",
}


def answer_of_2023(state_index, recommendation_index, status_2024, text_2024):
    """What a State answered in 2023 on a recommendation it answered (status_2024, text_2024) in 2024."""
    if not status_2024:
        return ImplementationStatus.NOT_YET, _SHORTER[ImplementationStatus.NOT_YET]
    status = status_2024
    if (state_index + recommendation_index) % 3 == 0:
        status = _BEHIND.get(status_2024, status_2024)
    first = re.split(r"(?<=\.)\s", text_2024, maxsplit=1)[0]
    if status != status_2024 or re.search(r"\b20(2[3-9])\b", first):
        return status, _SHORTER.get(status, first)
    return status, first


def answers_of_2023(code):
    """The answers of State `code` in 2023 on the twelve recommendations of the 30th meeting, in order."""
    state_index = list(SUBMITTED_31).index(code)
    answers = _DATA["responses_32"][code]["answers"]
    return [
        answer_of_2023(state_index, index, answer["status"], answer["text"]) for index, answer in enumerate(answers)
    ]


def load_history_demo(body):
    """Create or restore the topics and recommendations of the 30th meeting of `body`, link those of the 31st to
    them, and the closed questionnaire of the 31st with its posted responses. Returns that questionnaire."""
    with transaction.atomic():
        meeting_30 = Meeting.objects.get(body=body, number=30)
        meeting_31 = Meeting.objects.get(body=body, number=31)
        _load_recommendations_30(meeting_30, meeting_31)
        questionnaire = _load_questionnaire_31(meeting_31, source=meeting_30)
        _load_responses_31(questionnaire)
    return questionnaire


def _load_recommendations_30(meeting_30, meeting_31):
    """The topics of the 30th meeting (those of the 31st) and its twelve recommendations: the text of the 31st,
    or the earlier one where the 31st updated it."""
    topics = []
    for topic in Topic.objects.filter(meeting=meeting_31, selected=True).order_by("position"):
        earlier, _created = Topic.objects.update_or_create(
            meeting=meeting_30,
            position=topic.position,
            defaults={
                "title": topic.title_en,
                **{f"title_{code}": getattr(topic, f"title_{code}") for code in _LANGUAGES},
                "selected": True,
            },
        )
        topics.append(earlier)
    Topic.objects.filter(meeting=meeting_30).exclude(pk__in=[topic.pk for topic in topics]).delete()
    recommendations = []
    for index, texts in enumerate(_DATA["recommendations_31"]):
        number = index + 1
        texts = UPDATED_30.get(number, texts)
        recommendation, _created = Recommendation.objects.update_or_create(
            meeting=meeting_30,
            number=number,
            defaults={
                "topic": topics[index // 4],
                "text": texts["en"],
                **{f"text_{code}": texts[code] for code in _LANGUAGES},
            },
        )
        recommendations.append(recommendation)
    meeting_30.recommendations.exclude(pk__in=[rec.pk for rec in recommendations]).delete()
    return recommendations


def continuation_of(number):
    """How recommendation `number` of the 31st meeting continues the same number of the 30th."""
    return Continuation.UPDATED if number in UPDATED_30 else Continuation.REITERATED


def _load_questionnaire_31(meeting, *, source):
    questionnaire = Questionnaire.objects.filter(meeting=meeting).first() or services.generate_questionnaire(
        meeting, by=None
    )
    questionnaire.source_meeting = source
    questionnaire.deadline = DEADLINE_31
    questionnaire.opened_at = OPENED_31
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.save()
    return questionnaire


def _load_responses_31(questionnaire):
    """The posted responses of 2023 (entered again when they differ from the demo's), then the questionnaire
    closed."""
    secretariat = User.objects.filter(role=User.Role.SECRETARIAT, is_superuser=False).order_by("pk").first()
    states = {state.code: state for state in MemberState.objects.filter(code__in=SUBMITTED_31)}
    questions = list(questionnaire.questions.filter(recommendation__isnull=False).order_by("recommendation__number"))
    questionnaire.responses.exclude(member_state__in=states.values()).delete()
    for code, submitted in SUBMITTED_31.items():
        wanted = {question.pk: answer for question, answer in zip(questions, answers_of_2023(code), strict=True)}
        response = questionnaire.responses.filter(member_state=states[code]).first()
        if response is not None and response.status == Response.Status.POSTED and _answers(response) == wanted:
            continue
        if response is not None:
            response.delete()
        by = User.objects.filter(member_state=states[code], role=User.Role.FOCAL_POINT).order_by("pk").first()
        by = by or secretariat
        response = response_for(questionnaire, states[code], by=by)
        save_response(response, answers=wanted, expected_version=response.version, language="es", by=by)
        submit_response(response, by=by, receipt=False)
        post_response(response, by=secretariat)
        response.versions.update(created_at=submitted)
        Response.objects.filter(pk=response.pk).update(
            updated_at=submitted + POSTED_AFTER, submitted_at=submitted, posted_at=submitted + POSTED_AFTER
        )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)


def _answers(response):
    return {answer.question_id: (answer.status, answer.text) for answer in response.answers.all()}
