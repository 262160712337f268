"""In Chromium: the secretariat creates a body with its languages and States, opens its first meeting and prints
its agenda, all in the portal."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.demo import DEMO_PASSWORD
from tests.e2e.test_golden_path import PHONE, demo, download_pdf, sign_in  # noqa: F401 - the fixture `demo`

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path("test-artifacts")


def confirm_if_asked(page, check):
    if page.get_by_role("heading", name="Confirm it's you").is_visible():
        check(page)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Confirm").click()


def test_secretariat_creates_a_body_opens_its_first_meeting_and_prints_its_agenda(
    demo,  # noqa: F811
    new_page,
    check_accessibility,
):
    check = check_accessibility
    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, "secretariat", check)
    page.get_by_role("button", name="secretariat").click()
    page.get_by_role("link", name="Bodies", exact=True).click()
    expect(page.get_by_role("heading", name="Bodies", level=1)).to_be_visible()
    check(page)
    page.get_by_role("link", name="New body").click()
    check(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "body_form_1280.png", full_page=True)

    page.get_by_label("Code").fill("honlea")
    page.get_by_label("Document symbol prefix").fill("UNODC/HONLEA")
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("checkbox", name="French").check()
    english = page.get_by_role("group", name="English", exact=True)
    english.get_by_label("Title", exact=True).fill("Meeting of Heads of National Drug Law Enforcement Agencies, Europe")
    english.get_by_label("Name of one meeting", exact=True).fill("Meeting")
    english.get_by_label("Gender of the name of one meeting", exact=True).select_option("neuter")
    english.get_by_label("How the ordinal is written", exact=True).select_option("title")
    english.get_by_label("Parent organ", exact=True).fill("Commission on Narcotic Drugs")
    french = page.get_by_role("group", name="French", exact=True)
    french.get_by_label("Title", exact=True).fill("Réunion des chefs des services nationaux de répression, Europe")
    french.get_by_label("Name of one meeting", exact=True).fill("Réunion")
    french.get_by_label("Gender of the name of one meeting", exact=True).select_option("feminine")
    french.get_by_label("How the ordinal is written", exact=True).select_option("words")
    french.get_by_label("Parent organ", exact=True).fill("Commission des stupéfiants")
    page.get_by_role("button", name="Save").click()

    confirm_if_asked(page, check)
    expect(page.get_by_role("heading", name="Member States of HONLEA")).to_be_visible()
    check(page)
    page.locator("summary", has_text="Western European and other States").click()
    for name in ("France", "Germany", "Italy"):
        page.get_by_role("checkbox", name=name, exact=True).check()
    page.get_by_role("button", name="Save the member States").click()
    expect(page.get_by_text("The member States of HONLEA were saved: 3 States.")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Open a meeting of HONLEA").click()
    check(page)
    expect(page.get_by_label("Number")).to_have_value("1")
    page.get_by_label("City (English)").or_(page.get_by_label("City")).first.fill("Vienna")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The meeting was created.")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Agenda", exact=True).click()
    check(page)
    page.get_by_role("button", name="Generate the draft agenda from the standard agenda").click()
    expect(page.get_by_role("heading", name="Draft provisional agenda")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Issue as the provisional agenda").click()
    expect(page.get_by_text("The agenda is now: Provisional.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="UNODC/HONLEA/1/1").click()
    check(page)
    pdf = download_pdf(page, page.locator('a[href$="/en/"]').first)
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages)
    assert "UNODC/HONLEA/1/1" in text
    assert "HONLAC" not in text


def test_body_form_fits_a_phone(demo, new_page, check_accessibility):  # noqa: F811
    page = new_page(viewport=PHONE)
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/bodies/new/")
    check_accessibility(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "body_form_390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
