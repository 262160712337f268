"""Ordinal numbers in the six official languages, as United Nations style writes them.

The words come from ICU's spell-out rules (PyICU), which know the gender and, in Russian, the case of an ordinal;
a few of ICU's forms differ from UN usage and are corrected here:

- French: the traditional spelling that UN French keeps ("vingt et unième", "quatre-vingt-unième", "cent unième"),
  where ICU writes the 1990 reform ("vingt-et-unième", "quatre-vingt-et-unième", "cent-et-unième");
- Spanish: "undécima" and "duodécima" (ICU: "decimoprimera", "decimosegunda"), and the shortened masculine before the
  noun ("vigésimo primer período de sesiones");
- Arabic: above one hundred, "الثامنة والخمسون بعد المائة" (ICU spells a cardinal there), one space between words, and
  the genitive and accusative of the tens ("الخمسين");
- Chinese: "零" for a zero inside a number ("第一百零一"; ICU writes "〇").

Three styles (meetings.models.OrdinalStyle): in words as in a title ("Thirty-first Meeting", "Trigésima Primera
Reunión"), in words inside a sentence ("fifty-eighth session") and in figures ("58º período de sesiones").
"""

import functools

import icu

FEMININE, MASCULINE, NEUTER = "feminine", "masculine", "neuter"
TITLE, WORDS, FIGURES = "title", "words", "figures"

# The grammatical cases a note or an agenda may ask of an ordinal, as in {meeting_ordinal:locative}. Russian
# inflects the ordinal in each; Arabic has one form for the nominative and one for the others; the other four
# languages do not inflect it.
CASES = ("nominative", "genitive", "dative", "accusative", "locative", "instrumental")
_ICU_CASES = {"nominative": "", "instrumental": "-ablative"}

# How a language that has no say of its own writes a meeting's ordinal.
DEFAULT_STYLE = {"en": TITLE, "es": TITLE}


@functools.cache
def _formatter(language):
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(language))


def _spell(number, language, rule_set):
    formatter = _formatter(language)
    return formatter.format(number, rule_set)


def ordinal(number, language, *, gender=FEMININE, style=WORDS, case="nominative"):
    """The ordinal of `number` in `language`, for a noun of `gender`, in `style` and `case`, as written inside a
    sentence ('fifty-eighth', 'cinquante-huitième', 'Trigésima Primera', '58º', 'пятьдесят восьмой', 'الثامنة
    والخمسين', '第五十八')."""
    if case not in CASES:
        raise ValueError(f"Unknown case: {case}")
    if style == FIGURES:
        return _in_figures(number, language, gender, case)
    words = _in_words(number, language, gender, case)
    if style == TITLE:
        if language == "es":
            return " ".join(word[:1].upper() + word[1:] for word in words.split(" "))
        if language == "en":
            return words[:1].upper() + words[1:]
    return words


def _in_words(number, language, gender, case):
    if language == "en":
        return _spell(number, "en", "%spellout-ordinal-verbose")
    if language == "zh":
        return _spell(number, "zh", "%spellout-ordinal").replace("〇", "零")
    if language == "ru":
        words = _spell(number, "ru", f"%spellout-ordinal-{gender}{_ICU_CASES.get(case, '-' + case)}")
        if case == "locative" and gender != FEMININE and words.endswith("ой"):
            # ICU keeps the nominative of "сороковой" in the locative: "о сороковом".
            words = words[:-2] + "ом"
        return words
    gender = MASCULINE if gender == NEUTER else gender
    if language == "fr":
        return _french(number, gender)
    if language == "es":
        return _spanish(number, gender)
    if language == "ar":
        return _arabic(number, gender, case)
    raise ValueError(f"No ordinals for the language {language}")


def _french(number, gender):
    words = _spell(number, "fr", f"%spellout-ordinal-{gender}")
    # The traditional spelling: "et" without hyphens in 21 to 71, no "et" after "quatre-vingt" nor "cent".
    words = words.replace("quatre-vingt-et-", "quatre-vingt-").replace("cent-et-", "cent ").replace("-et-", " et ")
    return words


def _spanish(number, gender):
    rule_set = "%spellout-ordinal-feminine" if gender == FEMININE else "%spellout-ordinal-masculine-adjective"
    words = _spell(number, "es", rule_set)
    return words.replace("decimoprimer", "undécim" if gender == FEMININE else "undécimo").replace(
        "decimosegund", "duodécim"
    )


_AR_TENS = ("العشرون", "الثلاثون", "الأربعون", "الخمسون", "الستون", "السبعون", "الثمانون", "التسعون")


def _arabic(number, gender, case):
    if number > 100 and number < 200:
        words = f"{_arabic(number - 100, gender, case)} بعد المائة"
        return words
    words = " ".join(_spell(number, "ar", f"%spellout-ordinal-{gender}").split())
    if case != "nominative":
        # The tens take "ين" outside the nominative: "في دورتها الثامنة والخمسين".
        for tens in _AR_TENS:
            words = words.replace(tens, tens[:-2] + "ين")
    return words


def _in_figures(number, language, gender, case):
    if language == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if language == "fr":
        if number == 1:
            return "1re" if gender == FEMININE else "1er"
        return f"{number}e"
    if language == "es":
        return f"{number}ª" if gender == FEMININE else f"{number}º"
    if language == "ru":
        return f"{number}-{_russian_ending(gender, case)}"
    if language == "zh":
        return f"第{number}"
    return str(number)


# The endings of an ordinal in figures in Russian ("58-я сессия", "на 58-й сессии", "58-го совещания").
_RU_ENDINGS = {
    FEMININE: {"nominative": "я", "accusative": "ю"},
    MASCULINE: {"nominative": "й", "genitive": "го", "dative": "му", "accusative": "й", "locative": "м"},
    NEUTER: {"nominative": "е", "genitive": "го", "dative": "му", "accusative": "е", "locative": "м"},
}


def _russian_ending(gender, case):
    endings = _RU_ENDINGS[gender]
    if gender == FEMININE:
        return endings.get(case, "й")
    return endings.get(case, "м")


def cardinal(number, language):
    """`number` in words ('three', 'trois', 'tres', 'три', 'ثلاثة', '三')."""
    return _spell(number, language, "%spellout-numbering")
