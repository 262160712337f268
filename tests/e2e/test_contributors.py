"""Work shared within a State in Chromium: the focal point gives a block to a contributor, who signs in, sees only
that block, drafts it and marks it ready; the focal point sees "ready" and who wrote it last, then submits."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from questionnaires import responses
from questionnaires.models import Answer, BlockAssignment, Response
from tests.factories import PASSWORD, contributor, focal_point, open_questionnaire, state

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db, settings):
    settings.HONLAC_AUTOSAVE_SECONDS = 1
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=3)
    focal_point("ECU")
    contributor("ECU", "ana", first_name="Ana", last_name="Torres")
    draft = responses.response_for(questionnaire, state("ECU"), by=None)
    first, _second, third = questionnaire.questions.order_by("position")
    # Written by the focal point before the blocks are given: the contributor must not see it.
    responses.save_response(
        draft,
        answers={first.pk: ("implemented", "Una red nacional de alerta."), third.pk: ("partially", "Reservado.")},
        expected_version=None,
        by=None,
    )
    return questionnaire


def sign_in(page, username, check):
    page.goto("/accounts/login/")
    check(page)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text(username)
    check(page)


def block(page, number):
    return page.get_by_role("group", name=re.compile(rf"^Recommendation {number}\b"))


def test_a_contributor_drafts_the_block_given_to_them_and_the_focal_point_submits(world, new_page, check_accessibility):
    focal = new_page()
    sign_in(focal, "fp-ecu", check_accessibility)
    focal.goto("/meetings/honlac/32/questionnaire/response/")
    focal.get_by_role("link", name="Give blocks to contributors").click()
    expect(focal.get_by_role("heading", level=1)).to_have_text("Give blocks to contributors")
    check_accessibility(focal)
    focal.get_by_label("Recommendation 2", exact=True).select_option(label="Ana Torres (ana)")
    focal.get_by_role("button", name="Give the blocks").click()
    expect(focal.get_by_role("status").first).to_contain_text("The blocks were given")
    expect(block(focal, 2)).to_contain_text("Assigned to Ana Torres — in progress")
    check_accessibility(focal)

    ana = new_page()
    sign_in(ana, "ana", check_accessibility)
    expect(ana.get_by_role("heading", level=1).first).to_have_text("Your blocks")
    ana.get_by_role("link", name="Draft your blocks").click()
    expect(ana.locator(".response-block")).to_have_count(1)
    expect(block(ana, 2)).to_be_visible()
    expect(ana.locator("main")).not_to_contain_text("Una red nacional de alerta.")
    expect(ana.locator("main")).not_to_contain_text("Reservado.")
    check_accessibility(ana)
    block(ana, 2).get_by_label("Partially implemented", exact=True).check()
    block(ana, 2).get_by_label("Measures taken").press_sequentially("Un protocolo con la aduana.")
    expect(ana.locator("#autosave-status")).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"))
    ana.get_by_role("button", name="Save and mark this block ready").click()
    expect(ana.get_by_role("status").first).to_contain_text("Recommendation 2 is marked ready")
    expect(block(ana, 2)).to_contain_text("Ready since")
    check_accessibility(ana)
    assert BlockAssignment.objects.get().ready_at is not None

    focal.reload()
    expect(block(focal, 2)).to_contain_text("Assigned to Ana Torres — ready")
    expect(block(focal, 2)).to_contain_text("Last written by Ana Torres on")
    expect(block(focal, 2).get_by_label("Measures taken")).to_have_value("Un protocolo con la aduana.")
    check_accessibility(focal)
    block(focal, 3).get_by_label("Implemented", exact=True).check()
    focal.get_by_role("button", name="Save and submit").click()
    expect(focal.get_by_role("heading", level=1)).to_have_text("Submit the response of Ecuador?")
    check_accessibility(focal)
    focal.get_by_role("button", name="Submit the response").click()
    expect(focal.get_by_role("status")).to_have_text(
        "The response of Ecuador was submitted and is now locked. Thank you."
    )
    check_accessibility(focal)
    response = Response.objects.get(member_state__code="ECU")
    assert response.status == "submitted"
    assert Answer.objects.get(response=response, question__recommendation__number=2).updated_by.username == "ana"


def test_a_focal_point_invites_a_contributor_and_ends_their_access(world, page, check_accessibility):
    sign_in(page, "fp-ecu", check_accessibility)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Contributors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contributors of Ecuador")
    check_accessibility(page)
    page.get_by_role("link", name="Invite a contributor").click()
    if "/accounts/confirm/" in page.url:
        check_accessibility(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite a contributor")
    check_accessibility(page)
    page.get_by_label("Last name").fill("Andrade")
    page.get_by_label("Email address").fill("maria@ecuador.example")
    page.get_by_label("Username").fill("maria")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status").first).to_have_text("maria@ecuador.example was invited by email.")
    expect(page.get_by_role("list", name="Contributors")).to_contain_text("Invited; has not signed in yet")
    check_accessibility(page)
    page.get_by_role("link", name="End the access of Andrade").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("End the access of Andrade (maria)?")
    check_accessibility(page)
    page.get_by_role("button", name="End the access").click()
    expect(page.get_by_role("status").first).to_have_text("The access of Andrade (maria) has ended.")
    expect(page.get_by_role("list", name="Contributors")).to_contain_text("Access ended")
    check_accessibility(page)
    assert not User.objects.get(username="maria").is_active
