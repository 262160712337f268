"""Every URL of the meetings app × every role, with the expected answer."""

import pytest
from django.urls import reverse

from meetings.models import Document, Meeting, PrintJob
from tests.factories import DocumentFactory, IssuedDocumentFactory, MeetingFactory
from tests.helpers import LOGIN, PUBLIC, ROLES, SECRETARIAT_ONLY, assert_answer, expect

READERS_OF_RESTRICTED = (LOGIN, 200, 200, 404, 200, 200)  # the meeting's participants and the secretariat
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200)
DRAFTS = (LOGIN, 404, 404, 404, 200, 200)  # the secretariat's only: no one else may know they exist


@pytest.fixture
def world(db):
    meeting = MeetingFactory(number=31, participating_states=["ECU", "MEX", "COL"])
    documents = {
        distribution: IssuedDocumentFactory(meeting=meeting, distribution=distribution, number=index)
        for index, distribution in enumerate(Document.Distribution.values, start=1)
    }
    documents["draft"] = DocumentFactory(meeting=meeting, distribution=Document.Distribution.GENERAL, number=9)
    jobs = {
        distribution: PrintJob.objects.create(document=document, language="fr", status=PrintJob.Status.FAILED)
        for distribution, document in documents.items()
        if distribution != "draft"
    }
    return meeting, documents, jobs


def document_state(document):
    return Document.objects.filter(pk=document.pk).values_list("title_en", "distribution", "text_en").get()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("home", PUBLIC),
        ("meeting", PUBLIC),
        ("meeting_create", SECRETARIAT_ONLY),
        ("meeting_edit", SECRETARIAT_ONLY),
        ("document_create", SECRETARIAT_ONLY),
        ("document_general", PUBLIC),
        ("document_limited", SIGNED_IN),
        ("document_restricted", READERS_OF_RESTRICTED),
        ("download_general", PUBLIC),
        ("download_limited", SIGNED_IN),
        ("download_restricted", READERS_OF_RESTRICTED),
        ("document_draft", DRAFTS),
        ("download_draft", DRAFTS),
        ("print_job_general", PUBLIC),
        ("print_job_limited", SIGNED_IN),
        ("print_job_restricted", READERS_OF_RESTRICTED),
        ("document_edit", SECRETARIAT_ONLY),
        ("document_edit_restricted", (LOGIN, 403, 403, 404, 200, 200)),
        ("password_change", SIGNED_IN),
        ("password_reset", PUBLIC),
        ("admin", (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200)),
    ],
)
def test_get_permission_matrix(client_as, world, name, expected, role):
    meeting, documents, jobs = world
    general, limited, restricted = (documents[d] for d in ("general", "limited", "restricted"))
    urls = {
        "home": reverse("meetings:home"),
        "meeting": meeting.get_absolute_url(),
        "meeting_create": reverse("meetings:create"),
        "meeting_edit": reverse("meetings:edit", args=["honlac", 31]),
        "document_create": reverse("meetings:document_create", args=["honlac", 31]),
        "document_general": general.get_absolute_url(),
        "document_limited": limited.get_absolute_url(),
        "document_restricted": restricted.get_absolute_url(),
        "download_general": reverse("meetings:document_download", args=[general.pk, "fr"]),
        "download_limited": reverse("meetings:document_download", args=[limited.pk, "fr"]),
        "download_restricted": reverse("meetings:document_download", args=[restricted.pk, "fr"]),
        "document_draft": documents["draft"].get_absolute_url(),
        "download_draft": reverse("meetings:document_download", args=[documents["draft"].pk, "fr"]),
        "print_job_general": reverse("meetings:print_job", args=[jobs["general"].pk]),
        "print_job_limited": reverse("meetings:print_job", args=[jobs["limited"].pk]),
        "print_job_restricted": reverse("meetings:print_job", args=[jobs["restricted"].pk]),
        "document_edit": reverse("meetings:document_edit", args=[general.pk]),
        "document_edit_restricted": reverse("meetings:document_edit", args=[restricted.pk]),
        "password_change": reverse("password_change"),
        "password_reset": reverse("password_reset"),
        "admin": reverse("admin:index"),
    }
    assert_answer(client_as(role).get(urls[name]), expect(expected, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("open_next", (LOGIN, 403, 403, 403, 302, 302)),
        ("document_edit", (LOGIN, 403, 403, 403, 302, 302)),
        ("document_edit_restricted", (LOGIN, 403, 403, 404, 302, 302)),
    ],
)
def test_post_permission_matrix(client_as, world, name, expected, role):
    meeting, documents, _jobs = world
    document = documents["restricted" if name.endswith("restricted") else "general"]
    before = document_state(document)
    url, data = {
        "open_next": (reverse("agendas:open_next", args=["honlac", 31]), {}),
        "document_edit": (
            reverse("meetings:document_edit", args=[document.pk]),
            {"title_en": "Changed", "distribution": "general", "original_language": "en", "text_en": "Changed."},
        ),
    }[name.removesuffix("_restricted")]
    response = client_as(role).post(url, data)
    wanted = expect(expected, role)
    assert_answer(response, wanted)
    opened = Meeting.objects.filter(body=meeting.body, number=32).exists()
    assert opened == (name == "open_next" and wanted == 302)
    if name != "open_next":
        assert (document_state(document) == before) == (wanted != 302)


@pytest.mark.parametrize("role", ROLES)
def test_retrying_a_print_job_permission_matrix(client_as, world, role):
    _meeting, _documents, jobs = world
    job = jobs["restricted"]
    response = client_as(role).post(reverse("meetings:print_job", args=[job.pk]))
    wanted = expect(READERS_OF_RESTRICTED, role)
    assert_answer(response, 302 if wanted == 200 else wanted)
    retried = PrintJob.objects.filter(document=job.document).exclude(pk=job.pk).exists()
    assert retried == (wanted == 200)


@pytest.mark.parametrize("role", ROLES)
def test_meeting_page_lists_only_documents_the_role_may_see(client_as, world, role):
    response = client_as(role).get(reverse("meetings:detail", args=["honlac", 31]))
    listed = {
        "draft" if document.status == "draft" else document.distribution
        for document, _languages in response.context["documents"]
    }
    expected = {
        "anonymous": {"general"},
        "non_participant": {"general", "limited"},
        "secretariat": {"general", "limited", "restricted", "draft"},
        "admin": {"general", "limited", "restricted", "draft"},
    }.get(role, {"general", "limited", "restricted"})
    assert listed == expected


def test_document_of_unknown_language_is_404(client, world):
    _meeting, documents, _jobs = world
    response = client.get(reverse("meetings:document_download", args=[documents["general"].pk, "ru"]))
    assert response.status_code == 404
