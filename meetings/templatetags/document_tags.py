from django import template
from django.utils import translation

from .. import wording
from ..markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Text typed in the portal as sanitized HTML."""
    return render_markdown(text)


@register.filter
def long_date(date):
    """A date in full in the active language, as printed documents write it ("1er décembre 2023" in French)."""
    return wording.long_date(date, translation.get_language() or "en")
