"""What a printed page carries besides its text: the reference lines of the heading and, at the foot of page 1,
the job number with its barcode, as on every United Nations document."""

import re

from barcode.codex import Code39
from barcode.writer import SVGWriter
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import wording
from .languages import text_direction

# The letter that follows the job number on each language version: "V.23-12345 (F)".
LANGUAGE_LETTERS = {"ar": "A", "zh": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}

# Chinese and Russian versions of United Nations documents keep the lines of the masthead in English ("Distr.:
# General", the date, "Chinese", "Original: English"); the other versions write them in their own language.
_ENGLISH_MASTHEAD = {"zh", "ru"}

_XML_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def job_number_line(job_number, language):
    """'V.23-12345 (F)', or nothing for a document that has no job number yet."""
    if not job_number:
        return ""
    return f"{job_number} ({LANGUAGE_LETTERS.get(language, language.upper())})"


def job_number_barcode(job_number):
    """The job number as a Code 39 barcode, in SVG to put inline in the page (nothing is fetched to print it).

    As on United Nations documents, the bars carry the letters and figures of the job number ("V2312345" for
    V.23-12345); the line above them gives it in full.
    """
    code = re.sub(r"[^A-Z0-9]", "", job_number.upper())
    if not code:
        return ""
    svg = Code39(code, writer=SVGWriter(), add_checksum=False).render(
        writer_options={"write_text": False, "module_height": 6, "module_width": 0.2, "quiet_zone": 0}
    )
    svg = _COMMENT.sub("", _XML_PROLOGUE.sub("", svg.decode()))
    return mark_safe(svg.replace("<svg ", '<svg class="barcode" role="img" ', 1))  # noqa: S308 - made here


def masthead_language(language):
    """The language of the masthead's lines (distribution, date, version, original) in the `language` version."""
    return "en" if language in _ENGLISH_MASTHEAD else language


def version_name(language, lines_language):
    """The line of the masthead naming the language of a version other than the original: "Français", "Chinese";
    the Arabic version names itself "عربي", not "العربية" as a sentence does."""
    if language == "ar" and lines_language == "ar":
        return pgettext("language of a version, on the masthead", "Arabic")
    return wording.language_name(language, lines_language)


def distribution_label(distribution):
    return {
        "general": _("Distr.: General"),
        "limited": _("Distr.: Limited"),
        "restricted": _("Distr.: Restricted"),
    }[distribution]


def furniture(*, reference, title, language, original_language, distribution="general", job_number=""):
    """The context every print template's heading and page furniture read (templates/meetings/pdf/base.html).

    `reference` is the document's symbol, or for a paper outside the series of symbols the reference it is known
    by; `original_language` a language code. The caller activates `language`.
    """
    lines_language = masthead_language(language)
    with translation.override(lines_language):
        distribution_line = distribution_label(distribution)
        version_language = version_name(language, lines_language)
        original_name = wording.language_name(original_language, lines_language)
    return {
        "reference": reference,
        "head_title": f"{reference} {title}".strip(),
        "direction": text_direction(language),
        "masthead_language": lines_language,
        "distribution_label": distribution_line,
        "version_language": version_language,
        "original_language": original_name,
        "is_original": language == original_language,
        "job_number_line": job_number_line(job_number, language),
        "job_number_barcode": job_number_barcode(job_number) if job_number else "",
    }
