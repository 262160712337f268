"""Export of the whole portal (database and uploaded files) to one ZIP file, and its import into an empty one."""

import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction

from .models import Body, Meeting, MemberState

FORMAT_VERSION = 1
# Rebuilt by migrations, or of no worth in a copy (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def _file_names():
    """Every file that a FileField of any model refers to."""
    names = set()
    for model in apps.get_models():
        file_fields = [field.name for field in model._meta.get_fields() if isinstance(field, models.FileField)]
        for field in file_fields:
            names.update(name for name in model._default_manager.exclude(**{field: ""}).values_list(field, flat=True))
    return sorted(name for name in names if name)


def export_all(path):
    """Write the database (as JSON with natural keys) and every uploaded or generated file to the ZIP `path`.

    Returns (number of objects, number of files).
    """
    data = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDED,
        format="json",
        indent=None,
        stdout=data,
    )
    objects = json.loads(data.getvalue())
    names = _file_names()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps({"format": FORMAT_VERSION, "files": names}))
        archive.writestr("data.json", data.getvalue())
        for name in names:
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
    return len(objects), len(names)


def import_all(path):
    """Load an export into an empty, migrated database, and its files into the storage.

    Refuses a database that already holds records of the portal. Returns (number of objects, number of files).
    """
    if Body.objects.exists() or Meeting.objects.exists():
        raise ValidationError("The database is not empty: import into a new, migrated database.")
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValidationError("This file is not an export of this portal, or of another version.")
        data = archive.read("data.json")
        with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
            # The member States come with the migrations: the export's copies replace them, with their own keys.
            MemberState.objects.all().delete()
            fixture = Path(folder) / "data.json"
            fixture.write_bytes(data)
            # loaddata also moves PostgreSQL's sequences past the imported keys.
            call_command("loaddata", str(fixture), verbosity=0)
            count = len(json.loads(data))
        for name in manifest["files"]:
            member = f"files/{name}"
            if member in archive.namelist():
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(archive.read(member)))
                if saved != name:
                    raise ValidationError(f"The file {name} could not be restored under its own name.")
    return count, len(manifest["files"])
