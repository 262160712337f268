"""The Member States' names in Arabic, Chinese and Russian (the UN's official short names), for the States that exist.

The columns come with 0009, empty; the names are in meetings/data/member_states.json, which 0002 loads into a new
database. Going back keeps the names: 0009 going back drops the columns.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "member_states.json"
LANGUAGES = ("ar", "zh", "ru")


def fill_state_names(apps, schema_editor):
    MemberState = apps.get_model("meetings", "MemberState")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        names = {f"name_{lang}": row[f"name_{lang}"] for lang in LANGUAGES}
        MemberState.objects.filter(code=row["code"]).update(**names)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_six_content_languages")]

    operations = [migrations.RunPython(fill_state_names, migrations.RunPython.noop)]
