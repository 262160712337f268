"""One State's limits everywhere: no file of the portal (export, PDF, ZIP, attachment, print job) gives a focal point
of another State, or of a State that does not take part, the text of a response not yet posted.

Every such URL of the portal is listed here; a new one fails `test_every_file_url_of_the_portal_is_checked` until
it is added. Each is requested (following redirects) as each reader, and every answer is read as its reader
would: PDF text (pypdf), XLSX cells (openpyxl), ZIP members, CSV, the file name in its headers.
"""

import datetime
import inspect
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from agendas.offers import record_offer
from meetings.issuing import issue_document
from meetings.models import Document, DocumentFile, PrintJob
from questionnaires.models import Attachment
from questionnaires.transmittal import generate_transmittal_note
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import MINIMAL_PDF

# Typed in the responses of Ecuador (a draft) and Peru (submitted, not yet posted): no one else may read them.
UNPOSTED = {"ECU": "Zqxv8EcuadorDraftMarker", "PER": "Zqxv8PeruSubmittedMarker"}
POSTED = "Colombia posted its measures."

# What makes a URL one of a file: its route names an extension, its name says so, or its view answers with a file.
FILE_ROUTE = re.compile(r"\.(pdf|zip|csv|xlsx|<str:format>)$|\.<")
FILE_NAME = re.compile(r"(download|export|pdf|zip|attachment$|print_job|note_verbale|earlier_file|commission)")
FILE_VIEW = re.compile(r"FileResponse|StreamingHttpResponse|Content-Disposition")

# The URL name of every file of the portal, with the URLs of it requested in the world below.
FILE_URLS = {
    "meetings:document_download": lambda w: [
        reverse("meetings:document_download", args=[document.pk, language])
        for document in w["documents"]
        for language in ("en", "fr", "es")
    ],
    "meetings:document_earlier_file": lambda w: [
        reverse("meetings:document_earlier_file", args=[w["earlier"].document_id, w["earlier"].pk])
    ],
    "meetings:print_job": lambda w: [reverse("meetings:print_job", args=[job.pk]) for job in w["print_jobs"]],
    "questionnaires:export": lambda w: [
        reverse("questionnaires:export", args=["honlac", 32, format_]) for format_ in ("csv", "xlsx")
    ],
    # The matrix holds statuses, not texts: tests/questionnaires/test_matrix.py checks whose statuses it counts.
    "questionnaires:matrix_xlsx": lambda w: [
        reverse("questionnaires:matrix_xlsx", args=["honlac"]) + query for query in ("", "?meeting=31")
    ],
    "questionnaires:blank_pdf": lambda w: [reverse("questionnaires:blank_pdf", args=["honlac", 32, "en"])],
    "questionnaires:responses_zip": lambda w: [reverse("questionnaires:responses_zip", args=["honlac", 32, "en"])],
    "questionnaires:responses_pdf": lambda w: [reverse("questionnaires:responses_pdf", args=["honlac", 32, "en"])],
    "questionnaires:response_pdf": lambda w: [
        reverse("questionnaires:response_pdf", args=[response.pk, "en"]) for response in w["responses"].values()
    ],
    "questionnaires:attachment": lambda w: [
        reverse("questionnaires:attachment", args=[attachment.response_id, attachment.pk])
        for attachment in w["attachments"]
    ],
    "agendas:offers_for_commission": lambda w: [
        reverse("agendas:offers_for_commission", args=["honlac", w["offer"].commission_session, format_])
        for format_ in ("csv", "pdf")
    ],
    "agendas:note_verbale": lambda w: [reverse("agendas:note_verbale", args=[w["offer"].pk])],
}


