"""Answers carried forward from the previous cycle (questionnaires.carry): which answers a new response starts
from, confirming or updating them before submitting, and what changed since the last cycle."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent, User
from questionnaires import carry, responses
from questionnaires.models import Answer, Recommendation, Response
from tests.factories import (
    UserFactory,
    answered,
    focal_point,
    state,
    three_cycles,
)
from tests.helpers import LOGIN, ROLES, assert_answer

SUBMITTED_IN_2023 = datetime.datetime(2023, 5, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def cycles(db):
    return three_cycles()


def previous(questionnaire, code="ECU", *, status="partially", text="Old measures.", post=False):
    """The response of `code` to the questionnaire of meeting 31, submitted (in 2023) or posted."""
    response = answered(questionnaire, code, status=status, text=text, submit=True, post=post)
    Response.objects.filter(pk=response.pk).update(submitted_at=SUBMITTED_IN_2023)
    return response


def new_response(questionnaire, code="ECU"):
    return responses.response_for(questionnaire, state(code), by=None)


def question_ids(questionnaire):
    return list(questionnaire.questions.order_by("position").values_list("pk", flat=True))


def edit_url(response):
    return reverse("questionnaires:response_edit", args=[response.pk])


def form_data(response, *, changes=None, confirm=()):
    """What the form sends as it stands (each answer as saved), with `changes` {question id: (status, text)}
    and the confirmation boxes of `confirm` ticked. Text areas come back with CRLF line ends, as from a browser."""
    data = {"version": response.version, "language": "en"}
    for answer in response.answers.all():
        status, text = (changes or {}).get(answer.question_id, (answer.status, answer.text))
        data[f"status_{answer.question_id}"] = status
        data[f"text_{answer.question_id}"] = text.replace("\n", "\r\n")
    for pk in confirm:
        data[f"confirm_{pk}"] = "on"
    return data


def awaiting(response):
    return set(
        response.answers.filter(carried_from__isnull=False, confirmed_at__isnull=True).values_list(
            "question_id", flat=True
        )
    )


# Carrying forward -----------------------------------------------------------------------------------------------


def test_a_new_response_starts_from_the_states_last_submitted_answers(cycles):
    first, second = cycles
    before = previous(first, text="Old measures.\nA second line.")
    response = new_response(second)
    rows = {
        answer.question.recommendation.continues_id: answer
        for answer in response.answers.select_related("question__recommendation")
    }
    earlier = {answer.question.recommendation_id: answer for answer in before.answers.select_related("question")}
    assert set(rows) == set(earlier)
    for recommendation_id, answer in rows.items():
        assert (answer.status, answer.text) == ("partially", "Old measures.\nA second line.")
        assert (answer.carried_from, answer.carried_status, answer.carried_text) == (
            earlier[recommendation_id],
            "partially",
            "Old measures.\nA second line.",
        )
        assert answer.confirmed_at is None and answer.awaits_confirmation
    started = AuditEvent.objects.get(action="response.started", object_id=response.pk)
    assert started.details == {"carried": [1, 2, 3]}


def test_the_form_marks_a_carried_block_with_the_year_of_the_previous_submission(client, cycles):
    first, second = cycles
    previous(first)
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:my_response", args=["honlac", 32]), follow=True)
    html = page.content.decode()
    assert html.count("From your response of 2023: confirm or update") == 3
    assert html.count("I confirm this answer") == 3
    assert page.context["form"].answered_summary() == "0 of 3 answered"
    [block] = [b for b in page.context["form"].blocks() if b.question.recommendation and b.question.position == 1]
    assert block.status.value() == "partially" and block.text.value() == "Old measures."


def test_the_year_is_that_of_the_meeting_when_the_previous_response_has_no_date_of_submission(client, cycles):
    first, second = cycles
    before = previous(first)
    Response.objects.filter(pk=before.pk).update(submitted_at=None)
    response = new_response(second)
    assert {entry.year for entry in carry.carried_answers(response).values()} == {2023}
    client.force_login(focal_point("ECU"))
    with_french = client.get(edit_url(response), headers={"accept-language": "fr"})
    assert "De votre réponse de 2023\u00a0: à confirmer ou mettre à jour" in with_french.content.decode()


def test_nothing_is_carried_from_a_draft_nor_from_another_state(cycles):
    first, second = cycles
    answered(first, "ECU")  # a draft
    previous(first, "MEX", status="implemented")
    assert not new_response(second, "ECU").answers.exists()
    mexico = new_response(second, "MEX")
    assert set(mexico.answers.values_list("carried_from__response__member_state__code", "status")) == {
        ("MEX", "implemented")
    }


def test_carrying_forward_twice_carries_nothing_twice_and_an_older_response_is_left_as_is(cycles):
    first, second = cycles
    previous(first)
    older = Response.objects.create(questionnaire=second, member_state=state("ECU"))  # before carrying existed
    assert responses.response_for(second, state("ECU"), by=None) == older
    assert not older.answers.exists()
    assert len(carry.carry_forward(older)) == 3
    assert carry.carry_forward(older) == []
    assert older.answers.count() == 3


def test_a_recommendation_that_continues_nothing_starts_empty(cycles):
    first, second = cycles
    previous(first)
    Recommendation.objects.filter(meeting=second.source_meeting, number=2).update(continues=None, continuation="")
    response = new_response(second)
    assert sorted(response.answers.values_list("question__recommendation__number", flat=True)) == [1, 3]


def test_creating_a_response_carries_its_answers_in_a_fixed_number_of_queries(db):
    first, second = three_cycles(recommendations=40)
    previous(first, "ECU")
    few = previous(first, "MEX")
    few.answers.exclude(question__position__lte=3).delete()

    def queries(code):
        with CaptureQueriesContext(connection) as captured:
            response = new_response(second, code)
        return response.answers.count(), len(captured)

    (three, with_three), (forty, with_forty) = queries("MEX"), queries("ECU")
    assert (three, forty) == (3, 40)
    assert with_three == with_forty


# Confirming or updating before submitting ----------------------------------------------------------------------


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_submit_is_refused_until_every_carried_answer_is_confirmed(cycles, english):
    first, second = cycles
    previous(first)
    response = new_response(second)
    with pytest.raises(ValidationError, match=r"not yet confirmed: 1, 2, 3\)"):
        responses.submit_response(response, by=None)
    ids = question_ids(second)
    response = responses.confirm_answers(response, ids[:2], by=None, expected_version=response.version)
    with pytest.raises(ValidationError, match=r"not yet confirmed: 3\)"):
        responses.submit_response(response, by=None)
    response = responses.confirm_answers(response, ids, by=None, expected_version=response.version)
    responses.submit_response(response, by=None)
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED
    kept = response.versions.filter(number=response.version).get()
    assert kept.event == "saved"
    assert AuditEvent.objects.filter(action="response.answers_confirmed").values_list("details", flat=True)[0] == {
        "version": response.version,
        "confirmed": [3],
    }


def test_confirming_is_locked_like_saving(cycles):
    first, second = cycles
    previous(first)
    response = new_response(second)
    ids = question_ids(second)
    with pytest.raises(responses.ConflictError):
        responses.confirm_answers(response, ids, by=None, expected_version=response.version + 1)
    response = responses.confirm_answers(response, ids, by=None, expected_version=response.version)
    version = response.version
    assert responses.confirm_answers(response, ids, by=None, expected_version=version).version == version
    second.status = "closed"
    second.save()
    Answer.objects.filter(response=response).update(confirmed_at=None)
    with pytest.raises(ValidationError):
        responses.confirm_answers(response, ids, by=None, expected_version=version)


def test_the_form_refuses_to_submit_and_lists_the_answers_to_confirm_with_links(client, cycles):
    first, second = cycles
    previous(first)
    response = new_response(second)
    client.force_login(focal_point("ECU"))
    refused = client.post(edit_url(response), {**form_data(response), "submit": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    ids = question_ids(second)
    for number, pk in ((1, ids[0]), (2, ids[1]), (3, ids[2])):
        assert f'href="#question-{pk}">Recommendation {number}: answer of 2023 not yet confirmed</a>' in html
    assert Response.objects.get(pk=response.pk).status == Response.Status.DRAFT
    asked = client.get(reverse("questionnaires:response_submit", args=[response.pk]))
    assert asked["Location"] == edit_url(response) + "?check=submit"
    check = client.get(asked["Location"]).content.decode()
    assert "Recommendation 2: answer of 2023 not yet confirmed" in check


def test_confirming_one_and_changing_another_through_the_form_then_submitting(client, cycles):
    first, second = cycles
    previous(first, text="Old measures.\nSecond line.")
    response = new_response(second)
    ids = question_ids(second)
    client.force_login(focal_point("ECU"))
    data = form_data(response, changes={ids[1]: ("implemented", "Old measures.\nSecond line.")}, confirm=[ids[0]])
    assert client.post(edit_url(response), data).status_code == 302
    # The text came back with CRLF line ends: not a change, so the third answer still awaits confirmation.
    assert awaiting(response) == {ids[2]}
    assert response.answers.get(question_id=ids[1]).status == "implemented"
    response.refresh_from_db()
    page = client.get(edit_url(response))
    assert page.context["form"].answered_summary() == "2 of 3 answered"
    data = form_data(response, changes={ids[2]: ("partially", "Old measures.\nSecond line. And more.")})
    assert client.post(edit_url(response), {**data, "submit": ""})["Location"].endswith(
        reverse("questionnaires:response_submit", args=[response.pk])
    )
    response.refresh_from_db()
    submit = client.post(reverse("questionnaires:response_submit", args=[response.pk]), {"version": response.version})
    assert submit.status_code == 302
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED


def test_the_autosave_confirms_a_ticked_answer(client, cycles):
    first, second = cycles
    previous(first)
    response = new_response(second)
    ids = question_ids(second)
    client.force_login(focal_point("ECU"))
    saved = client.post(
        reverse("questionnaires:response_autosave", args=[response.pk]), form_data(response, confirm=[ids[2]])
    )
    assert saved.status_code == 200
    assert awaiting(response) == {ids[0], ids[1]}
    event = AuditEvent.objects.filter(action="response.saved", object_id=response.pk).get()
    assert event.details == {"version": 1, "confirmed": [3]}


CONFIRMERS = (LOGIN, 302, 404, 404, 302, 302, 404, 404)
CONFIRMER_ROLES = [*ROLES, "contributor_own", "contributor_other"]


@pytest.fixture
def people(users):
    def contributor(username, code):
        return UserFactory(username=username, role=User.Role.CONTRIBUTOR, member_state=state(code))

    return {
        **users,
        "contributor_own": contributor("ctb-ecu", "ECU"),
        "contributor_other": contributor("ctb-mex", "MEX"),
    }


@pytest.mark.parametrize("role", CONFIRMER_ROLES)
@pytest.mark.parametrize("way", ["form", "autosave"])
def test_confirm_permission_matrix(client, people, cycles, role, way):
    first, second = cycles
    previous(first)
    response = new_response(second)
    ids = question_ids(second)
    if people[role] is not None:
        client.force_login(people[role])
    wanted = dict(zip(CONFIRMER_ROLES, CONFIRMERS, strict=True))[role]
    if way == "form":
        assert_answer(client.post(edit_url(response), form_data(response, confirm=ids)), wanted)
    else:
        autosave = reverse("questionnaires:response_autosave", args=[response.pk])
        answer = client.post(autosave, form_data(response, confirm=ids))
        assert answer.status_code == {LOGIN: 401, 302: 200, 404: 404}[wanted]
    assert awaiting(response) == (set() if wanted == 302 else set(ids))
    assert Response.objects.get(pk=response.pk).version == (1 if wanted == 302 else 0)


# What changed since the last cycle -----------------------------------------------------------------------------


def test_the_response_page_shows_what_changed_word_by_word_and_escapes_it(client, cycles):
    first, second = cycles
    previous(first, text="<b>Old</b> measures were taken.", post=True)
    response = new_response(second)
    ids = question_ids(second)
    changes = {ids[0]: ("implemented", "<script>alert(1)</script> measures were taken.")}
    response = responses.save_response(
        response,
        answers=changes,
        confirmed=ids,
        expected_version=response.version,
        by=None,
    )
    client.force_login(focal_point("ECU"))
    html = client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    arrow = '<span aria-hidden="true">→</span><span class="visually-hidden">changed to</span>'
    assert f"Partially implemented {arrow} Implemented" in html
    removed = '<del><span class="visually-hidden">removed: </span>&lt;b&gt;Old&lt;/b&gt;</del>'
    added = '<ins><span class="visually-hidden">added: </span>&lt;script&gt;alert(1)&lt;/script&gt;</ins>'
    assert f"{removed} {added} measures were taken." in html
    assert "<script>alert(1)" not in html
    assert html.count("Unchanged since 2023") == 2


def test_word_diff_marks_only_the_words_that_changed():
    assert str(carry.word_diff("We trained 40 officers.", "We trained 60 officers.")) == (
        'We trained <del><span class="visually-hidden">removed: </span>40</del> '
        '<ins><span class="visually-hidden">added: </span>60</ins> officers.'
    )
    assert str(carry.word_diff("Same & same.", "Same & same.")) == "Same &amp; same."


def test_other_states_see_the_change_only_where_they_could_read_the_previous_response(client, cycles):
    first, second = cycles
    previous(first)  # submitted, never posted: Mexico never read it
    response = new_response(second)
    ids = question_ids(second)
    response = responses.save_response(
        response,
        answers={ids[0]: ("implemented", "New.")},
        confirmed=ids,
        expected_version=response.version,
        by=None,
    )
    responses.submit_response(response, by=None)
    responses.post_response(response, by=None)
    page = reverse("questionnaires:response", args=[response.pk])
    client.force_login(focal_point("MEX"))
    assert "since 2023" not in client.get(page).content.decode()
    Response.objects.filter(questionnaire=first).update(status=Response.Status.POSTED)
    assert "Unchanged since 2023" in client.get(page).content.decode()


@pytest.mark.parametrize("page", ["response", "response_edit"])
def test_the_pages_of_a_response_take_as_many_queries_with_3_as_with_40_carried_answers(client, db, page):
    first, second = three_cycles(recommendations=40)
    previous(first, "ECU")
    few = previous(first, "MEX")
    few.answers.exclude(question__position__lte=3).delete()
    counts = {}
    for code in ("MEX", "ECU"):
        response = new_response(second, code)
        client.force_login(focal_point(code))
        with CaptureQueriesContext(connection) as captured:
            html = client.get(reverse(f"questionnaires:{page}", args=[response.pk])).content.decode()
        counts[code] = len(captured)
        assert html.count("From your response of 2023" if page == "response_edit" else "Unchanged since 2023") == (
            3 if code == "MEX" else 40
        )
    assert counts["MEX"] == counts["ECU"]
