"""Printed documents of the agendas app: the provisional agenda, the note on organizing the next meeting, and the
list of offers for the Commission. Each is a kind of honlac.printing.PRINTED_KINDS."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings import wording
from meetings.documents import (
    PRINT_STATIC_URL,
    UN_OFFICIAL_LANGUAGES,
    html_to_pdf,
    print_context,
    render_document_text,
)
from meetings.markup import render_markdown
from meetings.print_furniture import furniture

from .models import Agenda
from .offers import offers_for_commission


def render_provisional_agenda(document, *, language, progress=None):
    """The provisional agenda and annotations issued as `document`: "I. Provisional agenda" (the items), then
    "II. Annotations" (every item and sub-item under its number and title, with its annotation in `language` if
    it has one), then the document's own text."""
    agenda = Agenda.objects.filter(document=document).first()
    if agenda is None:  # its agenda was unlinked: what remains is the text
        return render_document_text(document, language=language, progress=progress)
    with translation.override(language):
        context = print_context(document, language)
        context["agenda_items"] = agenda_items_for_print(agenda, language)
        html = render_to_string("agendas/pdf/provisional_agenda.html", context)
    return html_to_pdf(html, progress=progress)


def render_organization_note(document, *, language, progress=None):
    """The note on organizing the next meeting, with that meeting's current draft agenda annexed."""
    agenda = Agenda.objects.select_related("meeting__body").filter(organization_note=document).first()
    if agenda is None:
        return render_document_text(document, language=language, progress=progress)
    with translation.override(language):
        context = print_context(document, language)
        context.update(
            annex_title=(
                pgettext("masculine meeting noun", "Draft provisional agenda of the %(meeting)s")
                if agenda.meeting.body.meeting_noun_is_masculine(language)
                else _("Draft provisional agenda of the %(meeting)s")
            )
            % {"meeting": agenda.meeting.full_title(language)},
            agenda_items=agenda_items_for_print(agenda, language),
        )
        html = render_to_string("agendas/pdf/organization_note.html", context)
    return html_to_pdf(html, progress=progress)


@dataclass(frozen=True)
class CommissionSession:
    """What the list of offers is printed for: the offers to host meetings of `body` reported at `session`."""

    body: object
    session: int


def render_offers_for_commission(source, *, language, progress=None):
    """The offers to host meetings of a body to bring to the attention of the Commission at one session."""
    offers = offers_for_commission(source.body, session=source.session)
    body = source.body
    with translation.override(language):
        session_words = wording.session_ordinal(source.session, language)
        title = _("Offers to host meetings, for the attention of the %(organ)s at its %(session)s session") % {
            "organ": body.parent_organ,
            "session": session_words,
        }
        context = {
            # A list drawn up for the Commission, outside the series of symbols: the body's prefix refers to it.
            **furniture(
                reference=body.symbol_prefix, title=title, language=language, original_language=body.original_language
            ),
            "print_static_url": PRINT_STATIC_URL,
            "language": language,
            "body": body,
            "session": source.session,
            "session_words": session_words,
            "document_title": title,
            "working_languages": wording.language_list(body.working_languages, language),
            "only_working_languages": len(body.working_languages) < UN_OFFICIAL_LANGUAGES,
            "offers": [
                {"offer": offer, "meeting": offer.meeting_label(language), "state": offer.member_state.name}
                for offer in offers
            ],
            "issue_date": timezone.localdate(),
        }
        html = render_to_string("agendas/pdf/offers.html", context)
    return html_to_pdf(html, progress=progress)


def agenda_items_for_print(agenda, language):
    """Items with their sub-items and labels, in one query (the topics of working-group sub-items joined)."""
    items = list(agenda.items.select_related("topic"))
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
