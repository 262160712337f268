import pytest
from django.conf import settings as django_settings


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and "postgresql" not in django_settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL: set DATABASE_URL")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Tests do not run collectstatic, and keep uploaded files in a temporary folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests sign users in with force_login; the second factor has tests of its own (tests/accounts), which
    # turn the requirement back on.
    settings.HONLAC_REQUIRE_2FA = False
    # Background tasks run at once, inside the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # A posted response's parts of the transmittal note print when a note needs them, not at each posting of the
    # suite's thousands (tests/questionnaires/test_transmittal_parts.py turns it back on).
    settings.HONLAC_PRINT_PARTS_WHEN_POSTED = False


@pytest.fixture
def body(db):
    from tests.factories import BodyFactory

    return BodyFactory()


@pytest.fixture
def meeting(body):
    from tests.factories import MeetingFactory

    return MeetingFactory(body=body)


@pytest.fixture
def own_state_code():
    """The State of the "own_state" role; a module whose world belongs to another State overrides it."""
    return "ECU"


@pytest.fixture
def users(db, own_state_code):
    """The user of each role of the permission matrices (tests/helpers.py ROLES): the own State and another one
    take part in the meetings of the world, the non-participating State does not."""
    from tests.factories import admin_user, contributor, focal_point, secretariat_user

    return {
        "anonymous": None,
        "own_state": focal_point(own_state_code),
        "other_state": focal_point("MEX"),
        "non_participant": focal_point("FRA"),
        "secretariat": secretariat_user(),
        "admin": admin_user(),
        # Beyond ROLES (tests/helpers.py CONTRIBUTOR_ROLES): colleagues of a focal point, of the own State and of
        # another, who reach only the blocks given to them.
        "own_contributor": contributor(own_state_code),
        "other_contributor": contributor("MEX"),
    }


@pytest.fixture
def client_as(client, users):
    """client_as(role): the test client, signed in as the user of `role` (anonymous: not signed in), who confirmed
    it's them a moment ago (accounts/reauth.py; tests/accounts/test_reauth.py tests the confirmation itself)."""
    from tests.helpers import confirm_identity

    def sign_in(role):
        if users[role] is not None:
            client.force_login(users[role])
            confirm_identity(client)
        return client

    return sign_in


_PRINTS = {}


@pytest.fixture(autouse=True)
def _prints_laid_out_once(monkeypatch):
    """Lay out each distinct HTML once per test session: the same HTML gives the same PDF, and the demo, loaded
    by many tests, prints its issued documents every time. Progress is told to the caller as WeasyPrint would."""
    import agendas.documents
    import meetings.documents
    import questionnaires.documents

    original = meetings.documents.html_to_pdf

    def html_to_pdf(html, *, progress=None):
        report = progress or (lambda stage, **details: None)
        if html not in _PRINTS:
            pages = {}

            def remember(stage, **details):
                pages.update(details)
                report(stage, **details)

            _PRINTS[html] = (original(html, progress=remember), pages.get("pages"))
            return _PRINTS[html][0]
        pdf, pages = _PRINTS[html]
        report("laying_out")
        report("writing", pages=pages)
        return pdf

    for module in (meetings.documents, agendas.documents, questionnaires.documents):
        monkeypatch.setattr(module, "html_to_pdf", html_to_pdf)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID provider on 127.0.0.1 (django-oauth-toolkit, tests/oidc_provider/), one per test process."""
    from tests.oidc_provider.process import start_provider

    with start_provider(tmp_path_factory.mktemp("oidc-provider")) as provider:
        yield provider


@pytest.fixture
def oidc(db, settings, oidc_provider):
    """The portal signs in through the test provider (as the environment variables of README "Configuration" do)."""
    settings.HONLAC_OIDC_ENABLED = True
    settings.HONLAC_OIDC_LABEL = "UN Entra ID"
    settings.HONLAC_OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = oidc_provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_provider.endpoint("authorize/")
    settings.OIDC_OP_TOKEN_ENDPOINT = oidc_provider.endpoint("token/")
    settings.OIDC_OP_USER_ENDPOINT = oidc_provider.endpoint("userinfo/")
    settings.OIDC_OP_JWKS_ENDPOINT = oidc_provider.endpoint(".well-known/jwks.json")
    return oidc_provider
