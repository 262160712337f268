import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from agendas.documents import CommissionSession
from agendas.models import HostOffer
from honlac import printing
from honlac.demo import load_demo
from meetings.issued_files import issued_file
from meetings.models import Document
from questionnaires.analysis import generate_analysis
from questionnaires.models import Questionnaire, Recommendation
from tests.factories import DocumentFactory, secretariat_user
from tests.helpers import line_text, page_lines


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
        "agenda": (
            Document.objects.get(symbol="UNODC/HONLAC/31/1"),
            "Provisional agenda and annotations I. Provisional agenda 1. Election",
        ),
        "organization_note": (Document.objects.get(symbol="UNODC/HONLAC/31/2"), "Draft provisional agenda of the"),
        "transmittal_note": (
            questionnaire.transmittal_note,  # issued by the demo
            "responses to the questionnaire",
        ),
        "analysis": (generate_analysis(questionnaire, by=None), "Conference room paper prepared by the Secretariat"),
        "blank_questionnaire": (questionnaire, "Member State: Responding authority and contact person:"),
        "response": (
            questionnaire.responses.get(member_state__code="MEX"),
            "Response of Mexico to the questionnaire on the implementation of recommendations",
        ),
        "posted_responses": (questionnaire, "Responses of States to the questionnaire"),
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


def test_only_the_documents_of_every_response_print_in_the_background():
    background = {kind for kind in printing.PRINTED_KINDS if printing.prints_in_background(kind)}
    assert background == {"transmittal_note", "analysis"}


def test_a_document_prints_as_its_kind_says(demo, client):
    agenda = Document.objects.get(symbol="UNODC/HONLAC/31/1")
    assert agenda.printed_as == Document.PrintedAs.AGENDA
    response = client.get(reverse("meetings:document_download", args=[agenda.pk, "es"]))  # its issued file
    assert "1. Elección de la Mesa" in pdf_text(b"".join(response.streaming_content))


def test_a_text_prints_only_in_the_languages_it_was_written_in(db, client, tmp_path):
    document = DocumentFactory(text_fr="", text_es="")
    assert printing.languages("text", document) == ["en"]
    client.force_login(secretariat_user())  # a draft: the secretariat's, who may print it
    assert client.get(reverse("meetings:document_download", args=[document.pk, "en"])).status_code == 200
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


# The UN page furniture of every printed kind, read back from the PDFs.

SYMBOL = "UNODC/HONLAC/31/2"


def pages(data):
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def fonts(data):
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(re.sub(r"^[A-Z]{6}\+", "", font.get_object()["/BaseFont"].lstrip("/")))
    return names


def test_every_printed_kind_is_tagged_with_its_language_title_and_one_serif_face(demo):
    sources = sources_of_every_kind()
    for (kind, (source, _)), language in zip(sources.items(), (["en", "fr", "es"] * 3)[: len(sources)], strict=True):
        data = printing.render(kind, source, language=language)
        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, kind
        assert root["/Lang"] == language, kind
        assert reader.metadata.title.startswith("UNODC/HONLAC"), kind
        assert fonts(data) <= {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}, kind


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_heading_footnotes_sit_on_the_page_of_their_marks(demo, language):
    first, *others = pages(printing.render_document(Document.objects.get(symbol=SYMBOL), language=language))
    assert "** UNODC/HONLAC/31/1." in first
    assert all("UNODC/HONLAC/31/1." not in page for page in others)


@pytest.mark.parametrize("symbol", ["UNODC/HONLAC/31/1", SYMBOL])
def test_the_running_header_carries_the_symbol_and_page_number_on_the_outer_side_from_page_two(demo, symbol):
    with issued_file(Document.objects.get(symbol=symbol), "en").file.open("rb") as issued:  # no draft mark
        reader = PdfReader(io.BytesIO(issued.read()))
    width = float(reader.pages[0].mediabox.width)
    first, *others = [page_lines(page) for page in reader.pages]
    assert others
    assert line_text(first[0]) == f"United Nations {symbol}"  # the masthead, no running header
    assert not any(re.fullmatch(r"\d+(/\d+)?", text) for line in first for _x, text in line)
    for number, lines in enumerate(others, start=2):
        top = lines[0]
        odd = number % 2
        # Right-hand pages: the symbol, then the number at the right edge; left-hand pages the mirror.
        assert [text for _x, text in top] == ([symbol, str(number)] if odd else [str(number), symbol]), number
        x_of_number = {text: x for x, text in top}[str(number)]
        assert (x_of_number > width / 2) if odd else (x_of_number < width / 2), number
        assert not any(re.fullmatch(r"\d+(/\d+)?", text) for line in lines[1:] for _x, text in line), number


def test_the_job_number_prints_on_page_one_only_with_the_letter_of_the_language(demo):
    note = Document.objects.get(symbol=SYMBOL)
    note.job_number = "V.23-12345"
    note.save(update_fields=["job_number"])
    for language, line in (("en", "V.23-12345 (E)"), ("fr", "V.23-12345 (F)"), ("es", "V.23-12345 (S)")):
        first, *others = pages(printing.render_document(note, language=language))
        assert line in first
        assert all("V.23-12345" not in page for page in others)


def test_a_job_number_takes_only_what_a_barcode_can_carry(db):
    document = DocumentFactory(job_number="V.23 12345 (E)")
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert list(error.value.message_dict) == ["job_number"]


def test_french_typography_applies_to_typed_and_generated_text(db):
    document = DocumentFactory(
        text_fr="Coopération régionales; les thèmes «Bilan» et l'ordre du jour.", original_language="en"
    )
    text = " ".join(pages(printing.render_document(document, language="fr")))
    assert "régionales ; les thèmes « Bilan » et l\u2019ordre du jour." in text
    assert "Original : anglais" in text
    assert "Distr. générale" in text


def test_agenda_items_with_sub_items_end_with_a_colon(demo):
    text = " ".join(pages(printing.render_document(Document.objects.get(symbol="UNODC/HONLAC/31/1"), language="en")))
    assert "6. Consideration of specific topics by working groups: (a) Synthetic drugs" in text


def test_the_transmittal_note_table_is_numbered_and_holds_the_full_recommendations(demo):
    note, _ = sources_of_every_kind()["transmittal_note"]
    recommendation = Recommendation.objects.filter(meeting=note.meeting.questionnaire.source_meeting).first()
    for language, number in (("en", "Table 1"), ("fr", "Tableau 1"), ("es", "Cuadro 1")):
        text = " ".join(pages(printing.render_document(note, language=language)))
        assert number in text
        full = re.sub(r"\s+", " ", getattr(recommendation, f"text_{language}"))
        assert _letters(full) in _letters(text)
    assert "…" not in text


def _letters(text):
    # Lines of the table may break inside a word (hyphenation), French apostrophes are typographic.
    return re.sub(r"[\s\u2010-]", "", text).replace("\u2019", "'")


@pytest.mark.parametrize("kind", ["blank_questionnaire", "offers_for_commission"])
def test_questionnaire_and_offers_have_the_heading_of_a_document(demo, kind):
    source, _ = sources_of_every_kind()[kind]
    english = pages(printing.render(kind, source, language="en"))[0]
    assert "Distr.: General" in english
    assert "Original: English" in english
    assert " English " not in english.replace("Original: English", "")
    french = pages(printing.render(kind, source, language="fr"))[0]
    assert "Nations Unies UNODC/HONLAC" in french
    assert "Distr. générale" in french and "Français Original : anglais" in french
