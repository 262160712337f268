from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, AgendaPatternItem, TopicProposal


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "annotation")
    required_languages = ("en",)


@register(AgendaPatternItem)
class AgendaPatternItemTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(TopicProposal)
class TopicProposalTranslationOptions(TranslationOptions):
    fields = ("title",)
