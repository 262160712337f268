"""Printed documents of meetings, in the United Nations layout, rendered by WeasyPrint."""

import contextlib
import contextvars
import logging
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

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


# What a printed document may load: its stylesheet, its images and fonts. Nothing else is served, whatever the
# static folder holds (scripts, source maps, EPS or PostScript images, PDFs).
PRINTABLE_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class StaticFilesOnlyFetcher(URLFetcher):
    """A URL fetcher for WeasyPrint that serves only the project's own printable static files.

    It never opens a connection nor a file outside the static folders: `file:`, `data:`, `http(s):` URLs (a
    redirect needs a connection, so there is none to follow) and any path that leaves the static folders are
    refused, as is any type of file that is not a stylesheet, an image or a font.
    """

    def fetch(self, url, headers=None):
        try:
            path = static_file_for(url)
        except ValueError:
            logger.warning("Refused to fetch %s while printing", url)
            raise
        with open(path, "rb") as handle:
            body = handle.read()
        return URLFetcherResponse(url, body, headers={"Content-Type": PRINTABLE_TYPES[path.suffix.lower()]})


def static_file_for(url):
    """The path of the printable static file that `url`, under PRINT_STATIC_URL, names; ValueError for any other."""
    if not url.startswith(PRINT_STATIC_URL):
        raise ValueError(f"Printing may not fetch {url}")
    parts = urlsplit(url)
    relative = unquote(parts.path[len(urlsplit(PRINT_STATIC_URL).path) :])
    segments = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or any(part in ("", ".", "..") for part in segments):
        raise ValueError(f"Printing may not fetch {url}")
    if PurePosixPath(relative).suffix.lower() not in PRINTABLE_TYPES:
        raise ValueError(f"Printing fetches no file of this type: {url}")
    for candidate in _static_candidates(relative):
        resolved = candidate.resolve()
        # Found through a link that leads out of the static folders, or to another type of file: refused.
        inside = any(resolved.is_relative_to(root) for root in _static_roots())
        if inside and resolved.is_file() and resolved.suffix.lower() in PRINTABLE_TYPES:
            return resolved
    raise ValueError(f"No static file {relative}")


def _static_candidates(relative):
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return []
    candidates = [Path(found)] if found else []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    return candidates


def _static_roots():
    """The folders the project's static files are found in (those of the finders), and STATIC_ROOT."""
    roots = [Path(settings.STATIC_ROOT).resolve()] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location).resolve())
    return roots


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
    return without_attachments(laid_out).write_pdf(pdf_variant="pdf/ua-1")


def without_attachments(laid_out):
    """`laid_out` with no file to embed: WeasyPrint would fetch and embed the target of every
    `<link rel="attachment">` and `<a rel="attachment">` when writing the PDF. A printed document carries none."""
    laid_out.metadata.attachments = []
    for page in laid_out.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return laid_out


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


def is_printing_final():
    """Whether what prints now is a document's version to issue (printing_final)."""
    return _PRINTING_FINAL.get()


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
