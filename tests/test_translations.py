"""The French and Spanish catalogs are complete: every message translated, none fuzzy. The Arabic, Chinese and
Russian catalogs hold only the words printed in documents, each translated."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_catalog_is_complete(language):
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 50
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalog.obsolete_entries()] == []


@pytest.mark.parametrize("language", ["ar", "zh", "ru"])
def test_printing_catalog_has_every_entry_translated(language):
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalog) > 20
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalog.obsolete_entries()] == []


@pytest.mark.parametrize("language", ["ar", "zh", "ru"])
def test_printing_catalog_names_only_messages_of_the_interface_catalogs(language):
    """An entry whose message the code no longer has (it is gone from the French catalog) is stale."""
    french = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))}
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    stale = [entry.msgid for entry in catalog if (entry.msgctxt, entry.msgid) not in french]
    assert stale == []


@pytest.mark.parametrize("language", ["fr", "es", "ar", "zh", "ru"])
def test_catalog_is_compiled(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists(), "run `make test`, which compiles catalogs"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_plural_entries_have_every_form_of_the_language(language):
    """A plural entry with fewer forms than the catalog's Plural-Forms header falls back to English for the counts
    that take a missing form (Spanish: "5 responses" was shown in English)."""
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    forms = int(catalog.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    incomplete = [
        entry.msgid
        for entry in catalog
        if entry.msgid_plural
        and sorted(entry.msgstr_plural) != list(range(forms))
        or entry.msgid_plural
        and not all(entry.msgstr_plural.values())
    ]
    assert incomplete == []


def test_french_catalog_keeps_the_space_before_double_punctuation_on_the_line():
    """French sets a no-break space before : ; ! ? and » and after «: a plain space lets the sign start the next
    line ("Mot de passe oublié" then "?" alone on a narrow screen)."""
    catalog = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    breakable = [
        text
        for entry in catalog
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if re.search(r"\s(?<![\u00a0\u202f])[:;!?»]|«\s(?<![\u00a0\u202f])", text)
    ]
    assert breakable == []


@pytest.mark.parametrize("count", [1, 2, 5, 1_000_000])
def test_spanish_counts_are_in_spanish(count):
    with translation.override("es"):
        text = translation.ngettext(
            "%(count)s failed email was queued again.", "%(count)s failed emails were queued again.", count
        ) % {"count": count}
    assert "queued" not in text
    assert ("correos" in text) == (count != 1)
