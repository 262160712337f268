"""Issuing fixes a document; changing an issued document is a new document (revision, corrigendum, addendum) or a
reissue under the same symbol (meetings.issuing)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AuditEvent
from agendas.models import AgendaItem, Purpose
from agendas.services import ensure_agenda, set_agenda_status
from honlac.demo import load_demo
from meetings import issuing
from meetings.issued_files import issued_file, store_issued_version
from meetings.models import Document, DocumentFile, Symbol
from meetings.symbols import reserve_agenda_symbol
from questionnaires import transmittal
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
)
from tests.helpers import confirm_identity
from tests.helpers import pdf_text as read_pdf


def pdf_text(pdf):
    return read_pdf(pdf)[1]


def served(client, document, language):
    """The file a download gives, after its printing in the background for a long document."""
    response = client.get(reverse("meetings:document_download", args=[document.pk, language]), follow=True)
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def stored(document, language):
    with issued_file(document, language).file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def note_31(db):
    """The demo's note UNODC/HONLAC/31/2 on organizing the 32nd meeting, issued on 11 July 2023, whose annex is
    the 32nd meeting's draft agenda."""
    load_demo()
    return Document.objects.get(symbol="UNODC/HONLAC/31/2")


def test_an_issued_note_is_served_byte_for_byte_whatever_its_data_become(client, note_31, tmp_path):
    document = note_31
    before = {code: stored(document, code) for code in ("en", "fr", "es")}
    # The annex's agenda, the title and the text change after issue.
    next_agenda = ensure_agenda(document.meeting.body.meetings.get(number=32), by=None)
    AgendaItem.objects.create(agenda=next_agenda, position=99, title="An item placed after the note was issued")
    Document.objects.filter(pk=document.pk).update(title_en="Another title", text_en="Another text.")
    assert before["en"] != before["fr"] != before["es"]
    for code in ("en", "fr", "es"):
        assert served(client, document, code) == before[code]
    path = tmp_path / "printed.pdf"
    call_command("print_document", document.symbol, "--lang", "fr", "--output", str(path), stdout=io.StringIO())
    assert path.read_bytes() == before["fr"]
    assert "An item placed after" not in pdf_text(before["en"])
    assert "DRAFT, NOT ISSUED" not in pdf_text(before["en"])


def test_an_issued_agenda_does_not_change_when_its_items_do(client, db):
    meeting = MeetingFactory(number=32)
    agenda = ensure_agenda(meeting, by=None)
    AgendaItem.objects.create(
        agenda=agenda, position=1, title="Opening of the meeting", title_en="Opening of the meeting"
    )
    set_agenda_status(agenda, status=agenda.Status.PROVISIONAL, by=None)
    agenda.refresh_from_db()
    document = agenda.document
    assert document.symbol.endswith("/32/1") and document.status == Document.Status.ISSUED
    before = {code: stored(document, code) for code in meeting.body.working_languages}
    item = agenda.items.order_by("position").first()
    item.title_en = item.title = "A title changed after issue"
    item.save()
    for code, pdf in before.items():
        assert served(client, document, code) == pdf
    assert "A title changed after issue" not in pdf_text(before["en"])


def test_a_draft_says_so_on_every_page_and_only_the_secretariat_sees_it(client, db):
    document = DocumentFactory(text_en="\n\n".join(f"Paragraph {n} " + "word " * 120 for n in range(30)))
    client.force_login(focal_point("ECU"))
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(secretariat_user())
    confirm_identity(client)
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(served(client, document, "en"))).pages
    assert len(pages) > 1
    assert all("DRAFT, NOT ISSUED" in page.extract_text() for page in pages)


def test_issuing_from_the_page_stores_each_version_and_records_it(client, db):
    document = DocumentFactory()
    client.force_login(secretariat_user())
    confirm_identity(client)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Issue the checked versions" in page
    response = client.post(
        reverse("meetings:document_action", args=[document.pk, "issue"]), {"languages": ["en", "fr"]}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.ISSUED
    assert sorted(issuing.issued_languages(document)) == ["en", "fr"]
    assert issued_file(document, "es") is None
    versions = {v["language"]: v["state"] for v in client.get(document.get_absolute_url()).context["versions"]}
    assert versions == {"en": "issued", "fr": "issued", "es": "draft"}
    assert AuditEvent.objects.filter(action="document.issued").count() == 2
    # Others see the issued versions only.
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("meetings:document_download", args=[document.pk, "es"])).status_code == 404
    assert served(client, document, "fr") == stored(document, "fr")


