"""Linking the recommendations of a meeting to those of the previous one in Chromium: the page with its
suggestions, saving it, and the list that then says what each recommendation continues."""

import re

import pytest
from playwright.sync_api import expect

from agendas.models import Topic
from meetings.models import Meeting
from questionnaires.models import Recommendation
from tests.factories import PASSWORD, secretariat_user, three_cycles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(transactional_db):
    three_cycles()
    meeting = Meeting.objects.get(number=32)
    topic = Topic.objects.create(meeting=meeting, position=1, title_fr="Drogues de synthèse")
    for number, text in (
        (1, "Governments should strengthen early warning systems (1)."),
        (2, "Governments should exchange information on clandestine laboratories dismantled."),
    ):
        Recommendation.objects.create(meeting=meeting, topic=topic, number=number, text_en=text)
    secretariat_user()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_secretariat_links_a_meeting_to_the_previous_one(new_page, check_accessibility, world, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.locator("input[name=username]").fill("secretariat")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text("secretariat")
    check_accessibility(page)
    page.goto("/meetings/honlac/32/recommendations/")
    check_accessibility(page)
    page.get_by_role("link", name="Link to the previous meeting").click()
    first = page.get_by_role("group", name="Recommendation 1")
    expect(first.get_by_label("Continues", exact=True)).to_have_value(
        str(Recommendation.objects.get(meeting__number=31, number=1).pk)
    )
    expect(first).to_contain_text("Alike: recommendation 1 (100%)")
    second = page.get_by_role("group", name="Recommendation 2")
    expect(second.get_by_label("Continues", exact=True)).to_have_value("")
    check_accessibility(page)
    second.get_by_label("Continues", exact=True).select_option(
        str(Recommendation.objects.get(meeting__number=31, number=2).pk)
    )
    second.get_by_label("How it continues").select_option("updated")
    page.get_by_role("button", name="Save all").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text(
        "The links of 2 recommendations were saved."
    )
    expect(page.locator("#recommendation-1")).to_contain_text(
        "Continues recommendation 1 of the Thirty-first Meeting (reiterated)"
    )
    expect(page.locator("#recommendation-2")).to_contain_text(
        "Continues recommendation 2 of the Thirty-first Meeting (updated)"
    )
    check_accessibility(page)
    page.locator("#recommendation-1").get_by_role("link", name=re.compile("^Continues")).click()
    expect(page.locator("#recommendation-1")).to_contain_text("Continued as recommendation 1 of the Thirty-second")
    check_accessibility(page)
