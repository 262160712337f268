import datetime
import re
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import AuditEvent
from agendas.models import Consultation, Topic
from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.models import Document, Meeting
from questionnaires import responses, services
from questionnaires.models import Question, Questionnaire, Recommendation, Response
from tests.factories import state
from tests.helpers import pdf_text

POSTED_HISTORY = ["posted", "submitted", "saved"]


@pytest.fixture
def questionnaire(db):
    load_demo()
    return Questionnaire.objects.get(meeting__number=32)


def demo_counts():
    return (
        Recommendation.objects.filter(meeting__number=31).count(),
        Question.objects.filter(questionnaire__meeting__number=32).count(),
        Counter(Response.objects.filter(questionnaire__meeting__number=32).values_list("status", flat=True)),
    )


def histories():
    """Per State: each version (id, event, when) and the times of the response; changed by any new save."""
    return {
        response.member_state.code: (
            response.version,
            response.submitted_at,
            response.posted_at,
            list(response.versions.order_by("-pk").values_list("pk", "event", "created_at")),
        )
        for response in Response.objects.filter(questionnaire__meeting__number=32).select_related("member_state")
    }


def events(code):
    response = Response.objects.get(questionnaire__meeting__number=32, member_state__code=code)
    return list(response.versions.order_by("-pk").values_list("event", flat=True))


def test_load_demo_twice_gives_the_same_questionnaire_and_keeps_the_versions(questionnaire):
    counts, before = demo_counts(), histories()
    load_demo()
    assert demo_counts() == counts == (12, 14, Counter(posted=5, submitted=1, draft=1))
    assert histories() == before
    assert {code: events(code) for code in before} == {
        "ECU": POSTED_HISTORY,
        "MEX": POSTED_HISTORY,
        "PER": POSTED_HISTORY,
        "ARG": POSTED_HISTORY,
        "CHL": POSTED_HISTORY,
        "BRA": ["submitted", "saved"],
        "COL": ["saved"],
    }


def test_load_demo_restores_what_a_user_changed(questionnaire):
    ecuador = questionnaire.responses.get(member_state__code="ECU")
    demo_answers = dict(ecuador.answers.values_list("question_id", "text"))
    mexico_before = histories()["MEX"]
    ecuador = responses.reopen_response(ecuador, by=None, reason="Wrong figures")
    first_question = questionnaire.questions.get(position=1)
    responses.save_response(
        ecuador, answers={first_question.pk: ("not_yet", "Changed")}, expected_version=ecuador.version, by=None
    )
    responses.response_for(questionnaire, state("URY"), by=None)
    Recommendation.objects.filter(meeting__number=31, number=1).update(text_fr="Modifié")
    Question.objects.create(questionnaire=questionnaire, position=15, text_en="An extra question?")
    services.set_questionnaire_status(questionnaire, status=Questionnaire.Status.CLOSED, by=None)

    load_demo()

    ecuador = questionnaire.responses.get(member_state__code="ECU")
    assert (ecuador.status, events("ECU")) == (Response.Status.POSTED, POSTED_HISTORY)
    assert dict(ecuador.answers.values_list("question_id", "text")) == demo_answers
    assert histories()["MEX"] == mexico_before
    assert not questionnaire.responses.filter(member_state__code="URY").exists()
    assert demo_counts() == (12, 14, Counter(posted=5, submitted=1, draft=1))
    assert Recommendation.objects.get(meeting__number=31, number=1).text_fr.startswith("Les gouvernements")
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN


def test_colombia_has_a_draft_with_answers_of_2023_still_to_confirm(questionnaire):
    from questionnaires.carry import awaiting_confirmation

    colombia = questionnaire.responses.get(member_state__code="COL")
    answers = list(colombia.answers.all())
    empty = [answer for answer in answers if not answer.status and not answer.text]
    assert colombia.status == Response.Status.DRAFT
    assert 0 < len(empty) < len(answers) == 14
    # The blocks it has not come to yet hold its answers of 2023, as carried forward.
    awaiting = {question.recommendation.number for question in awaiting_confirmation(colombia)}
    assert {3, 4, 6, 8, 12} <= awaiting
    carried = colombia.answers.get(question__recommendation__number=3)
    assert carried.carried_from.response.questionnaire.meeting.number == 31
    assert (carried.status, carried.text) == (carried.carried_status, carried.carried_text) != ("", "")


