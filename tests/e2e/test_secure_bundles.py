"""The secure page's bundles in Chromium: a participant downloads every posted response as one ZIP and reads it."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from honlac.demo import load_demo
from questionnaires.models import Attachment, Response
from tests.e2e.test_golden_path import sign_in, switch_language
from tests.helpers import MINIMAL_PDF, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POSTED_32 = ["Argentina", "Chile", "Ecuador", "Mexico", "Peru"]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    ecuador = Response.objects.get(questionnaire__meeting__number=32, member_state__code="ECU")
    Attachment.objects.create(
        response=ecuador,
        file=ContentFile(MINIMAL_PDF, name="informe.pdf"),
        original_name="informe.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
    )


def download_zip(page, name):
    with page.expect_download() as started:
        page.get_by_role("link", name=name).click()
    download = started.value
    return download.suggested_filename, zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))


def test_mexico_downloads_every_posted_response_as_one_zip_in_english_and_french(demo, page, check_accessibility):
    sign_in(page, "mexico", check_accessibility)
    switch_language(page, "English")
    page.goto("/meetings/honlac/32/secure/")
    expect(page.get_by_role("heading", name="Secure page of the meeting")).to_be_visible()
    check_accessibility(page)
    filename, archive = download_zip(page, "All posted responses with their attachments (ZIP)")
    assert filename == "honlac-32-responses-en.zip"
    assert archive.namelist() == [
        *(f"{state}/response.pdf" for state in POSTED_32[:3]),
        "Ecuador/informe.pdf",
        *(f"{state}/response.pdf" for state in POSTED_32[3:]),
    ]
    assert archive.read("Ecuador/informe.pdf") == MINIMAL_PDF
    _reader, text = pdf_text(archive.read("Ecuador/response.pdf"))
    assert "Response of Ecuador to the questionnaire on the implementation of recommendations" in text
    assert "[Original: Spanish]" in text

    switch_language(page, "Français")
    expect(page.get_by_role("heading", name="Page sécurisée de la réunion")).to_be_visible()
    check_accessibility(page)
    filename, archive = download_zip(page, "Toutes les réponses publiées avec leurs pièces jointes (ZIP)")
    assert filename == "honlac-32-responses-fr.zip"
    assert "Équateur/réponse.pdf" in archive.namelist()
    assert "Mexique/réponse.pdf" in archive.namelist()
    _reader, text = pdf_text(archive.read("Mexique/réponse.pdf"))
    assert "Réponse au questionnaire sur l’application des recommandations" in text
