"""The 193 Member States of the United Nations, with their names in English, French and Spanish.

The data also holds their names in Arabic, Chinese and Russian, whose columns come with 0009: run with the
models of a later state (as when a database is reloaded), this sets every name the model has a column for.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "member_states.json"


def load_member_states(apps, schema_editor):
    MemberState = apps.get_model("meetings", "MemberState")
    columns = {field.name for field in MemberState._meta.concrete_fields}
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        names = {key: value for key, value in row.items() if key.startswith("name_") and key in columns}
        MemberState.objects.update_or_create(
            code=row["code"],
            defaults={"region": row["region"], "name": row["name_en"], **names},
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_member_states, migrations.RunPython.noop)]