def test_submitted_and_posted_responses_answer_every_question(questionnaire):
    for response in questionnaire.responses.exclude(status=Response.Status.DRAFT):
        assert responses.missing_statuses(response) == []
        assert all(answer.text for answer in response.answers.all()), response.member_state.code
        assert response.submitted_at is not None
        assert (response.posted_at is not None) == (response.status == Response.Status.POSTED)


def test_every_recommendation_has_english_french_and_spanish_text(questionnaire):
    recommendations = Recommendation.objects.filter(meeting__number=31).select_related("topic")
    assert [(r.number, r.topic.position) for r in recommendations] == [
        (number, (number - 1) // 4 + 1) for number in range(1, 13)
    ]
    for recommendation in recommendations:
        assert recommendation.text_en.startswith("Governments should ")
        assert recommendation.text_fr.startswith("Les gouvernements devraient ")
        assert recommendation.text_es.startswith("Los gobiernos deberían ")
    assert all(
        topic.title_en and topic.title_fr and topic.title_es for topic in questionnaire.source_meeting.topics.all()
    )


def test_questionnaire_is_open_with_its_deadline_introduction_and_general_questions(questionnaire):
    assert questionnaire.status == Questionnaire.Status.OPEN
    assert questionnaire.deadline == datetime.date(2024, 8, 30)
    assert questionnaire.opened_at.date() == datetime.date(2024, 5, 15)
    for language in ("en", "fr", "es"):
        assert len(getattr(questionnaire, f"introduction_{language}").split("\n\n")) == 2
    general = questionnaire.questions.filter(recommendation=None)
    assert [question.position for question in general] == [13, 14]
    assert all(question.text_en and question.text_fr and question.text_es for question in general)


def test_responding_states_take_part_in_the_32nd_meeting(questionnaire):
    participants = Meeting.objects.get(number=32).participating_states
    assert set(questionnaire.responses.values_list("member_state__code", flat=True)) <= set(
        participants.values_list("code", flat=True)
    )
    assert questionnaire.responses.count() == 7


def test_each_demo_response_is_in_the_language_its_state_writes_in(questionnaire):
    languages = dict(questionnaire.responses.values_list("member_state__code", "language"))
    assert languages == {"ECU": "es", "MEX": "es", "PER": "es", "ARG": "es", "CHL": "es", "BRA": "en", "COL": "es"}


def moments(response):
    """Every moment recorded for a demo response: its times, its versions and its entries in the audit trail."""
    times = [response.updated_at, response.submitted_at, response.posted_at]
    times += list(response.versions.values_list("created_at", flat=True))
    times += list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Response), object_id=response.pk
        ).values_list("at", flat=True)
    )
    return [time for time in times if time is not None]


def test_demo_follows_the_cycle_in_time(questionnaire):
    meeting_31, meeting_32 = Meeting.objects.get(number=31), Meeting.objects.get(number=32)
    consultation = Consultation.objects.get(meeting=meeting_32)
    note = questionnaire.transmittal_note
    opened, deadline = questionnaire.opened_at, questionnaire.deadline
    end_of_deadline = datetime.datetime.combine(deadline, datetime.time.max, tzinfo=datetime.UTC)

    assert (meeting_32.host_state.code, meeting_32.city_en, meeting_32.city_fr, meeting_32.city_es) == (
        "PER",
        "Lima",
        "Lima",
        "Lima",
    )
    assert (meeting_32.start_date, meeting_32.end_date) == (datetime.date(2024, 10, 8), datetime.date(2024, 10, 11))
    assert all(document.issue_date < meeting_31.start_date for document in meeting_31.documents.all())
    assert meeting_31.end_date < consultation.opened_at.date() < consultation.closes_at.date() < opened.date()
    assert not consultation.is_open
    proposals = Topic.objects.filter(meeting=meeting_32)
    assert all(meeting_31.start_date <= t.proposed_at.date() < consultation.closes_at.date() for t in proposals)
    assert all(
        consultation.opened_at < voice.updated_at < consultation.closes_at for voice in consultation.voices.all()
    )
    for response in questionnaire.responses.exclude(member_state__code="BRA"):
        assert all(opened < moment <= end_of_deadline for moment in moments(response)), response.member_state.code
    # Brazil answered within the time, and submitted late, after the note: its response waits to be posted.
    brazil = questionnaire.responses.get(member_state__code="BRA")
    assert opened < brazil.versions.get(event="saved").created_at <= end_of_deadline
    assert note.issue_date < brazil.submitted_at.date() < meeting_32.start_date
    assert deadline < note.issue_date == datetime.date(2024, 9, 6) < meeting_32.start_date
    assert questionnaire.transmittal_generated_at.date() == note.issue_date
    assert note.symbol == "UNODC/HONLAC/32/2"


