"""Ordinals in the six languages, in every gender and case the bodies use, against references built by hand.

tests/meetings/data/ordinals.tsv (English, French and Spanish feminine, 1 to 199) is the table checked by hand for
HONLAC; the references here compose the other forms from the rules of each language as UN style writes them,
independently of ICU, which the portal uses.
"""

import pytest

from meetings.ordinals import FEMININE, FIGURES, MASCULINE, NEUTER, TITLE, WORDS, cardinal, ordinal

NUMBERS = range(1, 200)

# Spanish, masculine, before the noun ("vigésimo primer período de sesiones"): the shortened "primer" and "tercer".
_ES_UNITS = ["", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"]
_ES_TENS = ["", "décimo", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo"]
_ES_TENS += ["octogésimo", "nonagésimo"]
_ES_TEENS = {11: "undécimo", 12: "duodécimo", 13: "decimotercer", 14: "decimocuarto", 15: "decimoquinto"}
_ES_TEENS |= {16: "decimosexto", 17: "decimoséptimo", 18: "decimoctavo", 19: "decimonoveno"}


def spanish_masculine(number):
    words = []
    if number >= 100:
        words.append("centésimo")
        number -= 100
    if number in _ES_TEENS:
        words.append(_ES_TEENS[number])
    elif number:
        tens, units = divmod(number, 10)
        words += [word for word in (_ES_TENS[tens], _ES_UNITS[units]) if word]
    return " ".join(words)


_AR_UNITS = {
    FEMININE: ["", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة"],
    MASCULINE: ["", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"],
}
# In 11 and in 21, 31...: "الحادية عشرة", "الحادي والعشرون".
_AR_ONE_IN_COMPOUNDS = {FEMININE: "الحادية", MASCULINE: "الحادي"}
_AR_TEN = {FEMININE: ("العاشرة", "عشرة"), MASCULINE: ("العاشر", "عشر")}
_AR_TENS = ["", "", "العشر", "الثلاث", "الأربع", "الخمس", "الست", "السبع", "الثمان", "التسع"]


def arabic(number, gender, case):
    if number > 100:
        return f"{arabic(number - 100, gender, case)} بعد المائة"
    if number == 100:
        return "المائة"
    tens, units = divmod(number, 10)
    one = _AR_ONE_IN_COMPOUNDS[gender] if units == 1 else _AR_UNITS[gender][units]
    if tens == 0:
        return _AR_UNITS[gender][units]
    if tens == 1:
        return _AR_TEN[gender][0] if units == 0 else f"{one} {_AR_TEN[gender][1]}"
    # The tens take "ون" in the nominative, "ين" in the genitive and accusative.
    tens_word = _AR_TENS[tens] + ("ون" if case == "nominative" else "ين")
    return tens_word if units == 0 else f"{one} و{tens_word}"


_ZH_DIGITS = "零一二三四五六七八九"


def chinese(number):
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = ""
    if hundreds:
        words += _ZH_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            words += "零"
    if tens:
        words += ("" if tens == 1 and not hundreds else _ZH_DIGITS[tens]) + "十"
    if units:
        words += _ZH_DIGITS[units]
    return "第" + words


@pytest.mark.parametrize("number", NUMBERS)
def test_spanish_masculine_ordinals_are_shortened_before_the_noun(number):
    assert ordinal(number, "es", gender=MASCULINE) == spanish_masculine(number)


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("gender", [FEMININE, MASCULINE])
@pytest.mark.parametrize("case", ["nominative", "genitive", "accusative", "locative"])
def test_arabic_ordinals_agree_in_gender_and_case(number, gender, case):
    assert ordinal(number, "ar", gender=gender, case=case) == arabic(number, gender, case)


@pytest.mark.parametrize("number", NUMBERS)
def test_chinese_ordinals(number):
    assert ordinal(number, "zh") == chinese(number)


@pytest.mark.parametrize("number", NUMBERS)
def test_french_ordinals_differ_by_gender_in_first_only(number):
    feminine, masculine = ordinal(number, "fr", gender=FEMININE), ordinal(number, "fr", gender=MASCULINE)
    assert (feminine, masculine) == (("première", "premier") if number == 1 else (feminine, feminine))
    assert "-et-" not in feminine


@pytest.mark.parametrize(
    ("number", "gender", "case", "expected"),
    [
        (58, FEMININE, "nominative", "пятьдесят восьмая"),
        (58, FEMININE, "genitive", "пятьдесят восьмой"),
        (58, FEMININE, "accusative", "пятьдесят восьмую"),
        (58, FEMININE, "locative", "пятьдесят восьмой"),
        (58, FEMININE, "instrumental", "пятьдесят восьмой"),
        (3, FEMININE, "nominative", "третья"),
        (3, FEMININE, "accusative", "третью"),
        (1, MASCULINE, "genitive", "первого"),
        (1, MASCULINE, "dative", "первому"),
        (1, MASCULINE, "locative", "первом"),
        (1, MASCULINE, "instrumental", "первым"),
        (2, NEUTER, "nominative", "второе"),
        (40, FEMININE, "nominative", "сороковая"),
        (100, FEMININE, "nominative", "сотая"),
        (121, FEMININE, "locative", "сто двадцать первой"),
        (199, MASCULINE, "nominative", "сто девяносто девятый"),
    ],
)
def test_russian_ordinals_agree_in_gender_and_case(number, gender, case, expected):
    assert ordinal(number, "ru", gender=gender, case=case) == expected


# The endings of a Russian ordinal adjective: hard ("-ая") and soft ("третья") stems.
_RU_ENDINGS = {
    (FEMININE, "nominative"): ("ая", "ья"),
    (FEMININE, "genitive"): ("ой", "ей"),
    (FEMININE, "accusative"): ("ую", "ью"),
    (FEMININE, "locative"): ("ой", "ей"),
    (MASCULINE, "nominative"): ("ый", "ой", "ий"),
    (MASCULINE, "genitive"): ("ого", "его"),
    (MASCULINE, "locative"): ("ом", "ем"),
    (NEUTER, "nominative"): ("ое", "ье", "ее"),
}


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize(("gender", "case"), list(_RU_ENDINGS))
def test_every_russian_ordinal_ends_as_its_gender_and_case_require(number, gender, case):
    words = ordinal(number, "ru", gender=gender, case=case)
    assert words.endswith(_RU_ENDINGS[gender, case]), words
    # Only the last word inflects: "сто двадцать первой".
    assert words.split()[:-1] == ordinal(number, "ru", gender=FEMININE).split()[:-1]


@pytest.mark.parametrize("number", NUMBERS)
def test_english_ordinals_inside_a_sentence_are_in_lower_case(number):
    title, words = ordinal(number, "en", style=TITLE), ordinal(number, "en", style=WORDS)
    assert words == title.lower() and title == words[:1].upper() + words[1:]


@pytest.mark.parametrize(
    ("number", "language", "gender", "case", "expected"),
    [
        (58, "en", FEMININE, "nominative", "58th"),
        (1, "en", FEMININE, "nominative", "1st"),
        (12, "en", FEMININE, "nominative", "12th"),
        (22, "en", FEMININE, "nominative", "22nd"),
        (113, "en", FEMININE, "nominative", "113th"),
        (58, "es", MASCULINE, "nominative", "58º"),
        (58, "es", FEMININE, "nominative", "58ª"),
        (1, "fr", FEMININE, "nominative", "1re"),
        (1, "fr", MASCULINE, "nominative", "1er"),
        (58, "fr", FEMININE, "nominative", "58e"),
        (58, "ru", FEMININE, "nominative", "58-я"),
        (58, "ru", FEMININE, "locative", "58-й"),
        (58, "ru", MASCULINE, "genitive", "58-го"),
        (58, "zh", FEMININE, "nominative", "第58"),
        (58, "ar", FEMININE, "nominative", "58"),
    ],
)
def test_ordinals_in_figures(number, language, gender, case, expected):
    assert ordinal(number, language, gender=gender, style=FIGURES, case=case) == expected


def test_spanish_titles_capitalize_each_word_and_english_the_first():
    assert ordinal(58, "es", gender=MASCULINE, style=TITLE) == "Quincuagésimo Octavo"
    assert ordinal(121, "en", style=TITLE) == "One hundred and twenty-first"


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="Unknown case"):
        ordinal(58, "ru", case="vocative")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "three"), ("fr", "trois"), ("es", "tres"), ("ru", "три"), ("ar", "ثلاثة"), ("zh", "三")],
)
def test_numbers_in_words_in_the_six_languages(language, expected):
    assert cardinal(3, language) == expected
