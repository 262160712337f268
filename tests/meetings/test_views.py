import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document, DocumentFile, Meeting
from tests.factories import DocumentFactory, IssuedDocumentFactory, MeetingFactory, secretariat_user
from tests.helpers import MINIMAL_PDF


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(secretariat_user())
    return client


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        (
            "en",
            "Thirty-first Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean",
        ),
        ("fr", "Trente et unième Réunion des chefs des services chargés au plan national de la lutte contre le trafic"),
        ("es", "Trigésima Primera Reunión de Jefes de los Organismos Nacionales Encargados de Combatir"),
    ],
)
def test_meeting_page_shows_the_full_title_in_the_chosen_language(client, db, language, heading):
    MeetingFactory(number=31)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.get(reverse("meetings:detail", args=["honlac", 31]))
    page = response.content.decode()
    assert f'<h1 class="h2">{heading}' in page
    assert response.context["meeting"].place_and_dates(language).startswith("Quito, 3")


def test_language_choice_is_remembered_in_a_cookie(client, db):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.cookies["django_language"].value == "es"
    assert response.cookies["django_language"]["max-age"] >= 365 * 24 * 3600


def test_home_lists_upcoming_and_past_meetings(client, db):
    past = MeetingFactory(number=31)
    planned = MeetingFactory(number=32, start_date=None, end_date=None, status=Meeting.Status.PLANNED)
    response = client.get(reverse("meetings:home"))
    assert list(response.context["upcoming"]) == [planned]
    assert list(response.context["past"]) == [past]


def test_secretariat_creates_a_meeting(secretariat_client, body):
    response = secretariat_client.post(
        reverse("meetings:create"),
        {
            "body": body.pk,
            "number": 33,
            "status": "planned",
            "city_en": "Geneva",
            "city_fr": "Genève",
            "city_es": "Ginebra",
            "start_date": "2025-10-06",
            "end_date": "2025-10-10",
            "participating_states": [],
        },
    )
    meeting = Meeting.objects.get(body=body, number=33)
    assert response.status_code == 302
    assert (meeting.city_fr, meeting.start_date) == ("Genève", datetime.date(2025, 10, 6))


def test_meeting_cannot_end_before_it_starts(secretariat_client, body):
    response = secretariat_client.post(
        reverse("meetings:create"),
        {"body": body.pk, "number": 33, "status": "planned", "start_date": "2025-10-06", "end_date": "2025-10-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == ["A meeting cannot end before it starts."]
    assert not Meeting.objects.filter(number=33).exists()


def test_open_next_meeting_carries_over_body_and_states(secretariat_client, db):
    meeting = MeetingFactory(number=31, participating_states=["ECU", "MEX", "PER"])
    response = secretariat_client.post(reverse("agendas:open_next", args=["honlac", 31]))
    next_meeting = Meeting.objects.get(body=meeting.body, number=32)
    assert response["Location"] == reverse("meetings:edit", args=["honlac", 32])
    assert set(next_meeting.participating_states.values_list("code", flat=True)) == {"ECU", "MEX", "PER"}
    assert next_meeting.status == Meeting.Status.PLANNED


def test_open_next_meeting_twice_does_not_duplicate(secretariat_client, db):
    MeetingFactory(number=31)
    secretariat_client.post(reverse("agendas:open_next", args=["honlac", 31]))
    response = secretariat_client.post(reverse("agendas:open_next", args=["honlac", 31]), follow=True)
    assert Meeting.objects.filter(number=32).count() == 1
    assert "The next meeting of this series already exists." in response.content.decode()


def test_secretariat_creates_a_document_with_an_uploaded_version(secretariat_client, db):
    MeetingFactory(number=32)
    response = secretariat_client.post(
        reverse("meetings:document_create", args=["honlac", 32]),
        {
            "kind": "note",
            "distribution": "general",
            "original_language": "en",
            "issue_date": "2024-07-01",
            "title_en": "Organization of the next meeting",
            "title_fr": "Organisation",
            "title_es": "Organización",
            "text_en": "One paragraph.",
            "file_fr": SimpleUploadedFile("note.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    document = Document.objects.get(meeting__number=32)
    assert response["Location"] == document.get_absolute_url()
    assert document.symbol == "UNODC/HONLAC/32/2"
    assert list(document.files.values_list("language", flat=True)) == ["fr"]
    download = secretariat_client.get(reverse("meetings:document_download", args=[document.pk, "fr"]))
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_upload_of_a_wrong_type_is_refused_with_a_clear_message(secretariat_client, db):
    MeetingFactory(number=32)
    response = secretariat_client.post(
        reverse("meetings:document_create", args=["honlac", 32]),
        {
            "kind": "note",
            "distribution": "general",
            "original_language": "en",
            "title_en": "Note",
            "file_en": SimpleUploadedFile("note.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file_en"] == [
        "This kind of file is not accepted. Accepted: .doc, .docx, .pdf."
    ]
    assert not Document.objects.exists()


def test_upload_over_the_size_limit_is_refused(secretariat_client, db, settings):
    settings.FILE_UPLOAD_MAX_SIZE = 100
    document = DocumentFactory(meeting=MeetingFactory(number=32))
    response = secretariat_client.post(
        reverse("meetings:document_edit", args=[document.pk]),
        {
            "distribution": "general",
            "original_language": "en",
            "title_en": "Note",
            "file_en": SimpleUploadedFile("note.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "The file is too large" in response.context["form"].errors["file_en"][0]
    assert not DocumentFile.objects.exists()


def test_document_page_escapes_user_text(client, db):
    document = IssuedDocumentFactory(text_en="<script>alert('x')</script> **bold**")
    page = client.get(document.get_absolute_url()).content.decode()
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    )
    assert "<script>alert" not in page
    assert "<strong>bold</strong>" in page


def test_printed_download_is_a_pdf_of_that_language(secretariat_client):
    document = DocumentFactory(meeting=MeetingFactory(number=31))  # a draft: printed from its data
    response = secretariat_client.get(reverse("meetings:document_download", args=[document.pk, "es"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


HOME_QUERIES, MEETING_QUERIES = 5, 6  # with 1 meeting and 1 document as with 21 meetings and 39 documents


def test_home_and_meeting_page_queries_do_not_grow_with_rows(client, db, django_assert_max_num_queries):
    def pages():
        for url, queries in [(reverse("meetings:home"), HOME_QUERIES), (meeting.get_absolute_url(), MEETING_QUERIES)]:
            with django_assert_max_num_queries(queries):
                assert client.get(url).status_code == 200

    meeting = MeetingFactory(number=31)
    IssuedDocumentFactory(meeting=meeting, number=1)  # issued: listed for everyone (a draft, for no one here)
    pages()
    for number in range(32, 52):
        MeetingFactory(number=number)
    for number in range(2, 40):
        IssuedDocumentFactory(meeting=meeting, number=number)
    pages()
