"""Printed documents of meetings, in the United Nations layout, rendered by WeasyPrint."""

import contextlib
import contextvars
import logging
import mimetypes
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import FootnoteAreaBox, MarginBox
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import wording
from .markup import render_markdown
from .print_furniture import furniture
from .symbols import held_agenda_symbol
from .typography import typeset

logger = logging.getLogger(__name__)

# Documents are rendered against this base URL; it belongs to a reserved top-level domain, so no URL in a
# document can reach the network: the fetcher below serves the project's static files and refuses the rest.
# Arabic, Chinese, English, French, Russian, Spanish: a body with fewer works in only some of them.
UN_OFFICIAL_LANGUAGES = 6

PRINT_BASE_URL = "https://print.honlac.invalid/"
PRINT_STATIC_URL = PRINT_BASE_URL + settings.STATIC_URL.lstrip("/")


class StaticFilesOnlyFetcher(URLFetcher):
    """A URL fetcher for WeasyPrint that serves only the project's own static files."""

    def fetch(self, url, headers=None):
        if not url.startswith(PRINT_STATIC_URL):
            logger.warning("Refused to fetch %s while printing", url)
            raise ValueError(f"Printing may not fetch {url}")
        relative = url[len(PRINT_STATIC_URL) :].split("?")[0].split("#")[0]
        try:
            path = finders.find(relative)
        except SuspiciousFileOperation:
            path = None
        if not path:
            raise ValueError(f"No static file {relative}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as handle:
            return URLFetcherResponse(url, handle.read(), headers={"Content-Type": content_type})


_DECLARED_LANGUAGE = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)

# WeasyPrint may move a footnote to the page after its call, to keep a paragraph's widows and orphans; a United
# Nations page never does. A document laid out so is laid out again with less of that control, step by step.
_FOOTNOTES_BEFORE_LINES = [
    CSS(string=f"p, li, td {{ {rule} }}") for rule in ("widows: 1;", "orphans: 1;", "orphans: 1; widows: 1;")
]


def html_to_pdf(html, *, progress=None):
    """The PDF of `html`, set in the typography of the language it declares (`<html lang="fr">`), laid out by
    WeasyPrint and tagged (PDF/UA-1: a structure tree, its language, its title) for screen readers.

    `progress`, when given, is called as each stage of the work begins: `progress("laying_out")` before the
    pages are laid out, then `progress("writing", pages=<number of pages>)` before the PDF is written.
    """
    report = progress or (lambda stage, **details: None)
    declared = _DECLARED_LANGUAGE.search(html)
    html = typeset(html, declared.group(1) if declared else "en")
    report("laying_out")
    source = HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    laid_out = source.render(pdf_variant="pdf/ua-1")
    for relaxed in _FOOTNOTES_BEFORE_LINES:
        if not footnotes_left_behind(laid_out):
            break
        laid_out = source.render(pdf_variant="pdf/ua-1", stylesheets=[relaxed])
    report("writing", pages=len(laid_out.pages))
    return laid_out.write_pdf(pdf_variant="pdf/ua-1")


def footnotes_left_behind(laid_out):
    """Whether some footnote of the laid-out document sits on a page after the one holding its call."""
    calls = placed = 0
    for page in laid_out.pages:
        for box in page._page_box.children:
            if isinstance(box, FootnoteAreaBox):
                placed += len(box.children)
            elif not isinstance(box, MarginBox):
                calls += sum(1 for child in box.descendants() if getattr(child, "footnote", None) is not None)
        if placed < calls:
            return True
    return False


# Whether what prints now is a document's version to issue; anything else is a draft (meetings.issuing).
_PRINTING_FINAL = contextvars.ContextVar("printing_final", default=False)


@contextlib.contextmanager
def printing_final(final=True):
    """Within the block, documents print as their issued versions; elsewhere, as drafts marked so on every page."""
    token = _PRINTING_FINAL.set(final)
    try:
        yield
    finally:
        _PRINTING_FINAL.reset(token)


def print_context(document, language):
    """What every printed document shows in its heading, in `language` (the caller activates it)."""
    meeting = document.meeting
    body = meeting.body
    agenda_item = document.agenda_item
    agenda_document = None
    agenda_symbol = ""
    if agenda_item is not None:
        agenda = agenda_item.agenda
        agenda_document = getattr(agenda, "document", None)
        # Before the agenda is issued, its symbol is the one held for it.
        agenda_symbol = agenda_document.symbol if agenda_document else held_agenda_symbol(agenda.meeting_id)
    draft = not _PRINTING_FINAL.get()
    return {
        **furniture(
            reference=document.symbol,
            title=document.title,
            language=language,
            original_language=document.original_language,
            distribution=document.distribution,
            job_number=document.job_number,
        ),
        "print_static_url": PRINT_STATIC_URL,
        "document": document,
        "meeting": meeting,
        "body": body,
        "language": language,
        "issue_date": document.issue_date or timezone.localdate(),
        "working_languages": wording.language_list(body.working_languages, language),
        "only_working_languages": len(body.working_languages) < UN_OFFICIAL_LANGUAGES,
        "meeting_heading": meeting.heading(language),
        "place_and_dates": meeting.place_and_dates(language),
        "agenda_item": agenda_item,
        "agenda_document": agenda_document,
        "agenda_symbol": agenda_symbol,
        "draft": draft,
        "printed_on": timezone.localdate(),
        "reissued_on": document.reissued_on,
        "only_languages": _only_languages(document, language),
        "text_html": render_markdown(document.text),
        "annex_html": render_markdown(document.annex),
    }


def _only_languages(document, language):
    """'English and French only' for a corrigendum to some language versions; '' for one to all."""
    if not document.languages or set(document.languages) >= set(document.meeting.body.working_languages):
        return ""
    return wording.only_languages(document.version_languages(), language)


def render_document_text(document, *, language, progress=None):
    """The PDF of one language version of `document`, printed from its text and annex."""
    with translation.override(language):
        html = render_to_string("meetings/pdf/document.html", print_context(document, language))
    return html_to_pdf(html, progress=progress)


def text_languages(document):
    """The working languages in which `document` has a text to print."""
    return [code for code in document.meeting.body.working_languages if getattr(document, f"text_{code}", "")]


def working_languages(document):
    """Every working language of the document's body: for documents printed from the portal's data."""
    return list(document.meeting.body.working_languages)
