"""Fields entered per working language (django-modeltranslation: one column per language, with fallback)."""

from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname

from .models import Body, Document, Meeting, MemberState


@register(MemberState)
class MemberStateTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr", "es")


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("title", "meeting_noun", "meeting_noun_gender", "ordinal_style", "later_meeting", "parent_organ")
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("city",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "text", "annex_title", "annex")
    required_languages = ("en",)


def missing_languages(obj, field, languages):
    """The codes of `languages` (a body's working languages, in order) in which `obj.field` is empty: the one home
    of the question "which working languages does this text lack?" (the fallback of modeltranslation hides it)."""
    return [code for code in languages if not (getattr(obj, build_localized_fieldname(field, code), "") or "").strip()]


def missing_texts(objects, fields, languages):
    """`missing_languages` for many objects at once: (object, field, codes) for each of `fields` of each of
    `objects` that lacks some of `languages`, in the order given. No query: the objects are loaded by the caller."""
    return [
        (obj, name, codes) for obj in objects for name in fields if (codes := missing_languages(obj, name, languages))
    ]
