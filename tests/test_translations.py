"""The French and Spanish catalogs are complete: every message translated, none fuzzy."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalog_is_complete(language):
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 50
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalog.obsolete_entries()] == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalog_is_compiled(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists(), "run `make test`, which compiles catalogs"
