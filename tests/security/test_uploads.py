"""Uploads are judged by their content and size, never by their name, at every upload point; a refused file
leaves nothing behind."""

import random
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agendas.models import HostOffer, Topic
from honlac.storage import TransactionalFileSystemStorage
from meetings.models import Document, DocumentFile
from questionnaires.models import Attachment, Recommendation
from tests.helpers import MINIMAL_PDF
from tests.security.upload_points import (
    UPLOAD_POINTS,
    attachment_upload,
    document_create,
    document_edit,
    docx,
    media_files,
    offer_create,
    offer_edit,
    stored,
)


def png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(112)
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"
RANDOM = random.Random(0).randbytes(1024)
UPLOAD_LIMIT = 2048
OVERSIZED_PDF = MINIMAL_PDF + b"%" + b"x" * UPLOAD_LIMIT + b"\n"
NOT_ACCEPTED = "This kind of file is not accepted."
TOO_LARGE = "The file is too large"


@pytest.mark.parametrize("point", UPLOAD_POINTS)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("note.pdf", EXECUTABLE, NOT_ACCEPTED),
        ("note.pdf", HTML, NOT_ACCEPTED),
        ("report.docx", RANDOM, NOT_ACCEPTED),
        ("note.pdf", OVERSIZED_PDF, TOO_LARGE),
    ],
    ids=["executable-named-pdf", "html-named-pdf", "random-bytes-named-docx", "oversized-pdf"],
)
def test_upload_bad_file_is_refused_with_a_message(questionnaire, clients, settings, point, name, content, message):
    settings.FILE_UPLOAD_MAX_SIZE = UPLOAD_LIMIT
    client, url, data, field = point(clients, questionnaire)
    before = stored()

    response = client.post(url, {**data, field: SimpleUploadedFile(name, content)}, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored() == before


@pytest.mark.parametrize("point", UPLOAD_POINTS)
@pytest.mark.parametrize(
    ("name", "content", "accepted_at"),
    [
        ("photo.png", MINIMAL_PDF, set(UPLOAD_POINTS)),
        ("report.pdf", docx(), set(UPLOAD_POINTS)),
        ("scan.pdf", png(), {attachment_upload}),
    ],
    ids=["pdf-named-png", "docx-named-pdf", "png-named-pdf"],
)
def test_upload_is_judged_by_its_content_not_its_name(questionnaire, clients, point, name, content, accepted_at):
    client, url, data, field = point(clients, questionnaire)
    before = stored()

    response = client.post(url, {**data, field: SimpleUploadedFile(name, content)}, follow=True)

    if point in accepted_at:
        new_files = [path for path in media_files() if path.name not in before["files"]]
        assert [path.read_bytes() for path in new_files] == [content]
    else:
        assert NOT_ACCEPTED in response.content.decode()
        assert stored() == before


def download_url(point):
    """Where the file just uploaded at `point` is downloaded."""
    if point in (document_create, document_edit):
        document = Document.objects.filter(files__isnull=False).get()
        return reverse("meetings:document_download", args=[document.pk, "en"])
    if point is attachment_upload:
        attachment = Attachment.objects.get()
        return reverse("questionnaires:attachment", args=[attachment.response_id, attachment.pk])
    return reverse("agendas:note_verbale", args=[HostOffer.objects.get().pk])


@pytest.mark.parametrize("point", UPLOAD_POINTS)
@pytest.mark.parametrize("name", ["photo.png", "page.html", "no-extension"])
def test_upload_is_served_under_the_extension_of_its_content(questionnaire, clients, point, name):
    client, url, data, field = point(clients, questionnaire)
    client.post(url, {**data, field: SimpleUploadedFile(name, MINIMAL_PDF)})

    download = client.get(download_url(point))

    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Disposition"].endswith('.pdf"')
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_attachment_type_is_the_type_of_its_content(questionnaire, clients):
    client, url, data, field = attachment_upload(clients, questionnaire)
    client.post(url, {field: SimpleUploadedFile("photo.png", MINIMAL_PDF, content_type="image/png")})
    client.post(url, {field: SimpleUploadedFile("scan.pdf", png(), content_type="application/pdf")})
    client.post(url, {field: SimpleUploadedFile("Report.DOCX", docx(), content_type="application/pdf")})
    attachments = Attachment.objects.order_by("pk")
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("photo.pdf", "application/pdf"),
        ("scan.png", "image/png"),
        ("Report.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]


def test_document_file_with_a_very_long_name_is_stored_under_a_shorter_one(questionnaire, clients):
    client, url, data, field = document_create(clients, questionnaire)
    response = client.post(url, {**data, field: SimpleUploadedFile("n" * 250 + ".pdf", MINIMAL_PDF)})
    version = DocumentFile.objects.get()
    assert response.status_code == 302
    assert len(version.file.name) <= 100
    assert version.file.name.endswith(".pdf")
    assert version.file.read() == MINIMAL_PDF


FOUR_BYTE_NAME = "\U00020b9f" * 200 + ".pdf"  # 200 CJK characters of four bytes each in UTF-8: 804 bytes


def kept_name(point):
    """The name kept for display at `point`, where its model keeps one (a document file is named by its symbol)."""
    if point is attachment_upload:
        return Attachment.objects.get().original_name
    if point in (offer_create, offer_edit):
        return HostOffer.objects.get().note_verbale_name
    return None


@pytest.mark.parametrize("point", UPLOAD_POINTS)
def test_upload_with_a_name_too_long_for_the_file_system_is_stored_under_a_shortened_one(questionnaire, clients, point):
    client, url, data, field = point(clients, questionnaire)
    before = {path.name for path in media_files()}

    response = client.post(url, {**data, field: SimpleUploadedFile(FOUR_BYTE_NAME, MINIMAL_PDF)})

    assert response.status_code == 302
    [new_file] = [path for path in media_files() if path.name not in before]
    assert new_file.read_bytes() == MINIMAL_PDF
    assert len(new_file.name.encode()) <= 200 + len("_1234567")  # a name already taken gets 8 more
    assert b"".join(client.get(download_url(point)).streaming_content) == MINIMAL_PDF
    assert kept_name(point) in (None, FOUR_BYTE_NAME)


@pytest.mark.parametrize("point", [attachment_upload, offer_create])
def test_a_name_given_the_extension_of_its_content_keeps_it_within_its_column(questionnaire, clients, point):
    # Django cuts an uploaded name to 255 characters; the extension of the content can make it longer.
    client, url, data, field = point(clients, questionnaire)
    client.post(url, {**data, field: SimpleUploadedFile("n" * 251 + ".png", docx())})
    assert kept_name(point) == "n" * 250 + ".docx"


def test_storage_cuts_a_long_name_on_a_character_boundary_and_keeps_the_extension():
    storage = TransactionalFileSystemStorage()
    assert storage.get_valid_name("\U00020b9f" * 200 + ".docx") == "\U00020b9f" * 48 + ".docx"
    assert storage.get_valid_name("é" * 150 + ".pdf") == "é" * 98 + ".pdf"
    assert storage.get_valid_name("short name.pdf") == "short_name.pdf"


# Recommendations imported from CSV --------------------------------------------------------------------------


def import_csv(clients, content):
    url = reverse("questionnaires:recommendation_import", args=["honlac", 32])
    return clients["secretariat"].post(url, {"file": SimpleUploadedFile("recommendations.csv", content)})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (png(), "The file is not UTF-8 text."),
        (
            MINIMAL_PDF,
            "The file needs the columns: number, topic, topic_en, topic_fr, topic_es, text_en, text_fr, text_es, "
            "continues, continuation.",
        ),
        (
            b"topic_en,text\nSynthetic drugs,Governments should act.\n",
            "The file needs the columns: number, topic, topic_en",
        ),
        ("text_en\nLos gobiernos deberían actuar.\n".encode("latin-1"), "The file is not UTF-8 text."),
        (b"text_en\nGovernments should\x00 act.\n", "The file is not UTF-8 text."),
        (b"text_en\n" + b"a" * 200_000 + b"\n", "The file could not be read as CSV: field larger than field limit"),
        (b"text_en\nGovernments should act.\n,\nGovernments should act again.\n", "Line 3 has no English text."),
        (
            ("topic_en,text_en\n" + "t" * 401 + ",Governments should act.\n").encode(),
            "Ensure this value has at most 400 characters (it has 401).",
        ),
        (b"text_en\n" + b"a" * (2 * 1024 * 1024) + b"\n", "The file is too large; the limit is 2 MB."),
    ],
    ids=[
        "binary",
        "pdf",
        "no-text_en-column",
        "latin-1",
        "nul-byte",
        "field-over-csv-limit",
        "row-without-english",
        "topic-over-400-characters",
        "over-2-mb",
    ],
)
def test_recommendation_import_refuses_bad_files_whole(questionnaire, clients, content, message):
    before = (Recommendation.objects.count(), Topic.objects.count())
    response = import_csv(clients, content)
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith(message)
    assert (Recommendation.objects.count(), Topic.objects.count()) == before


def test_recommendation_import_takes_a_good_file(questionnaire, clients):
    content = "topic_en,text_en,text_es\nSynthetic drugs,Governments should act.,Los gobiernos deberían actuar.\n"
    response = import_csv(clients, content.encode())
    recommendation = Recommendation.objects.get(meeting=questionnaire.meeting)
    assert response.status_code == 302
    assert (recommendation.topic.title_en, recommendation.text_es) == (
        "Synthetic drugs",
        "Los gobiernos deberían actuar.",
    )


def test_pasted_recommendations_with_a_topic_over_400_characters_are_refused(questionnaire, clients):
    url = reverse("questionnaires:recommendation_paste", args=["honlac", 32])
    before = (Recommendation.objects.count(), Topic.objects.count())
    response = clients["secretariat"].post(
        url, {"language": "en", "text": "# " + "t" * 401 + "\n\nGovernments should act."}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == ["Ensure this value has at most 400 characters (it has 401)."]
    assert (Recommendation.objects.count(), Topic.objects.count()) == before