def url_patterns(resolver=None, namespace=""):
    """(full URL name, route, view class or function) of every URL of the portal."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            for name, route, view in url_patterns(pattern, inner):
                yield name, str(pattern.pattern) + route, view
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield ":".join(part for part in (namespace, pattern.name) if part), str(pattern.pattern), view


def answers_with_a_file(view):
    try:
        return bool(FILE_VIEW.search(inspect.getsource(view)))
    except (OSError, TypeError):
        return False


def file_url_names():
    return {
        name
        for name, route, view in url_patterns()
        if view.__module__.split(".")[0] in {"meetings", "questionnaires", "agendas", "accounts", "honlac"}
        and (FILE_ROUTE.search(route) or FILE_NAME.search(name.split(":")[-1]) or answers_with_a_file(view))
    }


def test_every_file_url_of_the_portal_is_checked():
    assert file_url_names() == set(FILE_URLS)


# Reading a file as its reader would ------------------------------------------------------------------------------


def body_of(answer):
    return b"".join(answer.streaming_content) if answer.streaming else answer.content


def readable(content, name=""):
    """The text a person gets from `content`: PDF text, spreadsheet cells, each member of a ZIP, or the bytes."""
    if content.startswith(b"%PDF"):
        try:
            text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        except PdfReadError:  # a file uploaded as PDF that pypdf cannot read: its bytes are what it holds
            text = ""
        return text + "\n" + content.decode("latin-1")
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if name.endswith(".xlsx") or "xl/workbook.xml" in archive.namelist():
                sheets = load_workbook(io.BytesIO(content)).worksheets
                return "\n".join(str(cell.value) for sheet in sheets for row in sheet.iter_rows() for cell in row)
            return "\n".join(member + "\n" + readable(archive.read(member), member) for member in archive.namelist())
    return content.decode("utf-8", errors="replace")


def holds(text, marker):
    # PDF text may break a word over two lines, with or without a hyphen.
    return marker in re.sub(r"[\s\u2010\u00ad-]", "", text)


def read_as(client, url):
    """Status and text of everything `client` gets at `url`, redirects followed (headers included)."""
    answer = client.get(url, follow=True)
    parts = [readable(body_of(answer), answer.get("Content-Disposition", ""))]
    parts += [f"{name}: {value}" for name, value in answer.items()]
    return answer.status_code, "\n".join(parts)


# The world: one questionnaire answered by four States, read by a fifth and by a State that does not take part ------


def build_world():
    questionnaire = open_questionnaire(states=("ECU", "PER", "COL", "MEX"))
    meeting = questionnaire.meeting
    secretariat = secretariat_user()
    ecuador = answered(questionnaire, "ECU", text=f"Medidas {UNPOSTED['ECU']} en curso.")
    peru = answered(questionnaire, "PER", text=f"Medidas {UNPOSTED['PER']} enviadas.", submit=True)
    colombia = answered(questionnaire, "COL", text=POSTED, post=True)
    mexico = answered(questionnaire, "MEX", text="México typed its own draft.")
    attachments = [
        Attachment.objects.create(
            response=response,
            file=ContentFile(MINIMAL_PDF + f"% {marker}\n".encode(), name="attachment.pdf"),
            original_name=f"{marker}.pdf",
            content_type="application/pdf",
            size=len(MINIMAL_PDF),
        )
        for response, marker in ((ecuador, UNPOSTED["ECU"]), (peru, UNPOSTED["PER"]), (colombia, "colombia"))
    ]
    # The transmittal note, issued in English (the others stay drafts), annexes the responses posted.
    note = generate_transmittal_note(questionnaire, by=secretariat)
    issue_document(note, languages=["en"], by=secretariat, in_background=False)
    documents = [note, *Document.objects.filter(meeting=meeting).exclude(pk=note.pk)]
    earlier = DocumentFile.objects.create(
        document=note,
        language="en",
        file=ContentFile(MINIMAL_PDF, name="earlier.pdf"),
        issued_at=timezone.now(),
        superseded_at=timezone.now(),
    )
    print_jobs = [
        PrintJob.objects.create(document=note, language="en", status=PrintJob.Status.DONE),
        PrintJob.objects.create(document=note, language="fr", status=PrintJob.Status.QUEUED),
    ]
    body = meeting.body
    body.member_states.set(meeting.participating_states.all())
    offer = record_offer(
        body,
        member_state=state("ECU"),
        meeting_number=33,
        offered_on=datetime.date(2023, 10, 5),
        remarks="Ecuador offers to host the meeting.",
        note_verbale=ContentFile(MINIMAL_PDF, name="note.pdf"),
        by=None,
    )
    return {
        "questionnaire": questionnaire,
        "responses": {"ECU": ecuador, "PER": peru, "COL": colombia, "MEX": mexico},
        "attachments": attachments,
        "documents": documents,
        "earlier": earlier,
        "print_jobs": print_jobs,
        "offer": offer,
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_no_file_gives_another_states_unposted_text():
    world = build_world()
    urls = [url for name in sorted(FILE_URLS) for url in FILE_URLS[name](world)]
    readers = {"another State (Mexico)": focal_point("MEX"), "a State not taking part (France)": focal_point("FRA")}

    leaks = []
    for reader, user in readers.items():
        client = signed_in(user)
        for url in urls:
            status, text = read_as(client, url)
            leaks += [(reader, url, status, code) for code, marker in UNPOSTED.items() if holds(text, marker)]
    assert leaks == []

    # The reading finds the text where it belongs: Ecuador's own response and attachment, Colombia's posted text.
    ecuador = signed_in(focal_point("ECU", "fp-ecu-reader"))
    own = [reverse("questionnaires:response_pdf", args=[world["responses"]["ECU"].pk, "en"])]
    own.append(reverse("questionnaires:attachment", args=[world["responses"]["ECU"].pk, world["attachments"][0].pk]))
    assert [holds(read_as(ecuador, url)[1], UNPOSTED["ECU"]) for url in own] == [True, True]
    mexico = signed_in(readers["another State (Mexico)"])
    posted = [
        reverse("questionnaires:responses_zip", args=["honlac", 32, "en"]),
        reverse("questionnaires:responses_pdf", args=["honlac", 32, "en"]),
        reverse("meetings:document_download", args=[world["documents"][0].pk, "en"]),
        reverse("meetings:print_job", args=[world["print_jobs"][0].pk]),
    ]
    assert [holds(read_as(mexico, url)[1], POSTED.replace(" ", "")) for url in posted] == [True] * 4
