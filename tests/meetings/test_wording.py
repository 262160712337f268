import datetime

import pytest

from meetings import wording


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
        (113, "es", "Centésima Décima Tercera"),
    ],
)
def test_meeting_ordinal_follows_each_language(number, language, expected):
    assert wording.meeting_ordinal(number, language) == expected


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
