"""The demo's French note UNODC/HONLAC/31/2, printed and read back, is the seed's text word for word."""

import io
import re
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from agendas import organization_note
from agendas.models import HostOffer, MeetingNoteParagraph, NotePatternParagraph
from honlac.demo import load_demo
from meetings.models import Document, Meeting

SEED = Path("/work/shared/seed/organization-of-32nd-honlac-note-fr.txt")
SYMBOL = "UNODC/HONLAC/31/2"


def normalize(text):
    """One space for any run of white space; words hyphenated at line ends whole; straight apostrophes."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub("\u2010\\s*", "", text)  # the print's hyphenation character
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def seed_chunks():
    """The seed as (text, is_footnote): masthead blocks, numbered paragraphs, footnotes, the annex's lines."""
    chunks = []
    for block in re.split(r"\n\s*\n", SEED.read_text(encoding="utf-8")):
        block = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", block.strip()).replace("[*", "[").replace("*]", "]")
        if not block:
            continue
        if block.startswith(("* ", "** ")):
            chunks.append((block, True))
        elif block.startswith("**"):  # a heading in bold, over several lines
            chunks.append((block.strip("*"), False))
        elif block[0].islower():  # the paragraph goes on after the page's footnotes
            last = max(index for index, (_text, footnote) in enumerate(chunks) if not footnote)
            chunks[last] = (f"{chunks[last][0]} {block}", False)
        else:
            chunks.extend((part, False) for part in re.split(r"\n(?=\d+\. )", block))
    return [(normalize(text), footnote) for text, footnote in chunks]


def printed_pages(document, language):
    """Each page's (body text, footnote text) of what `print_document` writes (for an issued note, its issued
    file): footnotes from the first line starting with '*' to the page's end, without the running header, page
    number and the page-1 footer."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "printed.pdf"
        out = io.StringIO()
        call_command("print_document", document.symbol, "--lang", language, "--output", str(path), stdout=out)
        assert "(issued 2023-07-11)" in out.getvalue()
        reader = PdfReader(io.BytesIO(path.read_bytes()))
    pages = []
    for page in reader.pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        lines = [line for line in lines if not re.fullmatch(rf"(\d+ )?{SYMBOL}( \d+)?", line.strip())]
        lines = [line for line in lines if line.strip() not in ("Merci de recycler",)]
        first_note = next((index for index, line in enumerate(lines) if line.startswith("*")), len(lines))
        pages.append((normalize(" ".join(lines[:first_note])), normalize(" ".join(lines[first_note:]))))
    return pages


@pytest.fixture
def demo(db):
    return load_demo()


def test_the_french_note_31_2_reproduces_the_seed_word_for_word(demo):
    pages = printed_pages(Document.objects.get(symbol=SYMBOL), "fr")
    body = " ".join(text for text, _notes in pages)
    chunks = seed_chunks()
    paragraphs = [text for text, footnote in chunks if re.match(r"\d+\. ", text) and not footnote]
    assert [int(text.split(".")[0]) for text in paragraphs[:10]] == list(range(1, 11))
    position = 0
    for text, footnote in chunks:
        if footnote:
            mark = "anglais*" if text.startswith("* ") else "provisoire**"
            page = next(index for index, (page_text, _notes) in enumerate(pages) if mark in page_text)
            assert text in pages[page][1], (text, pages[page][1])
            continue
        found = body.find(text, position)
        assert found != -1, (text, body[position : position + len(text) + 200])
        position = found + len(text)
    # Nothing printed between the paragraphs that the seed does not have.
    assert body.count("Offres") == 0
    paragraph_10 = paragraphs[9]
    assert body.index(paragraph_10) + len(paragraph_10) < body.index("Annexe")


def test_english_and_spanish_put_the_fortieth_session_in_the_passive(demo):
    document = Document.objects.get(symbol=SYMBOL)
    english = " ".join(text for text, _notes in printed_pages(document, "en"))
    spanish = " ".join(text for text, _notes in printed_pages(document, "es"))
    assert "4. At the fortieth session of the Commission on Narcotic Drugs, it was considered that" in english
    assert "Latin America and the Caribbean, are urged to act upon" in english
    assert "in line with the 2019 Ministerial Declaration" in english
    assert "8. Under item 5, participants will be invited" in english
    assert "4. En el 40º período de sesiones de la Comisión de Estupefacientes, se consideró que" in spanish
    assert "de conformidad con la Declaración Ministerial de 2019" in spanish


def test_offers_are_mentioned_only_when_received_by_the_notes_date(demo):
    meeting = Meeting.objects.get(body=demo, number=31)
    offer = HostOffer.objects.get(member_state__code="COL")
    assert "Colombia" not in organization_note.organization_note_text(meeting, "en", on=offer.offered_on.replace(day=4))
    text = organization_note.organization_note_text(meeting, "en", on=offer.offered_on)
    assert "had been received from the following States: Colombia (Thirty-third Meeting)." in text


def test_the_note_is_made_of_the_bodys_paragraphs_as_the_secretariat_edits_them(demo):
    meeting = Meeting.objects.get(body=demo, number=31)
    standard = NotePatternParagraph.objects.get(body=demo, position=3)
    standard.text_fr = "Le projet d'ordre du jour de la {next_meeting_short} (point {item_next_meeting}) est annexé."
    standard.save()
    MeetingNoteParagraph.objects.create(
        meeting=meeting, after=3, position=1, text="Own.", text_fr="Propre à la {meeting_short}."
    )
    paragraphs = organization_note.organization_note_text(meeting, "fr", on=meeting.start_date).split("\n\n")
    assert paragraphs[1:3] == [
        "Le projet d'ordre du jour de la trente-deuxième Réunion (point 7) est annexé.",
        "Propre à la trente et unième Réunion.",
    ]


def test_an_unknown_placeholder_is_refused(demo):
    paragraph = NotePatternParagraph(body=demo, position=99, text_en="The {next_meting}.")
    with pytest.raises(ValidationError, match="next_meting"):
        paragraph.full_clean()


def test_the_demo_is_coherent_in_time(demo):
    meeting_31 = Meeting.objects.get(body=demo, number=31)
    assert all(document.issue_date < meeting_31.start_date for document in meeting_31.documents.all())
    offer = HostOffer.objects.get(member_state__code="COL")
    assert meeting_31.start_date <= offer.offered_on <= meeting_31.end_date
    assert timezone.localtime(offer.recorded_at).date() == offer.offered_on  # recorded at the meeting


def test_a_body_without_standard_paragraphs_gets_no_empty_note(db):
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(number=31)
    MeetingFactory(body=meeting.body, number=32)
    with pytest.raises(ValidationError, match="standard paragraphs"):
        organization_note.generate_organization_note(meeting, by=None)
    assert not Document.objects.filter(meeting=meeting).exists()
