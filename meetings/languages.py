"""The languages of content: the six official languages of the United Nations, of which each body works in some.

The interface speaks English, French and Spanish (settings.LANGUAGES); titles, texts and documents are entered and
printed in a body's working languages, chosen among the six (settings.CONTENT_LANGUAGES). A person's interface
language and a body's working languages are separate: a French-speaking officer prepares a body working in Arabic
and Russian.
"""

from django.conf import settings

CONTENT_LANGUAGE_CODES = [code for code, _name in settings.CONTENT_LANGUAGES]
INTERFACE_LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def is_rtl(code):
    """Whether `code` is written from right to left (Arabic)."""
    return code in settings.RTL_LANGUAGES


def text_direction(code):
    return "rtl" if is_rtl(code) else "ltr"


def ordered(codes):
    """`codes` in the UN order of the six (Arabic, Chinese, English, French, Russian, Spanish), once each."""
    wanted = set(codes)
    return [code for code in CONTENT_LANGUAGE_CODES if code in wanted]


def per_language(*names, languages=None):
    """The per-language field names of `names` ("title_en", "title_fr", ...), for `languages` (a body's working
    languages) or all six."""
    codes = ordered(languages) if languages is not None else CONTENT_LANGUAGE_CODES
    return [f"{name}_{code}" for name in names for code in codes]
