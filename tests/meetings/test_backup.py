import importlib
import io
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from honlac.demo import load_demo
from questionnaires import responses
from questionnaires.models import Attachment, Response
from tests.helpers import MINIMAL_PDF

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def reload_member_states():
    from django.apps import apps

    migration = importlib.import_module("meetings.migrations.0002_member_states")
    migration.load_member_states(apps, None)


def snapshot():
    out = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, stdout=out)
    # Django's serializer keeps milliseconds, and writes none for a time whose microseconds are all below one
    # millisecond once it has gone through a dump ("12:00:42.000Z" reads back as 12:00:42, dumped "12:00:42Z"):
    # compare the times as the serializer writes them after one round.
    text = re.sub(r'(T\d{2}:\d{2}:\d{2})\.000(Z|[+-]\d{2}:\d{2})"', r'\1\2"', out.getvalue())
    return sorted(json.dumps(row, sort_keys=True) for row in json.loads(text))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_export_then_import_into_an_empty_database_gives_the_same_data_and_files(tmp_path):
    load_demo()
    response = Response.objects.get(questionnaire__meeting__number=32, member_state__code="COL")
    responses.add_attachment(response, file=SimpleUploadedFile("anexo.pdf", MINIMAL_PDF), by=None)
    stored = Attachment.objects.get().file.name
    before = snapshot()

    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(stored)
    reload_member_states()  # what `migrate` puts in a new database
    assert not default_storage.exists(stored)

    call_command("import_all", str(archive), stdout=io.StringIO())
    assert snapshot() == before
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == MINIMAL_PDF


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_refuses_a_database_that_is_not_empty(tmp_path):
    from django.core.management.base import CommandError

    load_demo()
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_all", str(archive), stdout=io.StringIO())