def test_issuing_again_is_refused_and_a_retried_store_does_not_duplicate(db):
    document = DocumentFactory()
    issuing.issue_at_once(document, by=None)
    with pytest.raises(ValidationError):
        issuing.issue_document(document, languages=["en"], by=None)
    first = issued_file(document, "en")
    again = store_issued_version(document, language="en", pdf=b"%PDF-other", by=None)
    assert again.pk == first.pk
    assert DocumentFile.objects.filter(document=document, language="en").count() == 1


def test_an_issued_upload_cannot_be_replaced_from_the_form(client, db):
    document = DocumentFactory()
    issuing.issue_at_once(document, by=None)
    client.force_login(secretariat_user())
    confirm_identity(client)
    form = client.get(reverse("meetings:document_edit", args=[document.pk])).context["form"]
    assert not any(name.startswith("file_") for name in form.fields)


def test_revision_corrigendum_and_addendum_get_their_symbols_and_sit_under_their_parent(client, db):
    document = DocumentFactory(number=2)
    issuing.issue_at_once(document, by=None)
    client.force_login(secretariat_user())
    confirm_identity(client)
    revise = reverse("meetings:document_action", args=[document.pk, "revise"])
    revision = Document.objects.get(pk=_target(client.post(revise)))
    assert revision.symbol == f"{document.symbol}/Rev.1"
    assert (revision.parent, revision.relation, revision.status) == (document, "rev", "draft")
    assert revision.text_fr == document.text_fr  # to change before issue
    correct = reverse("meetings:document_action", args=[document.pk, "correct"])
    corrigendum = Document.objects.get(pk=_target(client.post(correct, {"languages": ["en", "fr"]})))
    assert corrigendum.symbol == f"{document.symbol}/Corr.1"
    assert corrigendum.version_languages() == ["en", "fr"]
    addendum = Document.objects.get(
        pk=_target(client.post(reverse("meetings:document_action", args=[document.pk, "add"])))
    )
    assert addendum.symbol == f"{document.symbol}/Add.1"
    for child in (revision, corrigendum, addendum):
        assert Symbol.objects.get(symbol=child.symbol).document == child
    meeting_page = client.get(document.meeting.get_absolute_url())
    listed = [row.symbol for row, _languages in meeting_page.context["documents"]]
    assert listed == [document.symbol, addendum.symbol, corrigendum.symbol, revision.symbol]
    family = [child.symbol for child in client.get(document.get_absolute_url()).context["family"]]
    assert family == [addendum.symbol, corrigendum.symbol, revision.symbol]
    # A second revision, even made from the first, is Rev.2 of the same symbol.
    issuing.issue_at_once(revision, by=None)
    assert issuing.create_revision(revision, by=None).symbol == f"{document.symbol}/Rev.2"
    assert AuditEvent.objects.filter(action="document.revision_created").count() == 2


def test_an_issued_revision_supersedes_the_earlier_versions_which_stay_downloadable(client, db):
    document = DocumentFactory(number=2)
    issuing.issue_at_once(document, by=None)
    revision = issuing.create_revision(document, by=None)
    revision.text_en = "Revised text."
    revision.save()
    issuing.issue_document(revision, languages=["en"], by=None, in_background=False)
    client.force_login(focal_point("ECU"))
    states = {v["language"]: v for v in client.get(document.get_absolute_url()).context["versions"]}
    assert states["en"]["state"] == "superseded" and states["en"]["replaced_by"] == revision
    assert states["fr"]["state"] == "issued"  # the revision is not issued in French yet
    assert served(client, document, "en") == stored(document, "en")
    assert "Revised text." in pdf_text(served(client, revision, "en"))


