"""Sending back with comments in Chromium: the secretariat comments on one block, the focal point reads the comment
beside that block, replies, submits again, and the secretariat reads the reply in the response's history."""

import re

import pytest
from playwright.sync_api import expect

from questionnaires.models import Response, ReviewComment
from tests.factories import PASSWORD, answered, focal_point, open_questionnaire, secretariat_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=3)
    response = answered(questionnaire, "ECU", submit=True)
    focal_point("ECU")
    secretariat_user()
    return questionnaire, response


def sign_in(page, username, check):
    page.goto("/accounts/login/")
    check(page)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text(username)
    check(page)


def test_send_back_reply_and_resubmit(new_page, check_accessibility, world):
    questionnaire, response = world
    second = questionnaire.questions.order_by("position")[1]

    secretariat = new_page()
    sign_in(secretariat, "secretariat", check_accessibility)
    secretariat.goto(f"/responses/{response.pk}/")
    secretariat.get_by_role("link", name="Send back with comments").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Send the response of Ecuador back with comments")
    check_accessibility(secretariat)
    secretariat.get_by_label("Comment on recommendation 2").fill("Which agency leads this?")
    secretariat.get_by_role("button", name="Send back with comments").click()
    expect(secretariat.locator(".alert-success")).to_contain_text(
        "The response was sent back to Ecuador with 1 comment"
    )
    check_accessibility(secretariat)

    ecuador = new_page()
    sign_in(ecuador, "fp-ecu", check_accessibility)
    expect(ecuador.get_by_text(re.compile("Sent back by the secretariat on"))).to_be_visible()
    ecuador.get_by_role("link", name="Reply to the comments").click()
    block = ecuador.locator(f"#question-{second.pk}")
    expect(block.locator(".review-comment-text")).to_have_text("Which agency leads this?")
    check_accessibility(ecuador)
    ecuador.get_by_role("button", name="Save and submit").click()
    expect(ecuador.get_by_text("Reply to each comment of the secretariat before submitting again.")).to_be_visible()
    check_accessibility(ecuador)
    block.get_by_label("Your reply to this comment").fill("The national police.")
    ecuador.get_by_role("button", name="Save and submit").click()
    expect(ecuador.get_by_role("heading", level=1)).to_have_text("Submit the response of Ecuador?")
    check_accessibility(ecuador)
    ecuador.get_by_role("button", name="Submit the response").click()
    expect(ecuador.get_by_text("The response of Ecuador was submitted and is now locked. Thank you.")).to_be_visible()
    check_accessibility(ecuador)
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED
    assert ReviewComment.objects.get().reply == "The national police."

    secretariat.goto(f"/responses/{response.pk}/history/")
    history = secretariat.locator("section.review-round")
    expect(history).to_contain_text("Which agency leads this?")
    expect(history).to_contain_text("The national police.")
    expect(history).to_contain_text("Reply by fp-ecu")
    check_accessibility(secretariat)
