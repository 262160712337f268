from modeltranslation.translator import TranslationOptions, register

from .models import Question, Questionnaire, Recommendation, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Recommendation)
class RecommendationTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en",)


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("introduction",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
