import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from agendas.documents import CommissionSession
from agendas.models import HostOffer
from honlac import printing
from honlac.demo import load_demo
from meetings.models import Document
from questionnaires import services
from questionnaires.models import Questionnaire
from tests.factories import DocumentFactory, secretariat_user


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def demo(db):
    return load_demo()


def sources_of_every_kind():
    """One source of each kind of printed document, from the demo, with a sentence its English print shows."""
    questionnaire = Questionnaire.objects.get(meeting__number=32)
    offer = HostOffer.objects.get(member_state__code="COL")
    typed = DocumentFactory(meeting=questionnaire.source_meeting, number=99, text_en="A paragraph typed in the portal.")
    return {
        "text": (typed, "A paragraph typed in the portal."),
        "agenda": (Document.objects.get(symbol="UNODC/HONLAC/31/1"), "Provisional agenda and annotations 1. Election"),
        "organization_note": (Document.objects.get(symbol="UNODC/HONLAC/31/2"), "Draft provisional agenda of the"),
        "transmittal_note": (
            services.generate_transmittal_note(questionnaire, by=None),
            "responses to the questionnaire",
        ),
        "blank_questionnaire": (questionnaire, "Member State: Responding authority and contact person:"),
        "offers_for_commission": (
            CommissionSession(offer.body, offer.commission_session),
            "Colombia Thirty-third Meeting 5 October 2023 Received",
        ),
    }


def test_printed_kinds_hold_every_kind_of_document():
    assert set(Document.PrintedAs.values) <= set(printing.PRINTED_KINDS)


def test_every_printed_kind_prints_its_source(demo):
    sources = sources_of_every_kind()
    assert set(sources) == set(printing.PRINTED_KINDS)  # a new kind needs its line here
    for kind, (source, expected) in sources.items():
        assert printing.languages(kind, source) == ["en", "fr", "es"], kind
        assert expected in pdf_text(printing.render(kind, source, language="en")), kind


def test_only_the_transmittal_note_prints_in_the_background():
    background = {kind for kind in printing.PRINTED_KINDS if printing.prints_in_background(kind)}
    assert background == {"transmittal_note"}


def test_a_document_prints_as_its_kind_says(demo, client):
    agenda = Document.objects.get(symbol="UNODC/HONLAC/31/1")
    assert agenda.printed_as == Document.PrintedAs.AGENDA
    response = client.get(reverse("meetings:document_download", args=[agenda.pk, "es"]))
    assert "1. Elección de la Mesa" in pdf_text(response.content)


def test_a_text_prints_only_in_the_languages_it_was_written_in(db, client, tmp_path):
    document = DocumentFactory(text_fr="", text_es="")
    assert printing.languages("text", document) == ["en"]
    assert client.get(reverse("meetings:document_download", args=[document.pk, "fr"])).status_code == 404
    with pytest.raises(CommandError, match="has no fr version"):
        call_command("print_document", document.symbol, "--lang", "fr", "--output", str(tmp_path / "out.pdf"))


def test_the_offers_list_prints_through_the_table(demo, client):
    offer = HostOffer.objects.get(member_state__code="COL")
    client.force_login(secretariat_user("officer"))
    url = reverse("agendas:offers_for_commission", args=["honlac", offer.commission_session, "pdf"])
    response = client.get(url, {"lang": "fr"})
    assert response["Content-Type"] == "application/pdf"
    assert "Colombie" in pdf_text(response.content)
