"""Fields entered per working language (django-modeltranslation: one column per language, with fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Body, Document, Meeting, MemberState


@register(MemberState)
class MemberStateTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr", "es")


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("title", "meeting_noun", "parent_organ")
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("city",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "text", "annex_title", "annex")
    required_languages = ("en",)
