"""The implementation matrix in Chromium: the secretariat opens it from the questionnaire's dashboard, keeps one
topic, and follows a cell to the State's answer."""

import re

import pytest
from playwright.sync_api import expect

from honlac.demo import load_demo
from tests.e2e.test_golden_path import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_the_secretariat_filters_the_matrix_by_topic_and_follows_a_cell_to_the_answer(demo, page, check_accessibility):
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/meetings/honlac/32/questionnaire/")
    check_accessibility(page)
    page.get_by_role("link", name="Implementation matrix").click()
    expect(page.get_by_role("heading", name="Implementation of the recommendations of HONLAC")).to_be_visible()
    expect(page.locator("#matrix-audience")).to_contain_text("Submitted and posted responses")
    table = page.get_by_role("table")
    expect(table.locator("thead th.matrix-rec")).to_have_count(12)
    check_accessibility(page)

    page.get_by_label("Topic").select_option(
        label="Maritime and port trafficking: container control and cooperation between agencies"
    )
    page.get_by_role("button", name="Show").click()
    expect(table.locator("thead th.matrix-rec")).to_have_count(4)
    expect(table.locator("thead th.matrix-rec").first).to_have_text("Recommendation 5")
    check_accessibility(page)

    argentina = table.get_by_role("row", name=re.compile(r"^Argentina"))
    first_cell = argentina.get_by_role("link").first
    expect(first_cell).to_have_accessible_name("Partially implemented")
    first_cell.click()
    expect(page).to_have_url(re.compile(r"/responses/\d+/#question-\d+$"))
    expect(page.get_by_role("heading", name="Response of Argentina")).to_be_visible()
    block = page.locator(f"#{page.url.rsplit('#', 1)[1]}")  # the answer the cell named
    expect(block.get_by_role("heading")).to_have_text(re.compile(r"^Recommendation 5\b"))
    expect(block).to_contain_text("Partially implemented")
    expect(block).to_be_in_viewport()
    check_accessibility(page)