def test_a_corrigendum_to_some_versions_says_which(client, db):
    document = DocumentFactory(number=2)
    issuing.issue_at_once(document, by=None)
    corrigendum = issuing.create_corrigendum(document, languages=["fr", "en"], by=None)
    corrigendum.text_en = "In paragraph 2, for 2023 read 2024."
    corrigendum.text_fr = "Au paragraphe 2, au lieu de 2023, lire 2024."
    corrigendum.save()
    issuing.issue_at_once(corrigendum, by=None)
    assert sorted(issuing.issued_languages(corrigendum)) == ["en", "fr"]
    english, french = pdf_text(stored(corrigendum, "en")), pdf_text(stored(corrigendum, "fr"))
    assert "English and French only" in english and corrigendum.symbol in english
    assert "Anglais et français seulement" in french


def test_a_reissue_keeps_the_symbol_adds_the_footnote_and_keeps_the_earlier_file(client, db):
    document = DocumentFactory(number=2)
    issuing.issue_at_once(document, by=None)
    before = stored(document, "fr")
    client.force_login(secretariat_user())
    confirm_identity(client)
    response = client.post(reverse("meetings:document_action", args=[document.pk, "reissue"]), {"languages": ["fr"]})
    assert response.status_code == 302
    document.refresh_from_db()
    after = stored(document, "fr")
    assert after != before and document.symbol.endswith("/2")
    text = pdf_text(after)
    assert "Nouveau tirage pour raisons techniques le" in text
    assert "Reissued" not in pdf_text(stored(document, "en"))  # only the French version was reissued
    earlier = DocumentFile.objects.get(document=document, language="fr", superseded_at__isnull=False)
    with earlier.file.open("rb") as handle:
        assert handle.read() == before
    page = client.get(document.get_absolute_url())
    [french] = [v for v in page.context["versions"] if v["language"] == "fr"]
    assert french["earlier"] == [earlier]
    assert client.get(reverse("meetings:document_earlier_file", args=[document.pk, earlier.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="document.reissued").exists()


@pytest.mark.parametrize("role", ["anonymous", "own_state", "other_state", "non_participant", "secretariat", "admin"])
def test_document_actions_permission_matrix(client_as, users, role):
    document = DocumentFactory(meeting=MeetingFactory(participating_states=["ECU", "MEX"]))
    issuing.issue_at_once(document, by=None)
    client = client_as(role)
    response = client.post(reverse("meetings:document_action", args=[document.pk, "revise"]))
    earlier = DocumentFile.objects.filter(document=document).first()
    earlier_url = reverse("meetings:document_earlier_file", args=[document.pk, earlier.pk])
    may = role in ("secretariat", "admin")
    if role == "anonymous":
        assert "login/?next=" in response["Location"]
    else:
        assert response.status_code == (302 if may else 403)
    assert Document.objects.filter(parent=document).exists() == may
    assert client.get(earlier_url).status_code in ((404,) if may else (302, 403))  # not superseded: not found


def test_the_transmittal_addendum_holds_exactly_the_responses_posted_after_the_note(client, db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL", "PER"))
    answered(questionnaire, "ECU", post=True, text="Ecuadorian measures.")
    answered(questionnaire, "MEX", post=True, text="Mexican measures.")
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    with pytest.raises(ValidationError):  # nothing to add before the note is issued and a response posted after
        issuing.create_addendum(note, by=None)
    issuing.issue_at_once(note, by=None)
    with pytest.raises(ValidationError):
        transmittal.generate_transmittal_note(questionnaire, by=None)
    answered(questionnaire, "COL", post=True, text="Colombian measures.")
    addendum = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert addendum.symbol == f"{note.symbol}/Add.1" and addendum.parent == note
    client.force_login(secretariat_user())
    confirm_identity(client)
    text = pdf_text(served(client, addendum, "en"))
    assert "Colombian measures." in text
    assert "Ecuadorian measures." not in text and "Mexican measures." not in text
    # Generated again while a draft, the addendum takes the responses posted since, under the same symbol.
    answered(questionnaire, "PER", post=True, text="Peruvian measures.")
    again = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert again.pk == addendum.pk
    issuing.issue_at_once(again, by=None)
    issued = pdf_text(stored(again, "en"))
    assert "Colombian measures." in issued and "Peruvian measures." in issued
    note_text = pdf_text(stored(note, "en"))
    assert "Colombian measures." not in note_text and "Ecuadorian measures." in note_text


def test_the_secure_page_links_the_transmittal_note_once_issued(client, db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    client.force_login(focal_point("MEX"))
    url = reverse("questionnaires:secure_page", args=["honlac", 32])
    assert note.symbol not in client.get(url).content.decode()
    issuing.issue_at_once(note, by=None)
    assert note.symbol in client.get(url).content.decode()
    answered(questionnaire, "MEX", post=True)
    addendum = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert addendum.symbol not in client.get(url).content.decode()  # a draft
    issuing.issue_at_once(addendum, by=None)
    assert addendum.symbol in client.get(url).content.decode()


def test_the_symbol_1_is_the_agenda_whatever_the_order_of_issue(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    issuing.issue_at_once(note, by=None)
    agenda = ensure_agenda(questionnaire.meeting, by=None)
    set_agenda_status(agenda, status=agenda.Status.PROVISIONAL, by=None)
    agenda.refresh_from_db()
    assert note.symbol.endswith("/32/2")
    assert agenda.document.symbol.endswith("/32/1")


def test_an_issued_note_under_an_item_names_the_agenda_even_before_the_agenda_is_issued(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    reserve_agenda_symbol(questionnaire.meeting, by=None)  # as a meeting created by the secretariat
    agenda = ensure_agenda(questionnaire.meeting, by=None)
    AgendaItem.objects.create(agenda=agenda, position=4, title="Review", purpose=Purpose.RECOMMENDATIONS_REVIEW)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert note.agenda_item is not None
    issuing.issue_at_once(note, by=None, on=datetime.date(2024, 9, 6))
    text = pdf_text(stored(note, "en"))
    assert "UNODC/HONLAC/32/1." in text


def _target(response):
    assert response.status_code == 302, response
    return int(response["Location"].strip("/").split("/")[-1])


@pytest.mark.parametrize(
    ("language", "since"),
    [
        ("en", "Since the issue of the note by the Secretariat UNODC/HONLAC/32/2 on"),
        ("fr", "Depuis la publication de la note du Secrétariat UNODC/HONLAC/32/2 le"),
        ("es", "Desde la publicación de la nota de la Secretaría UNODC/HONLAC/32/2 el"),
    ],
)
def test_the_transmittal_addendum_prints_as_an_addendum_without_the_table(db, language, since):
    from honlac import printing

    questionnaire = open_questionnaire(states=("ECU", "MEX"))
    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    issuing.issue_at_once(note, by=None)
    answered(questionnaire, "MEX", post=True)
    addendum = transmittal.generate_transmittal_note(questionnaire, by=None)
    text = " ".join(pdf_text(printing.render_document(addendum, language=language)).split())
    assert since in text
    assert "UNODC/HONLAC/32/2/Add.1" in text
    assert {"en": "Addendum", "fr": "Additif", "es": "Adición"}[language] in text
    # The table, with the recommendations' texts, is the note's.
    assert {"en": "early warning", "fr": "alerte précoce", "es": "alerta temprana"}[language] not in text


def test_the_admin_neither_deletes_an_issued_document_nor_changes_its_files(client, db):
    from tests.factories import admin_user

    document = DocumentFactory()
    draft = DocumentFactory(meeting=document.meeting, number=document.number + 1)
    issuing.issue_at_once(document, by=None)
    client.force_login(admin_user())
    confirm_identity(client)
    assert client.get(reverse("admin:meetings_document_delete", args=[document.pk])).status_code == 403
    assert client.get(reverse("admin:meetings_document_delete", args=[draft.pk])).status_code == 200
    page = client.get(reverse("admin:meetings_document_change", args=[document.pk]))
    inline = page.context["inline_admin_formsets"][0]
    assert not inline.has_change_permission and not inline.has_delete_permission
