"""Words that follow each working language's rules: session ordinals, date ranges, lists of languages.

The ordinals of a body's meetings follow the body's own naming in each language (meetings.ordinals, and
Body.meeting_ordinal). The functions here return the form used inside a sentence; templates capitalize the first
letter where a title starts.
"""

import contextlib
import datetime
import functools

import icu
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import ordinals


def using_language(language):
    """`translation.override(language)`, or nothing when `language` is already the active one: a page writes the
    dates and places of its many meetings in its own language, and switching to it and back cost more than the
    words."""
    return contextlib.nullcontext() if language == translation.get_language() else translation.override(language)


# How each language names a session of the Commission on Narcotic Drugs: "sixty-seventh session", "soixante-septième
# session", "67º período de sesiones", "шестьдесят седьмая сессия", "الدورة السابعة والستون", "第六十七届会议".
_COMMISSION_SESSION = {"es": (ordinals.MASCULINE, ordinals.FIGURES)}


def session_ordinal(number, language, case="nominative"):
    """The ordinal of a session of the parent organ ("sixty-seventh session", "67º período de sesiones"), inside a
    sentence."""
    gender, style = _COMMISSION_SESSION.get(language, (ordinals.FEMININE, ordinals.WORDS))
    return ordinals.ordinal(number, language, gender=gender, style=style, case=case)


# UN Arabic names a month by both its names, Syriac and Latin ("كانون الأول/ديسمبر").
_AR_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def _date_words(date, language, *, month=True, year=True):
    """The date in Arabic, Chinese or Russian, with or without its month and year: '1 كانون الأول/ديسمبر 2023',
    '2023年12月1日', '1 декабря 2023 года' (the month in the genitive)."""
    if language == "zh":
        parts = ((f"{date.year}年", year), (f"{date.month}月", month), (f"{date.day}日", True))
        return "".join(part for part, wanted in parts if wanted)
    if language == "ar":
        month_words = _AR_MONTHS[date.month - 1]
        year_words = str(date.year)
    else:
        with translation.override("ru"):
            month_words = formats.date_format(date, "E")
        year_words = f"{date.year} года"
    parts = ((str(date.day), True), (month_words, month), (year_words, year))
    return " ".join(part for part, wanted in parts if wanted)


def long_date(date, language):
    """'1 December 2023', '1er décembre 2023' (UN French: "1er" for the first of a month), '1 de diciembre de 2023',
    '1 كانون الأول/ديسمبر 2023', '2023年12月1日', '1 декабря 2023 года'."""
    if date is None:
        return ""
    if isinstance(date, datetime.datetime):
        date = date.date()
    if language in ("ar", "zh", "ru"):
        return _date_words(date, language)
    with using_language(language):
        words = formats.date_format(date, "DATE_FORMAT")
    return _french_first_of_month(words, date) if language == "fr" else words


def long_datetime(moment, language):
    """The date in full and the 24-hour time, in local time: '1 December 2026, 19:27', '1er décembre 2026, 19:27',
    '1 de diciembre de 2026, 19:27'. The portal's pages write every moment so."""
    if moment is None:
        return ""
    moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{long_date(moment.date(), language)}, {moment:%H:%M}"


def _french_first_of_month(words, date):
    return "1er" + words[1:] if date.day == 1 and words.startswith("1") else words


def date_range(start, end, language):
    """'3-6 October 2023', '3-6 octobre 2023', '3 a 6 de octubre de 2023'; spans months and years too."""
    if start is None:
        return ""
    if end is None or end == start:
        return long_date(start, language)
    if language in ("ar", "zh", "ru"):
        return _other_date_range(start, end, language)
    with using_language(language):
        full_end = formats.date_format(end, "DATE_FORMAT")
        if start.year != end.year:
            first = formats.date_format(start, "DATE_FORMAT")
        elif start.month != end.month:
            first = formats.date_format(start, r"j \d\e F" if language == "es" else "j F")
        else:
            first = formats.date_format(start, "j")
    if language == "fr":
        first, full_end = _french_first_of_month(first, start), _french_first_of_month(full_end, end)
    if language == "es":
        return f"{first} a {full_end}"
    separator = "-" if start.month == end.month and start.year == end.year else " - "
    return f"{first}{separator}{full_end}"


def _other_date_range(start, end, language):
    # '3-6 تشرين الأول/أكتوبر 2023', '2023年10月3日至6日', '28 сентября - 2 октября 2023 года'.
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month
    if language == "zh":
        return f"{_date_words(start, language)}至{_date_words(end, language, month=not same_month, year=not same_year)}"
    first = _date_words(start, language, month=not same_month, year=not same_year)
    return f"{first}{'-' if same_month else ' - '}{_date_words(end, language)}"


# The names of the six languages inside a sentence of Arabic, Chinese and Russian, as UN documents write them
# ("الأصل: بالإنكليزية", "原件：英文", "Язык оригинала: английский").
_LANGUAGE_NAMES = {
    "ar": {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية", "ru": "الروسية", "es": "الإسبانية"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
    "ru": {
        "ar": "арабский",
        "zh": "китайский",
        "en": "английский",
        "fr": "французский",
        "ru": "русский",
        "es": "испанский",
    },
}


def language_name(code, in_language):
    """The name of a language as written inside a sentence of `in_language` ('English', 'anglais', 'inglés',
    'الإنكليزية', '英文', 'английский')."""
    if in_language in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[in_language][code]
    with translation.override(in_language):
        name = str(translation.get_language_info(code)["name_translated"])
    return name if in_language == "en" else name.lower()


def join_words(words, language):
    """'a, b and c' with the conjunction of the language ('et', 'y', or 'e' before an i sound in Spanish; 'и',
    'و', '和' by ICU's list patterns)."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    if language in ("ar", "zh", "ru"):
        return _list_formatter(language).format(words)
    last = words[-1]
    if language == "fr":
        conjunction = "et"
    elif language == "es":
        conjunction = "e" if last.lower().startswith(("i", "hi")) and not last.lower().startswith("hie") else "y"
    else:
        conjunction = "and"
    return f"{', '.join(words[:-1])} {conjunction} {last}"


@functools.cache
def _list_formatter(language):
    return icu.ListFormatter.createInstance(icu.Locale(language))


def language_list(codes, in_language):
    """Working languages named and ordered alphabetically in `in_language`, joined as a list."""
    names = sorted((language_name(code, in_language) for code in codes), key=collation_key_in(in_language))
    return join_words(names, in_language)


@functools.cache
def _collator(language):
    collator = icu.Collator.createInstance(icu.Locale(language))
    # Letters first, then accents, then case: "Mali" before "México", "Ñ" after "N" in Spanish.
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def collation_key_in(language):
    """The sort key of `language`'s alphabetical order (ICU's collation: "México" after "Mali", "Ё" with "Е")."""
    return _collator(language or "en").getSortKey


def collation_key(word):
    """The alphabetical order of the active language (`collation_key_in`)."""
    return collation_key_in(translation.get_language() or "en")(word)


def only_languages(codes, in_language):
    """'English and French only', 'Anglais et français seulement', 'Francés e inglés únicamente': the line of a
    document issued in some language versions only."""
    names = language_list(codes, in_language)
    with translation.override(in_language):
        return capfirst(_("%(languages)s only") % {"languages": names})


def colon(language):
    """The colon after a label ("Deadline: ..."): French sets a no-break space before it ("Date limite : ...")."""
    return "\u00a0:" if language == "fr" else ":"
