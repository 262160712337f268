from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext as _

from ..language_fields import language_names
from ..translation import missing_languages

register = template.Library()


@register.simple_tag
def missing_badge(obj, field, languages, label=""):
    """A badge naming the working languages `languages` in which `obj.field` is empty ("Missing: FR, ES", or
    "Annex, missing: FR" with a `label`), or nothing when the text is there in all of them. Reads the object's
    loaded fields only: no query."""
    if obj is None:
        return ""
    missing = missing_languages(obj, field, languages)
    if not missing:
        return ""
    names = language_names()
    codes = format_html_join(", ", '<abbr title="{}">{}</abbr>', ((names[code], code.upper()) for code in missing))
    # The message is escaped before the (already escaped) codes go in.
    places = {"field": "{field}", "languages": "{languages}"}
    if label:
        message = conditional_escape(_("%(field)s, missing: %(languages)s")) % places
    else:
        message = conditional_escape(_("Missing: %(languages)s")) % places
    text = format_html(message, field=label, languages=codes)
    return format_html('<span class="badge text-bg-warning missing-languages">{}</span>', text)


@register.filter
def text_in(obj, language):
    """`obj.text` in `language` as stored, without the fallback to another language."""
    return getattr(obj, f"text_{language}", "") or ""


@register.filter
def title_in(obj, language):
    """`obj.title` in `language` as stored, without the fallback to another language."""
    return getattr(obj, f"title_{language}", "") or ""
