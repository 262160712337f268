"""Every URL of the meetings app × every role, with the expected answer."""

import pytest
from django.urls import reverse

from meetings.models import Document
from tests.factories import DocumentFactory, MeetingFactory, admin_user, focal_point, secretariat_user

ROLES = ["anonymous", "own_state", "other_state", "non_participant", "secretariat", "admin"]


@pytest.fixture
def world(db):
    meeting = MeetingFactory(number=31, participating_states=["ECU", "MEX", "COL"])
    documents = {
        distribution: DocumentFactory(meeting=meeting, distribution=distribution, number=index)
        for index, distribution in enumerate(Document.Distribution.values, start=1)
    }
    users = {
        "anonymous": None,
        "own_state": focal_point("ECU"),
        "other_state": focal_point("MEX"),
        "non_participant": focal_point("FRA"),
        "secretariat": secretariat_user(),
        "admin": admin_user(),
    }
    return meeting, documents, users


def client_for(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])
    return client


def expect(row, role):
    return dict(zip(ROLES, row, strict=True))[role]


LOGIN = "login"  # a redirect to the login page
SECRETARIAT_ONLY = (LOGIN, 403, 403, 403, 200, 200)
PUBLIC = (200,) * 6


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
        ("document_limited", (LOGIN, 200, 200, 200, 200, 200)),
        ("document_restricted", (LOGIN, 200, 200, 404, 200, 200)),
        ("download_general", PUBLIC),
        ("download_limited", (LOGIN, 200, 200, 200, 200, 200)),
        ("download_restricted", (LOGIN, 200, 200, 404, 200, 200)),
        ("document_edit", SECRETARIAT_ONLY),
        ("password_change", (LOGIN, 200, 200, 200, 200, 200)),
        ("password_reset", PUBLIC),
        ("admin", (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200)),
    ],
)
def test_get_permission_matrix(client, world, name, expected, role):
    meeting, documents, users = world
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
        "document_edit": reverse("meetings:document_edit", args=[general.pk]),
        "password_change": reverse("password_change"),
        "password_reset": reverse("password_reset"),
        "admin": reverse("admin:index"),
    }
    response = client_for(client, users, role).get(urls[name])
    wanted = expect(expected, role)
    if wanted == LOGIN:
        assert response.status_code == 302
        assert "login/?next=" in response["Location"]
    else:
        assert response.status_code == wanted


@pytest.mark.parametrize("role", ROLES)
def test_open_next_meeting_permission_matrix(client, world, role):
    meeting, _documents, users = world
    response = client_for(client, users, role).post(reverse("meetings:open_next", args=["honlac", 31]))
    opened = meeting.body.meetings.filter(number=32).exists()
    if role in ("secretariat", "admin"):
        assert response.status_code == 302
        assert opened
    else:
        assert not opened
        assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_meeting_page_lists_only_documents_the_role_may_see(client, world, role):
    _meeting, documents, users = world
    response = client_for(client, users, role).get(reverse("meetings:detail", args=["honlac", 31]))
    listed = {document.distribution for document, _languages in response.context["documents"]}
    expected = {
        "anonymous": {"general"},
        "non_participant": {"general", "limited"},
    }.get(role, {"general", "limited", "restricted"})
    assert listed == expected


def test_document_of_unknown_language_is_404(client, world):
    _meeting, documents, _users = world
    response = client.get(reverse("meetings:document_download", args=[documents["general"].pk, "ru"]))
    assert response.status_code == 404
