"""Printed documents of meetings, in the United Nations layout, rendered by WeasyPrint."""

import logging
import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import wording
from .markup import render_markdown

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


def html_to_pdf(html):
    return HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=StaticFilesOnlyFetcher()).write_pdf()


def print_context(document, language):
    """What every printed document shows in its heading, in `language` (the caller activates it)."""
    meeting = document.meeting
    body = meeting.body
    agenda_item = document.agenda_item
    agenda_document = None
    if agenda_item is not None:
        agenda_document = getattr(agenda_item.agenda, "document", None)
    return {
        "print_static_url": PRINT_STATIC_URL,
        "document": document,
        "meeting": meeting,
        "body": body,
        "language": language,
        "issue_date": document.issue_date or timezone.localdate(),
        "version_language": wording.language_name(language, language),
        "original_language": wording.language_name(document.original_language, language),
        "working_languages": wording.language_list(body.working_languages, language),
        "only_working_languages": len(body.working_languages) < UN_OFFICIAL_LANGUAGES,
        "meeting_heading": meeting.heading(language),
        "place_and_dates": meeting.place_and_dates(language),
        "agenda_item": agenda_item,
        "agenda_document": agenda_document,
        "text_html": render_markdown(document.text),
        "annex_html": render_markdown(document.annex),
    }


# Apps whose documents are printed from their own data (the transmittal note, the note on organizing the next
# meeting) register a printer under a name, which such a document carries in `printed_by`: a function
# (document, language) -> HTML. Those that take long (every State's response) print in the background.
_printers = {}


def register_printer(name, printer, *, in_background=False):
    _printers[name] = (printer, in_background)


def prints_in_background(document):
    return bool(document.printed_by) and _printers.get(document.printed_by, (None, False))[1]


def document_html(document, *, language):
    """The HTML of one language version of `document`: from its app's own printer, or from its text."""
    with translation.override(language):
        if document.printed_by:
            printer, _in_background = _printers[document.printed_by]
            return printer(document, language)
        context = print_context(document, language)
        agenda = getattr(document, "issued_agenda", None)
        if agenda is not None:
            context["agenda_items"] = agenda_items_for_print(agenda, language)
        return render_to_string("meetings/pdf/document.html", context)


def render_document(document, *, language):
    """The PDF of one language version of `document`."""
    return html_to_pdf(document_html(document, language=language))


def agenda_items_for_print(agenda, language):
    """Items with their sub-items and labels, in one query."""
    items = list(agenda.items.all())
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    result = []
    for item in sorted(children.get(None, []), key=lambda i: i.position):
        result.append(
            {
                "item": item,
                "label": item.label(language),
                "annotation_html": render_markdown(item.annotation),
                "sub_items": [
                    {"item": sub, "label": sub.label(language), "annotation_html": render_markdown(sub.annotation)}
                    for sub in sorted(children.get(item.pk, []), key=lambda i: i.position)
                ],
            }
        )
    return result
