"""Printed documents of the agendas app: the note on organizing the next meeting, and the list of offers."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings import wording
from meetings.documents import PRINT_STATIC_URL, agenda_items_for_print, html_to_pdf, print_context

from .models import Agenda


def organization_note_html(document, language):
    """The HTML of a note on organizing the next meeting, with that meeting's current draft agenda annexed.

    Registered with meetings.documents.register_printer; None for any other document.
    """
    agenda = Agenda.objects.filter(organization_note=document).select_related("meeting__body").first()
    if agenda is None:
        return None
    with translation.override(language):
        context = print_context(document, language)
        context.update(
            annex_title=_("Draft provisional agenda of the %(meeting)s")
            % {"meeting": agenda.meeting.full_title(language)},
            agenda_items=agenda_items_for_print(agenda, language),
        )
        return render_to_string("agendas/pdf/organization_note.html", context)


def render_offers_list(body, *, session, offers, language):
    """The offers to host meetings of `body` to bring to the attention of the Commission at `session`."""
    with translation.override(language):
        context = {
            "print_static_url": PRINT_STATIC_URL,
            "language": language,
            "body": body,
            "session": session,
            "session_words": wording.session_ordinal(session, language),
            "offers": [
                {"offer": offer, "meeting": offer.meeting_label(language), "state": offer.member_state.name}
                for offer in offers
            ],
            "issue_date": timezone.localdate(),
            "version_language": wording.language_name(language, language),
        }
        html = render_to_string("agendas/pdf/offers.html", context)
    return html_to_pdf(html)
