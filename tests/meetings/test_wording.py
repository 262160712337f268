import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings import wording
from meetings.models import Body


def _honlac_ordinal(number, language):
    # HONLAC leaves the naming to each language's default: English as a title, French and Spanish feminine.
    return Body(working_languages=["en", "fr", "es"]).meeting_ordinal(number, language)


@pytest.mark.parametrize(
    ("number", "language", "expected"),
    [
        (31, "en", "Thirty-first"),
        (32, "en", "Thirty-second"),
        (1, "en", "First"),
        (31, "fr", "trente et unième"),
        (32, "fr", "trente-deuxième"),
        (1, "fr", "première"),
        (21, "fr", "vingt et unième"),
        (31, "es", "Trigésima Primera"),
        (32, "es", "Trigésima Segunda"),
        (40, "es", "Cuadragésima"),
        (11, "es", "Undécima"),
        (1, "es", "Primera"),
        (113, "es", "Centésima Decimotercera"),
        (80, "fr", "quatre-vingtième"),
        (180, "fr", "cent quatre-vingtième"),
        (200, "fr", "deux centième"),
    ],
)
def test_meeting_ordinal_follows_each_language(number, language, expected):
    assert _honlac_ordinal(number, language) == expected


def _ordinals_checked_by_hand():
    """tests/meetings/data/ordinals.tsv: every ordinal from 1 to 199 in the three languages, checked by hand."""
    lines = (Path(__file__).parent / "data" / "ordinals.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    return [
        (int(number), language, words)
        for number, *texts in rows
        for language, words in zip(LANGUAGES, texts, strict=True)
    ]


LANGUAGES = ("en", "fr", "es")


@pytest.mark.parametrize(("number", "language", "expected"), _ordinals_checked_by_hand())
def test_every_meeting_ordinal_up_to_199_is_written_as_checked(number, language, expected):
    assert _honlac_ordinal(number, language) == expected


def test_the_table_of_ordinals_covers_1_to_199_in_three_languages():
    assert sorted({(number, language) for number, language, _words in _ordinals_checked_by_hand()}) == sorted(
        (number, language) for number in range(1, 200) for language in LANGUAGES
    )


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        ((2023, 10, 3), (2023, 10, 6), "en", "3-6 October 2023"),
        ((2023, 10, 3), (2023, 10, 6), "fr", "3-6 octobre 2023"),
        ((2023, 10, 3), (2023, 10, 6), "es", "3 a 6 de octubre de 2023"),
        ((2023, 9, 28), (2023, 10, 2), "en", "28 September - 2 October 2023"),
        ((2023, 9, 28), (2023, 10, 2), "es", "28 de septiembre a 2 de octubre de 2023"),
        ((2023, 12, 30), (2024, 1, 2), "fr", "30 décembre 2023 - 2 janvier 2024"),
        ((2023, 10, 3), (2023, 10, 3), "en", "3 October 2023"),
    ],
)
def test_date_range_follows_each_language(start, end, language, expected):
    assert wording.date_range(datetime.date(*start), datetime.date(*end), language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "English, French and Spanish"),
        ("fr", "anglais, espagnol et français"),
        ("es", "español, francés e inglés"),
    ],
)
def test_language_list_is_alphabetical_in_each_language(language, expected):
    assert wording.language_list(["en", "fr", "es"], language) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Deadline:"), ("fr", "Date limite\u00a0:"), ("es", "Plazo:")]
)
def test_colon_after_a_label_follows_the_typography_of_the_language(language, expected):
    template = Template('{% load i18n document_tags %}{% translate "Deadline" %}{% colon %}')
    with translation.override(language):
        assert template.render(Context()) == expected
