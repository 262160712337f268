"""Words that follow each working language's rules: meeting ordinals, date ranges, lists of languages.

United Nations style differs by language: "Thirty-first Meeting" (English), "trente et unième Réunion"
(French, lower case inside a sentence), "Trigésima Primera Reunión" (Spanish, each word capitalized).
The functions here return the form used inside a sentence; templates capitalize the first letter where a
title starts.
"""

import unicodedata

from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from num2words import num2words

_ES_UNITS = ["", "primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava", "novena"]
_ES_TENS = [
    "",
    "décima",
    "vigésima",
    "trigésima",
    "cuadragésima",
    "quincuagésima",
    "sexagésima",
    "septuagésima",
    "octogésima",
    "nonagésima",
]
# From 13 to 19 the one-word forms that the Real Academia prefers and the United Nations writes ("Decimoctava").
_ES_TEENS = {
    11: "undécima",
    12: "duodécima",
    13: "decimotercera",
    14: "decimocuarta",
    15: "decimoquinta",
    16: "decimosexta",
    17: "decimoséptima",
    18: "decimoctava",
    19: "decimonovena",
}


def _spanish_feminine_ordinal(number):
    # num2words only knows the masculine Spanish ordinal (and misspells "cuadragésimo").
    if not 1 <= number <= 199:
        return f"{number}.ª"
    words = []
    if number >= 100:
        words.append("centésima")
        number -= 100
    if number in _ES_TEENS:
        words.append(_ES_TEENS[number])
    elif number:
        tens, units = divmod(number, 10)
        words.extend(w for w in (_ES_TENS[tens], _ES_UNITS[units]) if w)
    return " ".join(words)


def _french_ordinal(number):
    # num2words keeps the plural "s" of "quatre-vingts" and "deux cents" before the suffix ("quatre-vingtsième"):
    # the ordinal drops it ("quatre-vingtième", "deux centième").
    words = num2words(number, lang="fr", to="ordinal")
    return words.replace("vingtsième", "vingtième").replace("centsième", "centième")


def meeting_ordinal(number, language):
    """The ordinal of a meeting (a feminine noun in French and Spanish), as written inside a sentence."""
    if language == "fr":
        return "première" if number == 1 else _french_ordinal(number)
    if language == "es":
        return " ".join(word.capitalize() for word in _spanish_feminine_ordinal(number).split())
    words = num2words(number, lang="en", to="ordinal")
    return words[:1].upper() + words[1:]


def session_ordinal(number, language):
    """The ordinal of a session of a parent organ ("sixty-seventh session"), inside a sentence."""
    if language == "es":
        return f"{number}º"
    return num2words(number, lang=language if language in ("en", "fr") else "en", to="ordinal")


def long_date(date, language):
    """'1 December 2023', '1er décembre 2023' (UN French: "1er" for the first of a month), '1 de diciembre de 2023'."""
    if date is None:
        return ""
    with translation.override(language):
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
    with translation.override(language):
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


def language_name(code, in_language):
    """The name of a language as written inside a sentence of `in_language` ('English', 'anglais', 'inglés')."""
    with translation.override(in_language):
        name = str(translation.get_language_info(code)["name_translated"])
    return name if in_language == "en" else name.lower()


def join_words(words, language):
    """'a, b and c' with the conjunction of the language ('et', 'y', or 'e' before an i sound in Spanish)."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    last = words[-1]
    if language == "fr":
        conjunction = "et"
    elif language == "es":
        conjunction = "e" if last.lower().startswith(("i", "hi")) and not last.lower().startswith("hie") else "y"
    else:
        conjunction = "and"
    return f"{', '.join(words[:-1])} {conjunction} {last}"


def language_list(codes, in_language):
    """Working languages named and ordered alphabetically in `in_language`, joined as a list."""
    names = sorted((language_name(code, in_language) for code in codes), key=collation_key)
    return join_words(names, in_language)


def collation_key(word):
    """Alphabetical order of a language, accents aside ("México" after "Mali")."""
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore")


def only_languages(codes, in_language):
    """'English and French only', 'Anglais et français seulement', 'Francés e inglés únicamente': the line of a
    document issued in some language versions only."""
    names = language_list(codes, in_language)
    with translation.override(in_language):
        return capfirst(_("%(languages)s only") % {"languages": names})


def colon(language):
    """The colon after a label ("Deadline: ..."): French sets a no-break space before it ("Date limite : ...")."""
    return "\u00a0:" if language == "fr" else ":"
