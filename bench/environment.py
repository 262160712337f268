"""The environment of the benchmarks' processes (the bench, its servers and workers): production settings, with
what a benchmark needs (no HTTPS redirect, no second factor, no throttling, mail thrown away)."""

import atexit
import os
import secrets
import shutil
import sys
import tempfile

from bench.server import ROOT

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "HONLAC_BENCH": "1",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "HONLAC_REQUIRE_2FA": "false",
    "HONLAC_LOGIN_THROTTLING": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_STATIC_MANIFEST": "false",
    "DJANGO_EMAIL_URL": "dummymail://",
    "DJANGO_LOG_LEVEL": "WARNING",
    # The parts of the transmittal note print in the background at each posting, as in production.
    "HONLAC_PRINT_PARTS_WHEN_POSTED": "true",
}


def configure():
    os.environ.update(ENVIRONMENT)
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honlac_bench")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    # One media folder for the bench and its workers, thrown away at the end of the run.
    if "DJANGO_MEDIA_ROOT" not in os.environ:
        media = tempfile.mkdtemp(prefix="honlac-bench-media-")
        atexit.register(shutil.rmtree, media, ignore_errors=True)
        os.environ["DJANGO_MEDIA_ROOT"] = media
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
