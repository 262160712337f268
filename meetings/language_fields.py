"""The per-language fields of a form: those of a body's working languages only, in UN order, each labelled with
its language's name and marked with its language and direction (lang, dir) for spelling, screen readers and
Arabic written from right to left."""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .languages import CONTENT_LANGUAGE_CODES, ordered, text_direction


def language_names():
    """Code -> name of each of the six languages of content, in the language of the page."""
    return dict(settings.CONTENT_LANGUAGES)


def language_choices(codes):
    """(code, name) of each language of `codes`, in UN order: the choices of a field that picks one of a body's
    working languages."""
    names = language_names()
    return [(code, names[code]) for code in ordered(codes)]


def language_label(label, code):
    """ "Title (French)"."""
    return _("%(field)s (%(language)s)") % {"field": capfirst(label), "language": language_names()[code]}


def mark_language(widget, code):
    """The widget's text is in `code`: lang and dir on the input or textarea."""
    widget.attrs.update({"lang": code, "dir": text_direction(code)})


def keep_languages(form, languages, *names, model=None):
    """Keep, of the fields `name_<code>` of each of `names`, those of `languages` (a body's working languages):
    the others leave the form, so that it neither shows nor validates them (their stored texts stay). Each kept
    field is labelled "Title (French)" and marked with its language. Returns the codes kept, in UN order."""
    codes = ordered(languages)
    model = model or form._meta.model
    for name in names:
        label = model._meta.get_field(name).verbose_name
        for code in CONTENT_LANGUAGE_CODES:
            field = form.fields.get(f"{name}_{code}")
            if field is None:
                continue
            if code not in codes:
                del form.fields[f"{name}_{code}"]
                continue
            field.label = language_label(label, code)
            mark_language(field.widget, code)
    return codes
