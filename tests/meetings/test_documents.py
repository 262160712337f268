import io

import pytest
from django.core.management import call_command

from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.models import Document
from tests.factories import DocumentFactory, MeetingFactory
from tests.helpers import pdf_text


@pytest.fixture
def demo(db):
    return load_demo()


def test_print_document_writes_the_french_provisional_agenda(demo, tmp_path):
    output = tmp_path / "agenda-fr.pdf"
    call_command("print_document", "UNODC/HONLAC/31/1", "--lang", "fr", "--output", str(output), stdout=io.StringIO())
    _reader, text = pdf_text(output.read_bytes())
    assert "UNODC/HONLAC/31/1" in text
    assert "Distr. générale" in text
    assert "Original : anglais" in text
    assert "Trente et unième Réunion des chefs des services" in text
    assert "Quito, 3-6 octobre 2023" in text
    assert "Disponible uniquement en anglais, espagnol et français, qui sont les langues de travail" in text
    assert "9. Adoption du rapport de la trente et unième Réunion" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Distr.: General", "Original: English", "Thirty-first Meeting of Heads", "Quito, 3-6 October 2023"]),
        (
            "es",
            ["Distr. general", "Original: inglés", "Trigésima Primera Reunión de Jefes", "3 a 6 de octubre de 2023"],
        ),
    ],
)
def test_provisional_agenda_prints_in_each_working_language(demo, language, expected):
    document = Document.objects.get(symbol="UNODC/HONLAC/31/1")
    _reader, text = pdf_text(render_document(document, language=language))
    for fragment in expected:
        assert fragment in text


def test_note_prints_numbered_paragraphs_footnotes_and_an_annex_on_its_own_page(db):
    meeting = MeetingFactory(number=31)
    document = DocumentFactory(
        meeting=meeting,
        text_en="The meeting is invited to act.^[See resolution 66/1.]\n\nA second paragraph.",
        annex_title_en="Draft provisional agenda",
        annex_en="1. Election of officers.",
    )
    reader, text = pdf_text(render_document(document, language="en"))
    assert "Note by the Secretariat" in text
    assert "1. The meeting is invited to act." in text
    assert "2. A second paragraph." in text
    assert "See resolution 66/1." in text
    assert len(reader.pages) == 2
    assert "Annex" in reader.pages[1].extract_text()
    assert "Draft provisional agenda" in reader.pages[1].extract_text()


def test_user_text_is_escaped_in_the_pdf(db):
    document = DocumentFactory(text_en="Before <script>alert(1)</script> after")
    _reader, text = pdf_text(render_document(document, language="en"))
    assert "<script>alert(1)</script>" in text


def test_pdf_renderer_fetches_no_outside_url(db, caplog):
    document = DocumentFactory(text_en="![x](http://127.0.0.1:9/secret.png) and ![y](file:///etc/passwd)")
    render_document(document, language="en")
    from meetings.documents import StaticFilesOnlyFetcher

    fetcher = StaticFilesOnlyFetcher()
    for url in (
        "http://127.0.0.1:9/x.png",
        "file:///etc/passwd",
        "https://print.honlac.invalid/static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("https://print.honlac.invalid/static/print/un.css").status == 200


def test_list_documents_prints_symbols_and_titles(demo):
    out = io.StringIO()
    call_command("list_documents", "HONLAC", "31", stdout=out)
    assert out.getvalue().splitlines() == [
        "UNODC/HONLAC/31/1\tProvisional agenda and annotations",
        "UNODC/HONLAC/31/2\tOrganization of the Thirty-second Meeting of Heads of National Drug Law Enforcement"
        " Agencies, Latin America and the Caribbean",
    ]
