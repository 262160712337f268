"""The charts of progress in Chromium: a thread's chart named for a screen reader, its table beside it readable,
reached from the recommendations; a State's history at a phone's width, in French."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, answered, focal_point, secretariat_user, three_cycles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(transactional_db):
    first, second = three_cycles()
    answered(first, "ECU", status="implemented", post=True)
    answered(first, "MEX", status="partially", post=True)
    answered(second, "ECU", status="partially", post=True)
    answered(second, "COL", status="implemented", post=True)
    secretariat_user()
    focal_point("ECU")
    return first, second


def sign_in(page, username, check):
    page.goto("/accounts/login/")
    check(page)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text(username)
    check(page)


def test_a_threads_chart_is_named_and_its_table_gives_the_numbers(world, new_page, check_accessibility):
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/meetings/honlac/31/recommendations/")
    check_accessibility(page)
    page.get_by_role("link", name="Progress (recommendation 2)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress of implementation")
    chart = page.get_by_role(
        "img", name=re.compile("^Recommendation 2 of the Thirty-first Meeting and the recommendations it continues")
    )
    expect(chart).to_be_visible()
    description = page.locator(f"#{chart.get_attribute('id')}-desc")
    expect(description).to_have_text(
        "Thirty-first Meeting (2023): Implemented: 1 of 3 (33.3%); Partially implemented: 1 of 3 (33.3%); "
        "No answer: 1 of 3 (33.3%). Thirty-second Meeting (2024): Implemented: 1 of 3 (33.3%); "
        "Partially implemented: 1 of 3 (33.3%); No answer: 1 of 3 (33.3%)."
    )
    assert chart.locator(".chart-segment").count() == 6
    table = page.get_by_role("table", name=re.compile("^States in each status of implementation"))
    expect(table).to_be_visible()
    implemented = table.get_by_role("row", name=re.compile("^Implemented"))
    expect(implemented.get_by_role("cell")).to_have_text(["1 (33.3%)", "1 (33.3%)"])
    expect(table.get_by_role("row", name=re.compile("^States taking part"))).to_contain_text("3")
    check_accessibility(page)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("img", name=re.compile("^Recommendation . of the Thirty-first Meeting"))).to_have_count(3)
    expect(page.get_by_role("table")).to_have_count(3)
    check_accessibility(page)


def test_a_states_history_fits_a_phone_in_french(world, new_page, check_accessibility):
    page = new_page(viewport=PHONE, language="fr")
    sign_in(page, "fp-ecu", check_accessibility)
    page.get_by_role("link", name=re.compile("Ce que votre État a communiqué")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Équateur")
    expect(page.get_by_role("img", name=re.compile("Équateur"))).to_be_visible()
    row = page.get_by_role("row", name=re.compile(r"Recommandation 1 de la trente et unième Réunion"))
    expect(row.get_by_role("cell")).to_have_text(["Appliquée", "Partiellement appliquée"])
    row.get_by_role("link", name="Partiellement appliquée").click()
    expect(page).to_have_url(re.compile(r"/responses/\d+/#question-\d+$"))
    check_accessibility(page)
    page.go_back()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
