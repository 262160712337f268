import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from agendas.models import Agenda
from agendas.services import ensure_agenda, set_agenda_status
from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.models import Document, Meeting
from meetings.services import create_document
from questionnaires.models import Questionnaire
from tests.factories import MeetingFactory, admin_user, secretariat_user
from tests.helpers import pdf_text


@pytest.fixture
def demo(db):
    return load_demo()


def issue_agenda(client, number):
    client.post(reverse("agendas:status", args=["honlac", number]), {"status": "provisional"})
    return Agenda.objects.get(meeting__number=number).document


def note(meeting, title="Note"):
    return create_document(meeting, kind=Document.Kind.NOTE, title_en=title, by=None)


def test_agenda_is_symbol_1_when_issued_after_the_transmittal_note(client, demo):
    client.force_login(secretariat_user())
    transmittal = Questionnaire.objects.get(meeting__number=32).transmittal_note  # issued by the demo
    agenda = issue_agenda(client, 32)
    assert transmittal.symbol == "UNODC/HONLAC/32/2"
    assert agenda.symbol == "UNODC/HONLAC/32/1"


def test_document_created_before_the_agenda_is_symbol_2_and_the_next_3(db):
    meeting = MeetingFactory(number=32)
    first = note(meeting)
    second = create_document(meeting, kind=Document.Kind.REPORT, title_en="Report", by=None)
    agenda = create_document(meeting, kind=Document.Kind.AGENDA, title_en="Provisional agenda", by=None)
    assert [first.symbol, second.symbol, agenda.symbol] == [
        "UNODC/HONLAC/32/2",
        "UNODC/HONLAC/32/3",
        "UNODC/HONLAC/32/1",
    ]


def test_conference_room_and_information_papers_have_series_of_their_own(db):
    meeting = MeetingFactory(number=32)
    documents = [
        create_document(meeting, kind=Document.Kind.CONFERENCE_ROOM_PAPER, title_en="Paper", by=None),
        create_document(meeting, kind=Document.Kind.INFORMATION_PAPER, title_en="Information", by=None),
        note(meeting),
        create_document(meeting, kind=Document.Kind.INFORMATION_PAPER, title_en="Participants", by=None),
        create_document(meeting, kind=Document.Kind.CONFERENCE_ROOM_PAPER, title_en="Paper 2", by=None),
    ]
    assert [document.symbol for document in documents] == [
        "UNODC/HONLAC/32/CRP.1",
        "UNODC/HONLAC/32/INF/1",
        "UNODC/HONLAC/32/2",
        "UNODC/HONLAC/32/INF/2",
        "UNODC/HONLAC/32/CRP.2",
    ]


def test_symbol_of_a_deleted_document_is_not_given_again(client, db):
    meeting = MeetingFactory(number=32)
    note(meeting, "First")
    last = note(meeting, "Withdrawn")
    paper = create_document(meeting, kind=Document.Kind.INFORMATION_PAPER, title_en="Information", by=None)
    client.force_login(admin_user())
    for document in (last, paper):
        response = client.post(reverse("admin:meetings_document_delete", args=[document.pk]), {"post": "yes"})
        assert response.status_code == 302
    assert not Document.objects.filter(pk__in=[last.pk, paper.pk]).exists()
    assert note(meeting, "Next").symbol == "UNODC/HONLAC/32/4"
    information = create_document(meeting, kind=Document.Kind.INFORMATION_PAPER, title_en="Again", by=None)
    assert information.symbol == "UNODC/HONLAC/32/INF/2"


def test_deleted_agenda_leaves_symbol_1_to_no_later_document(client, db):
    meeting = MeetingFactory(number=32)
    agenda = create_document(meeting, kind=Document.Kind.AGENDA, title_en="Provisional agenda", by=None)
    assert agenda.symbol == "UNODC/HONLAC/32/1"
    client.force_login(admin_user())
    client.post(reverse("admin:meetings_document_delete", args=[agenda.pk]), {"post": "yes"})
    again = create_document(meeting, kind=Document.Kind.AGENDA, title_en="Provisional agenda", by=None)
    assert again.symbol == "UNODC/HONLAC/32/2"


def test_new_meeting_holds_symbol_1_for_its_agenda(client, db):
    secretariat = secretariat_user()
    client.force_login(secretariat)
    MeetingFactory(number=31)
    client.post(reverse("agendas:open_next", args=["honlac", 31]))
    meeting = Meeting.objects.get(number=32)
    entry = meeting.symbols.get()
    assert (entry.symbol, entry.reserved, entry.document) == ("UNODC/HONLAC/32/1", True, None)
    reservation = AuditEvent.objects.get(action="meeting.agenda_symbol_reserved")
    assert (reservation.actor, reservation.details) == (secretariat, {"symbol": "UNODC/HONLAC/32/1"})
    assert note(meeting).symbol == "UNODC/HONLAC/32/2"
    agenda = set_agenda_status(ensure_agenda(meeting, by=None), status=Agenda.Status.PROVISIONAL, by=None).document
    entry.refresh_from_db()
    assert (agenda.symbol, entry.reserved, entry.document) == ("UNODC/HONLAC/32/1", False, agenda)


def test_note_under_an_item_names_the_agenda_symbol_in_a_footnote(client, demo):
    client.force_login(secretariat_user())
    transmittal = Questionnaire.objects.get(meeting__number=32).transmittal_note
    issue_agenda(client, 32)
    _reader, text = pdf_text(render_document(Document.objects.get(pk=transmittal.pk), language="en"))
    assert "Item 4 of the provisional agenda**" in text
    assert "** UNODC/HONLAC/32/1." in text


def test_agenda_after_a_document_that_holds_1_without_registry_entry_takes_the_next_number(db):
    # Documents saved before the registry existed (or by fixtures) hold numbers the registry does not know.
    from meetings.services import register_document

    meeting = MeetingFactory()
    Document.objects.create(
        meeting=meeting, kind=Document.Kind.NOTE, number=1, symbol=f"{meeting.body.symbol_prefix}/{meeting.number}/1"
    )
    agenda = register_document(Document(meeting=meeting, kind=Document.Kind.AGENDA, title="Agenda"), by=None)
    assert agenda.symbol == f"{meeting.body.symbol_prefix}/{meeting.number}/2"
