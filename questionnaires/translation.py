from modeltranslation.translator import TranslationOptions, register

from .models import Question, Questionnaire, Recommendation


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
