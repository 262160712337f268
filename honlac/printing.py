"""Every kind of document the portal prints, in one table: what prints it, in which languages, and whether it takes
long enough to print in the background.

Views, the `print_document` command, the print jobs (meetings.print_jobs) and the mail worker reach printing only
through `render`. The table sits above the apps because it names the printers of each of them; the apps' own
modules never import it back (a document's kind is a plain string, Document.PrintedAs).

Each printer is `render_<kind>(source, *, language, progress=None) -> bytes` (a PDF), where `progress`, when
given, is told of each stage of the work (meetings.documents.html_to_pdf).
"""

from collections.abc import Callable
from dataclasses import dataclass

from agendas.documents import render_offers_for_commission, render_organization_note, render_provisional_agenda
from meetings.documents import printing_final, render_document_text, text_languages, working_languages
from meetings.models import Document
from questionnaires.documents import (
    render_analysis,
    render_blank_questionnaire,
    render_posted_responses,
    render_response,
    response_languages,
)
from questionnaires.models import Questionnaire, Response
from questionnaires.transmittal_parts import render_transmittal_note


@dataclass(frozen=True)
class PrintedKind:
    render: Callable  # (source, *, language, progress=None) -> bytes
    languages: Callable  # (source) -> the language codes it prints in
    in_background: bool = False
    # The sources of this kind, for what refers to one by its key (a mail attachment); None for a source that is
    # not a row of the database.
    sources: Callable | None = None


def _session_languages(source):
    return list(source.body.working_languages)


# The kinds of meetings.Document are the values of Document.PrintedAs (a document's `printed_as`); the others are
# printed from other things, named beside them.
PRINTED_KINDS = {
    Document.PrintedAs.TEXT: PrintedKind(render_document_text, text_languages),
    Document.PrintedAs.AGENDA: PrintedKind(render_provisional_agenda, working_languages),
    Document.PrintedAs.ORGANIZATION_NOTE: PrintedKind(render_organization_note, working_languages),
    # With every State's response, it takes long: printed in the background.
    Document.PrintedAs.TRANSMITTAL_NOTE: PrintedKind(render_transmittal_note, working_languages, in_background=True),
    # With the measures of every State on every recommendation, as long: in the background too.
    Document.PrintedAs.ANALYSIS: PrintedKind(render_analysis, working_languages, in_background=True),
    # From a questionnaires.Questionnaire; attached to the invitations.
    "blank_questionnaire": PrintedKind(
        render_blank_questionnaire,
        working_languages,
        sources=lambda: Questionnaire.objects.select_related("meeting__body", "source_meeting"),
    ),
    # From a questionnaires.Response: its State's copy, attached to the receipt of its submission.
    "response": PrintedKind(render_response, response_languages, sources=lambda: Response.objects.all()),
    # From a questionnaires.Questionnaire: every posted response in one document (the secure page's bundle).
    "posted_responses": PrintedKind(
        render_posted_responses,
        response_languages,
        sources=lambda: Questionnaire.objects.select_related("meeting__body", "source_meeting"),
    ),
    # From an agendas.documents.CommissionSession (a body and a session of the Commission).
    "offers_for_commission": PrintedKind(render_offers_for_commission, _session_languages),
}


def render(kind, source, *, language, progress=None):
    """The PDF of `source` printed as `kind` (a key of PRINTED_KINDS) in `language`.

    E.g. `render("blank_questionnaire", questionnaire, language="fr")`, or for a document
    `render(document.printed_as, document, language="es")` (or `render_document`).
    """
    return PRINTED_KINDS[kind].render(source, language=language, progress=progress)


def source(kind, pk):
    """The source of `kind` whose key is `pk` (e.g. to print a mail's attachment from its description)."""
    return PRINTED_KINDS[kind].sources().get(pk=pk)


def render_document(document, *, language, progress=None, final=False):
    """The PDF of one language version of `document`, printed as its kind says, from the data of now.

    A draft, marked so on every page, unless `final`: the version to issue (meetings.issuing stores it).
    """
    with printing_final(final):
        return render(document.printed_as, document, language=language, progress=progress)


def languages(kind, source):
    """The language codes in which `source` prints as `kind`."""
    return PRINTED_KINDS[kind].languages(source)


def prints_in_background(kind):
    return PRINTED_KINDS[kind].in_background
