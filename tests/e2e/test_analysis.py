"""The compiled analysis in Chromium, on the demonstration data: the secretariat compiles it from the
questionnaire's page, lands on the draft document and reads its French version; the page fits a phone."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from honlac.demo import load_demo
from tests.e2e.test_golden_path import PHONE, download_pdf, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_the_secretariat_compiles_the_analysis_and_reads_its_french_version(demo, new_page, check_accessibility):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/meetings/honlac/32/questionnaire/")
    check_accessibility(page)
    page.get_by_role("button", name="Compile the analysis").click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("UNODC/HONLAC/32/CRP.1 is compiled from the responses posted until now, a draft")
    expect(page.locator("p.symbol")).to_have_text("UNODC/HONLAC/32/CRP.1 Draft")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compiled analysis of the responses")
    check_accessibility(page)

    pdf = download_pdf(page, page.get_by_role("link", name=re.compile("^FR")))
    text = re.sub(r"\s+", " ", " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(pdf)).pages))
    assert "Document de séance établi par le Secrétariat" in text
    assert "Mesures signalées" in text

    page.goto("/meetings/honlac/32/questionnaire/")
    expect(page.locator("#analysis-state")).to_contain_text("UNODC/HONLAC/32/CRP.1")
    expect(page.get_by_role("button", name="Compile the analysis again")).to_be_visible()
    check_accessibility(page)


def test_the_questionnaire_page_with_its_analysis_fits_a_phone(demo, new_page, check_accessibility):
    page = new_page(viewport=PHONE)
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/meetings/honlac/32/questionnaire/")
    page.get_by_role("button", name="Compile the analysis").click()
    expect(page.get_by_role("status")).to_contain_text("UNODC/HONLAC/32/CRP.1")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
    page.goto("/meetings/honlac/32/questionnaire/")
    expect(page.locator("#analysis-state")).to_contain_text("Draft")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
