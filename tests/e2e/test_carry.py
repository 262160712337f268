"""Answers carried forward in Chromium: a focal point opens the response of the new cycle, finds the answers of
the previous one filled in and marked, confirms one, changes another, cannot submit until the last is confirmed,
then submits; the response page shows what changed."""

import datetime
import os
import re

import pytest
from playwright.sync_api import expect

from questionnaires.models import Response
from tests.factories import PASSWORD, answered, focal_point, three_cycles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A folder to keep screenshots of the pages in (at 1280 and 390 px), when set.
SCREENSHOTS = os.environ.get("HONLAC_SCREENSHOTS")


@pytest.fixture
def world(transactional_db, settings):
    settings.HONLAC_AUTOSAVE_SECONDS = 1
    first, second = three_cycles()
    previous = answered(first, "ECU", status="partially", text="Training of 40 officers in two ports.", submit=True)
    Response.objects.filter(pk=previous.pk).update(submitted_at=datetime.datetime(2023, 5, 10, tzinfo=datetime.UTC))
    focal_point("ECU")
    return second


def shoot(page, name):
    if SCREENSHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def sign_in(page, check):
    page.goto("/accounts/login/")
    check(page)
    page.locator("input[name=username]").fill("fp-ecu")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text("fp-ecu")
    check(page)


def block(page, number):
    return page.get_by_role("group", name=re.compile(rf"^Recommendation {number}\b"))


def test_carried_answers_are_confirmed_or_updated_then_submitted(world, page, check_accessibility, allow_console_error):
    allow_console_error(r"status of 400")  # the refused submission
    sign_in(page, check_accessibility)
    page.goto("/meetings/honlac/32/questionnaire/response/")
    expect(page.locator("#response-form")).to_be_visible()
    for number in (1, 2, 3):
        expect(block(page, number)).to_contain_text("From your response of 2023: confirm or update")
        expect(block(page, number).get_by_label("Partially implemented")).to_be_checked()
        expect(block(page, number).get_by_label("Measures taken")).to_have_value(
            "Training of 40 officers in two ports."
        )
    expect(page.locator("#answered-count")).to_have_text("0 of 3 answered")
    check_accessibility(page)
    shoot(page, "carry-form")

    # Confirming one: counted at once, and saved by itself.
    block(page, 1).get_by_label("I confirm this answer").check()
    expect(page.locator("#answered-count")).to_have_text("1 of 3 answered")
    expect(page.locator("#autosave-status")).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"))
    expect(block(page, 1).get_by_label("I confirm this answer")).to_be_disabled()  # saved: not to be undone
    # Changing another is updating it.
    block(page, 2).get_by_label("Implemented", exact=True).check()
    block(page, 2).get_by_label("Measures taken").fill("Training of 60 officers in three ports.")
    expect(page.locator("#answered-count")).to_have_text("2 of 3 answered")
    check_accessibility(page)

    # The third is neither: submitting is refused, naming it, with a link to its block.
    page.get_by_role("button", name="Save and submit").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Recommendation 3: answer of 2023 not yet confirmed")
    check_accessibility(page)
    shoot(page, "carry-refused")
    summary.get_by_role("link", name=re.compile("Recommendation 3")).click()
    block(page, 3).get_by_label("I confirm this answer").check()
    expect(page.locator("#answered-count")).to_have_text("3 of 3 answered")
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submit the response of Ecuador?")
    check_accessibility(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("was submitted")
    check_accessibility(page)

    # The response page: what changed since 2023.
    expect(page.get_by_text("Unchanged since 2023")).to_have_count(2)
    change = page.locator(".carried-change").nth(1)
    expect(change).to_contain_text("Partially implemented →changed to Implemented")
    expect(change.locator("del")).to_have_text(["removed: 40", "removed: two"])
    expect(change.locator("ins")).to_have_text(["added: 60", "added: three"])
    shoot(page, "carry-detail")
    response = Response.objects.get(member_state__code="ECU", questionnaire=world)
    assert response.status == Response.Status.SUBMITTED
    assert not response.answers.filter(confirmed_at__isnull=True).exists()
