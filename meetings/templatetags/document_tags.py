from django import template
from django.utils import translation

from .. import wording
from ..markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Text typed in the portal as sanitized HTML."""
    return render_markdown(text)


@register.filter(expects_localtime=True)
def long_date(date):
    """A date in full in the active language, as printed documents write it ("1er décembre 2023" in French,
    "1 كانون الأول/ديسمبر 2023" in Arabic). The one way the portal's pages write a date."""
    if date is None or date == "":
        return ""
    if hasattr(date, "date"):
        date = date.date()
    return wording.long_date(date, translation.get_language() or "en")


@register.filter(expects_localtime=True)
def long_datetime(moment):
    """A moment as the date in full and the 24-hour time ("1 December 2026, 19:27"): the one way the portal's
    pages write a date and time."""
    if moment is None or moment == "":
        return ""
    return wording.long_datetime(moment, translation.get_language() or "en")


@register.simple_tag
def colon():
    """The colon after a label on a page, in the typography of the active language:
    `{% translate "Deadline" %}{% colon %}`."""
    return wording.colon(translation.get_language() or "en")
