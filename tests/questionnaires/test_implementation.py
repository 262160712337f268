"""The threads of recommendations and what each reader may count of the States' answers
(questionnaires.implementation), which the matrix, the charts and the analysis all use."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from questionnaires.implementation import NO_ANSWER, counts, reported, thread, threads
from questionnaires.models import Continuation, Questionnaire, Recommendation
from tests.factories import (
    MeetingFactory,
    answered,
    focal_point,
    recommendations_for,
    secretariat_user,
    state,
    three_cycles,
)


@pytest.fixture
def cycles(db):
    return three_cycles()


def test_a_thread_runs_from_the_earliest_meeting_to_the_latest(cycles):
    first, second = cycles
    later = Recommendation.objects.get(meeting=second.source_meeting, number=2)
    chain = thread(later)
    assert [(rec.meeting.number, rec.number) for rec in chain] == [(30, 2), (31, 2)]
    assert chain[1].continuation == Continuation.UPDATED
    earliest = chain[0]
    assert [rec.pk for rec in thread(earliest)] == [rec.pk for rec in chain]


def test_threads_of_many_recommendations_take_a_fixed_number_of_queries(cycles, django_assert_num_queries):
    _, second = cycles
    recommendations = list(Recommendation.objects.filter(meeting=second.source_meeting))
    with django_assert_num_queries(3):
        result = threads(recommendations)
    assert {len(chain) for chain in result.values()} == {2}


@translation.override("en")
def test_a_recommendation_continues_an_earlier_meeting_of_its_body_only(cycles):
    first, second = cycles
    earlier = Recommendation.objects.get(meeting=first.source_meeting, number=1)
    later = Recommendation.objects.get(meeting=second.source_meeting, number=1)
    earlier.continues, earlier.continuation = later, Continuation.REITERATED
    with pytest.raises(ValidationError, match="earlier meeting"):
        earlier.full_clean()
    other_body = MeetingFactory(body__code="honlaf", body__symbol_prefix="UNODC/HONLAF", number=40)
    foreign = recommendations_for(other_body, 1)[0]
    foreign.continues, foreign.continuation = earlier, Continuation.REITERATED
    with pytest.raises(ValidationError, match="same body"):
        foreign.full_clean()


def test_a_recommendation_is_continued_at_most_once_per_meeting_and_says_how(cycles):
    first, second = cycles
    earlier = Recommendation.objects.get(meeting=first.source_meeting, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(
            meeting=second.source_meeting, number=9, text_en="Again.", continues=earlier, continuation="reiterated"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(meeting=second.source_meeting, number=9, text_en="Again.", continues=earlier)


def test_the_secretariat_counts_submitted_answers_and_participants_posted_ones(cycles):
    first, _ = cycles
    answered(first, "ECU", status="implemented", post=True)
    answered(first, "MEX", status="partially", submit=True)
    answered(first, "COL", status="not_yet")  # a draft: nobody else counts it
    recommendations = list(Recommendation.objects.filter(meeting=first.source_meeting))
    ids = [rec.pk for rec in recommendations]
    states = [state(code).pk for code in ("ECU", "MEX", "COL")]

    by_secretariat = counts(reported(secretariat_user(), recommendations), states, ids)
    assert by_secretariat[ids[0]] == {"implemented": 1, "partially": 1, "not_yet": 0, "not_applicable": 0, NO_ANSWER: 1}

    by_colombia = counts(reported(focal_point("COL"), recommendations), states, ids)
    assert by_colombia[ids[0]] == {"implemented": 1, "partially": 0, "not_yet": 0, "not_applicable": 0, NO_ANSWER: 2}


def test_a_state_outside_the_reviewing_meeting_counts_nothing(cycles):
    first, _ = cycles
    answered(first, "ECU", post=True)
    recommendations = list(Recommendation.objects.filter(meeting=first.source_meeting))
    assert reported(focal_point("PER"), recommendations) == {}
    assert reported(focal_point("ECU"), recommendations)


def test_reported_takes_one_query(cycles, django_assert_num_queries):
    first, _ = cycles
    for code in ("ECU", "MEX", "COL"):
        answered(first, code, post=True)
    recommendations = list(Recommendation.objects.filter(meeting=first.source_meeting))
    reader = focal_point("MEX")
    reader.member_state  # noqa: B018 (loaded before counting)
    with django_assert_num_queries(1):
        cells = reported(reader, recommendations)
    assert len(cells) == 9
    assert Questionnaire.objects.count() == 2


def test_saving_an_answer_records_who_wrote_it_last_and_when(cycles):
    _, second = cycles
    writer = focal_point("ECU")
    response = answered(second, "ECU")
    question = second.questions.first()
    from questionnaires import responses

    responses.save_response(
        response, answers={question.pk: ("partially", "Changed.")}, expected_version=response.version, by=writer
    )
    changed = response.answers.get(question=question)
    untouched = response.answers.exclude(question=question).first()
    assert changed.updated_by == writer and changed.updated_at is not None
    assert untouched.updated_by is None


def test_changing_a_carried_answer_confirms_it(cycles):
    first, second = cycles
    previous = answered(first, "ECU", post=True).answers.first()
    response = answered(second, "ECU")
    answer = response.answers.first()
    answer.carried_from, answer.carried_status, answer.carried_text = previous, previous.status, previous.text
    answer.confirmed_at = None  # answered() confirms what it carried forward
    answer.save()
    assert answer.awaits_confirmation
    from questionnaires import responses

    responses.save_response(
        response, answers={answer.question_id: ("partially", "New.")}, expected_version=response.version, by=None
    )
    answer.refresh_from_db()
    assert not answer.awaits_confirmation