def test_demo_transmittal_note_reports_the_five_responses_posted_by_its_date(questionnaire):
    reader, text = pdf_text(render_document(questionnaire.transmittal_note, language="en"))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Lima, 8-11 October 2024" in first
    assert "6 September 2024" in first
    assert (
        "As at 6 September 2024, responses had been received from the following five States: Argentina, Chile, "
        "Ecuador, Mexico and Peru." in text
    )
    assert "Brazil" not in text
    spanish = pdf_text(render_document(questionnaire.transmittal_note, language="es"))[1]
    assert "Lima, 8 a 11 de octubre de 2024" in spanish
    assert spanish.count("[Original: español]") == 5


def test_load_demo_twice_keeps_the_transmittal_note(questionnaire):
    note = questionnaire.transmittal_note
    before = (note.pk, note.symbol, note.issue_date, questionnaire.transmittal_generated_at, Document.objects.count())
    load_demo()
    questionnaire.refresh_from_db()
    after = questionnaire.transmittal_note
    assert (
        after.pk,
        after.symbol,
        after.issue_date,
        questionnaire.transmittal_generated_at,
        Document.objects.count(),
    ) == before


def test_the_recommendations_of_the_31st_meeting_continue_those_of_the_30th(questionnaire):
    from questionnaires.implementation import threads

    later = list(Recommendation.objects.filter(meeting__number=31))
    chains = threads(later)
    assert all([rec.meeting.number for rec in chains[rec.pk]] == [30, 31] for rec in later)
    assert sorted(r.number for r in later if r.continuation == "updated") == [2, 6, 9, 12]
    for recommendation in later:
        earlier = recommendation.continues
        assert earlier.number == recommendation.number
        assert (earlier.text_fr == recommendation.text_fr) == (recommendation.continuation == "reiterated")
        assert earlier.topic.title_en == recommendation.topic.title_en


def test_the_questionnaire_of_the_31st_meeting_is_closed_with_six_posted_responses_of_2023(questionnaire):
    earlier = Questionnaire.objects.get(meeting__number=31)
    assert earlier.source_meeting.number == 30
    assert earlier.status == Questionnaire.Status.CLOSED
    posted = earlier.responses.filter(status=Response.Status.POSTED)
    assert sorted(posted.values_list("member_state__code", flat=True)) == ["ARG", "CHL", "COL", "ECU", "MEX", "PER"]
    assert {response.submitted_at.year for response in posted} == {2023}
    for response in posted:
        assert responses.missing_statuses(response) == []
        assert all(answer.text for answer in response.answers.all())
        assert "2024" not in " ".join(response.answers.values_list("text", flat=True))


def test_states_moved_forward_between_the_two_cycles(questionnaire):
    """Some answers of 2024 are a step ahead of 2023, none behind: the charts show progress."""
    order = ["not_yet", "partially", "implemented"]
    ahead = 0
    for earlier in Response.objects.filter(questionnaire__meeting__number=31):
        later = questionnaire.responses.get(member_state=earlier.member_state)
        now = {
            a.question.recommendation.continues_id: a.status
            for a in later.answers.filter(question__recommendation__isnull=False).select_related(
                "question__recommendation"
            )
        }
        for answer in earlier.answers.select_related("question"):
            status = now.get(answer.question.recommendation_id)
            if status in order and answer.status in order:
                assert order.index(status) >= order.index(answer.status)
                ahead += order.index(status) > order.index(answer.status)
    assert ahead >= 10
