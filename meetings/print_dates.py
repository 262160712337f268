"""Dates in full as United Nations documents write them in Arabic, Chinese and Russian; in English, French and
Spanish as meetings.wording writes them.

- Arabic: the Syriac month name then the Latin one, in Western Arabic digits: "1 كانون الأول/ديسمبر 2023".
- Chinese: "2023年12月1日". Russian: the month in the genitive, "1 декабря 2023 г." (ICU's long date formats).
"""

import datetime

import icu

from . import wording

# UN Arabic names the months of the Gregorian calendar with their Levantine names and the Latin ones, spelling June
# and July "يونيه", "يوليه".
ARABIC_MONTHS = [
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
]

_ICU_LOCALES = {"zh": "zh_Hans", "ru": "ru"}


def long_date(date, language):
    """'1 December 2023' in the six languages, as their UN documents write it; '' for no date."""
    if date is None:
        return ""
    if isinstance(date, datetime.datetime):
        date = date.date()
    if language == "ar":
        return f"{date.day} {ARABIC_MONTHS[date.month - 1]} {date.year}"
    if language in _ICU_LOCALES:
        return _icu_long_date(date, _ICU_LOCALES[language])
    return wording.long_date(date, language)


def _icu_long_date(date, locale):
    formatter = icu.DateFormat.createDateInstance(icu.DateFormat.LONG, icu.Locale(locale))
    # A calendar date, not a moment: formatted in UTC, it is the same day wherever the server stands.
    timezone = icu.TimeZone.createTimeZone("UTC")
    formatter.setTimeZone(timezone)
    calendar = icu.GregorianCalendar(timezone)
    calendar.clear()
    calendar.set(date.year, date.month - 1, date.day)
    return formatter.format(calendar.getTime())
