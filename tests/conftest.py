import pytest


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


@pytest.fixture
def body(db):
    from tests.factories import BodyFactory

    return BodyFactory()


@pytest.fixture
def meeting(body):
    from tests.factories import MeetingFactory

    return MeetingFactory(body=body)
