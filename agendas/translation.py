from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, AgendaPatternItem, MeetingNoteParagraph, NotePatternParagraph, Topic


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "annotation")
    required_languages = ("en",)


@register(AgendaPatternItem)
class AgendaPatternItemTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    # No language is required: a State may propose a topic in its own language only; the others fall back to it.
    fields = ("title",)


@register(NotePatternParagraph)
class NotePatternParagraphTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(MeetingNoteParagraph)
class MeetingNoteParagraphTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)
