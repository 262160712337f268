"""Every upload point of the portal, for the tests of what uploads accept and refuse: each gives (signed-in
client, URL, other form data, name of the file field) after its own setup; and what an upload could change."""

import datetime
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agendas.models import HostOffer
from agendas.offers import record_offer
from meetings.models import Document, DocumentFile
from questionnaires import responses
from questionnaires.models import Attachment, Response
from tests.factories import DocumentFactory, state
from tests.helpers import MINIMAL_PDF


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCUMENT_DATA = {
    "kind": "note",
    "distribution": "general",
    "original_language": "en",
    "title_en": "Refused or not",
    "title_fr": "Refusé ou non",
    "title_es": "Rechazado o no",
}
OFFER_DATA = {"meeting_number": 33, "offered_on": "2023-10-05", "remarks": "Changed"}


def document_create(clients, questionnaire):
    return clients["secretariat"], reverse("meetings:document_create", args=["honlac", 32]), DOCUMENT_DATA, "file_en"


def document_edit(clients, questionnaire):
    document = DocumentFactory(meeting=questionnaire.meeting)
    data = {**DOCUMENT_DATA, "title_en": "Changed"}
    del data["kind"]
    return clients["secretariat"], reverse("meetings:document_edit", args=[document.pk]), data, "file_en"


def attachment_upload(clients, questionnaire):
    response = responses.response_for(questionnaire, state("ECU"), by=None)
    return clients["ECU"], reverse("questionnaires:attachment_upload", args=[response.pk]), {}, "file"


def offering_body(questionnaire):
    body = questionnaire.meeting.body
    body.member_states.set(questionnaire.meeting.participating_states.all())
    return body


def offer_create(clients, questionnaire):
    offering_body(questionnaire)
    return clients["MEX"], reverse("agendas:offer_create", args=["honlac"]), OFFER_DATA, "note_verbale_file"


def offer_edit(clients, questionnaire):
    offer = record_offer(
        offering_body(questionnaire),
        member_state=state("MEX"),
        meeting_number=33,
        offered_on=datetime.date(2023, 10, 5),
        remarks="As first recorded",
        note_verbale=SimpleUploadedFile("first.pdf", MINIMAL_PDF),
        by=None,
    )
    return clients["MEX"], reverse("agendas:offer_edit", args=[offer.pk]), OFFER_DATA, "note_verbale_file"


UPLOAD_POINTS = [document_create, document_edit, attachment_upload, offer_create, offer_edit]


def stored():
    """Everything an upload could change."""
    return {
        "documents": sorted(Document.objects.values_list("title_en", flat=True)),
        "document files": list(DocumentFile.objects.values_list("file", flat=True)),
        "attachments": list(Attachment.objects.values_list("content_type", flat=True)),
        "response versions": list(Response.objects.values_list("version", flat=True)),
        "offers": list(HostOffer.objects.values_list("remarks", "note_verbale", "note_verbale_name")),
        "files": sorted(path.name for path in media_files()),
    }


def media_files():
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
