"""The 193 Member States of the United Nations, with their names in English, French and Spanish."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "member_states.json"


def load_member_states(apps, schema_editor):
    MemberState = apps.get_model("meetings", "MemberState")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        MemberState.objects.update_or_create(
            code=row["code"],
            defaults={
                "region": row["region"],
                "name": row["name_en"],
                "name_en": row["name_en"],
                "name_fr": row["name_fr"],
                "name_es": row["name_es"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_member_states, migrations.RunPython.noop)]
