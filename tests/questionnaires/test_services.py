import pytest
from django.core.exceptions import ValidationError

from questionnaires import recommendations, responses, transmittal
from questionnaires.models import Recommendation, Response, ResponseVersion
from questionnaires.summary import recommendation_summary
from tests.factories import MeetingFactory, answered, open_questionnaire, state


def test_pasted_recommendations_keep_topics_and_numbering(db):
    meeting = MeetingFactory(number=31)
    created = recommendations.add_recommendations_from_text(
        meeting,
        text="# Synthetic drugs\n\n1. Strengthen early warning.\n\n2. Share data\non precursors.\n\n"
        "# Maritime trafficking\n\n(a) Profile containers.",
        by=None,
    ).added
    assert [(r.number, r.topic.title_en, r.text_en) for r in created] == [
        (1, "Synthetic drugs", "Strengthen early warning."),
        (2, "Synthetic drugs", "Share data on precursors."),
        (3, "Maritime trafficking", "Profile containers."),
    ]


def test_generated_questionnaire_has_a_block_per_recommendation(db):
    questionnaire = open_questionnaire(recommendations=4)
    assert [q.recommendation.number for q in questionnaire.questions.all()] == [1, 2, 3, 4]
    assert questionnaire.source_meeting.number == 31


def test_second_save_from_the_same_version_is_refused(db):
    questionnaire = open_questionnaire()
    response = responses.response_for(questionnaire, state("ECU"), by=None)
    question = questionnaire.questions.first()
    responses.save_response(response, answers={question.pk: ("implemented", "First text")}, expected_version=0, by=None)
    with pytest.raises(responses.ConflictError):
        responses.save_response(
            response, answers={question.pk: ("not_yet", "Second text")}, expected_version=0, by=None
        )
    assert response.answers.get().text == "First text"


def test_submit_needs_every_status_then_locks(db):
    questionnaire = open_questionnaire()
    response = responses.response_for(questionnaire, state("ECU"), by=None)
    with pytest.raises(ValidationError):
        responses.submit_response(response, by=None)
    response = answered(questionnaire, "ECU", submit=True)
    assert response.status == Response.Status.SUBMITTED
    with pytest.raises(ValidationError):
        responses.save_response(response, answers={}, expected_version=response.version, by=None)
    assert list(response.versions.values_list("event", flat=True)) == ["submitted", "saved"]


def test_reopen_needs_a_reason_and_is_kept_in_the_versions(db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", post=True)
    with pytest.raises(ValidationError):
        responses.reopen_response(response, by=None, reason=" ")
    responses.reopen_response(response, by=None, reason="Wrong figures")
    response.refresh_from_db()
    assert (response.status, response.posted_at) == (Response.Status.DRAFT, None)
    assert ResponseVersion.objects.filter(response=response, event="reopened").get().reason == "Wrong figures"


def test_summary_counts_each_status(db):
    questionnaire = open_questionnaire(recommendations=2)
    answered(questionnaire, "ECU", status="implemented", post=True)
    answered(questionnaire, "MEX", status="not_yet", post=True)
    answered(questionnaire, "COL", status="partially")
    summary = recommendation_summary(questionnaire, posted_only=True)
    assert [row["counts"] for row in summary] == [[1, 0, 1, 0], [1, 0, 1, 0]]
    assert Recommendation.objects.count() == 2


def test_transmittal_note_command_prints_the_symbol_and_updates_in_place(db):
    import io

    from django.core.management import call_command

    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    first = io.StringIO()
    call_command("transmittal_note", "HONLAC", "32", stdout=first)
    answered(questionnaire, "MEX", post=True)
    second = io.StringIO()
    call_command("transmittal_note", "honlac", "32", stdout=second)
    assert first.getvalue() == second.getvalue() == "UNODC/HONLAC/32/2\n"
    questionnaire.refresh_from_db()
    assert questionnaire.transmittal_note.distribution == "restricted"
    assert questionnaire.transmittal_note.agenda_item is None  # the 32nd meeting has no agenda in this test


def test_transmittal_note_without_posted_responses_is_refused(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", submit=True)
    with pytest.raises(ValidationError):
        transmittal.generate_transmittal_note(questionnaire, by=None)
