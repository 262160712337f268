"""The note of a meeting on the organization of the next one, generated from the data."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.audit import log_action
from meetings.models import Document, Meeting
from meetings.services import register_document
from meetings.wording import join_words, session_ordinal

from .models import (
    NOTE_PLACEHOLDERS,
    Agenda,
    AgendaItem,
    HostOffer,
    MeetingNoteParagraph,
    NotePatternParagraph,
    Purpose,
)
from .offers import commission_session_after
from .placeholders import Inflected, meeting_values
from .services import ensure_agenda, lock_agenda


def note_placeholders(meeting, language, *, on):
    """The values of the placeholders (NOTE_PLACEHOLDERS) of the note of `meeting` dated `on`, in `language`."""
    next_meeting = Meeting.objects.select_related("body").get(body=meeting.body, number=meeting.number + 1)
    with translation.override(language):
        session, year = commission_session_after(meeting.end_date or meeting.start_date or on)
        agenda = Agenda.objects.filter(meeting=next_meeting).first()
        items = {item.purpose: item.position for item in agenda.items.filter(parent=None)} if agenda else {}
        offers = (
            meeting.body.offers.filter(status__in=[HostOffer.Status.RECEIVED, HostOffer.Status.ACCEPTED])
            .filter(offered_on__lte=on)
            .filter(Q(meeting_number__isnull=True) | Q(meeting_number__gte=next_meeting.number))
            .select_related("member_state", "body")
            .order_by("offered_on")
        )
        values = {
            **{name: value for name, value in meeting_values(meeting, language).items() if name in NOTE_PLACEHOLDERS},
            "body": meeting.body.series_title(language),
            "commission": meeting.body.in_language("parent_organ", language),
            "commission_session_ordinal": Inflected(lambda case: session_ordinal(session, language, case)),
            "commission_year": year,
            "item_recommendations": items.get(Purpose.RECOMMENDATIONS_REVIEW, "—"),
            "item_working_groups": items.get(Purpose.WORKING_GROUPS, "—"),
            "item_next_meeting": items.get(Purpose.NEXT_MEETING, "—"),
            "offers": join_words(
                [f"{offer.member_state.name} ({offer.meeting_label(language)})" for offer in offers], language
            ),
        }
    return {name: value if isinstance(value, Inflected) else str(value) for name, value in values.items()}


def organization_note_text(meeting, language, *, on=None):
    """The paragraphs of the note of `meeting` on organizing the next one, dated `on` (today by default), in
    Markdown: the body's standard paragraphs with the meeting's own paragraphs after those they follow, each
    with its placeholders filled in `language`. A paragraph on offers is left out when none was received by `on`."""
    on = on or timezone.localdate()
    values = note_placeholders(meeting, language, on=on)
    own = {}
    for paragraph in MeetingNoteParagraph.objects.filter(meeting=meeting):
        own.setdefault(paragraph.after, []).append(paragraph)
    paragraphs = []
    with translation.override(language):
        for standard in NotePatternParagraph.objects.filter(body=meeting.body):
            if standard.kind != NotePatternParagraph.Kind.OFFERS or values["offers"]:
                paragraphs.append(standard)
            paragraphs.extend(own.pop(standard.position, []))
        paragraphs.extend(paragraph for rest in sorted(own) for paragraph in own[rest])
        texts = [paragraph.text.format_map(values) for paragraph in paragraphs]
    return "\n\n".join(text.strip() for text in texts)


def generate_organization_note(meeting, *, by, replace_text=False, issue_date=None):
    """The note of `meeting` on organizing the next meeting, created from the data (or its text regenerated).

    The note is a document of `meeting`, under its agenda item on organizing the next meeting; its annex is
    the draft agenda of the next meeting, printed from it while the note is a draft and fixed in the note's
    issued files once issued (meetings.issuing). Its paragraphs are
    generated once per working language, from the body's standard paragraphs and the meeting's own (see
    organization_note_text), and then edited like any document text; `replace_text` generates them again. A new
    note is dated `issue_date` (today by default); offers are mentioned if received by the note's date.
    Side effects: creates the next meeting's draft agenda if needed, creates or updates the document;
    a new note, or a note whose text was generated again, is recorded in the audit trail.
    """
    next_meeting = Meeting.objects.filter(body=meeting.body, number=meeting.number + 1).first()
    if next_meeting is None:
        raise ValidationError(_("Open the next meeting first: the note annexes its draft agenda."))
    if not meeting.body.note_pattern.exists():
        raise ValidationError(
            _(
                "Enter the standard paragraphs of this body's note in the administration first: "
                "the note is made of them."
            )
        )
    with transaction.atomic():
        next_agenda = lock_agenda(ensure_agenda(next_meeting, by=by))
        document = next_agenda.organization_note
        created = document is None
        if created:
            item = AgendaItem.objects.filter(agenda__meeting=meeting, parent=None, purpose=Purpose.NEXT_MEETING).first()
            document = Document(
                meeting=meeting,
                kind=Document.Kind.NOTE,
                distribution=Document.Distribution.GENERAL,
                original_language=meeting.body.original_language,
                issue_date=issue_date or timezone.localdate(),
                agenda_item=item,
                printed_as=Document.PrintedAs.ORGANIZATION_NOTE,
            )
        if replace_text and document.is_issued:
            raise ValidationError(
                _("The note %(symbol)s is issued: change it by a revision or a corrigendum from its page.")
                % {"symbol": document.symbol}
            )
        if created or replace_text:
            for code in meeting.body.working_languages:
                with translation.override(code):
                    if meeting.body.meeting_noun_is_masculine(code):
                        title = pgettext("masculine meeting noun", "Organization of the %(meeting)s")
                    else:
                        title = _("Organization of the %(meeting)s")
                    title %= {"meeting": next_meeting.full_title(code)}
                setattr(document, f"title_{code}", title)
                setattr(document, f"text_{code}", organization_note_text(meeting, code, on=document.issue_date))
        if created:
            register_document(document, by=by)
            next_agenda.organization_note = document
            next_agenda.save(update_fields=["organization_note"])
        else:
            document.save()
            if replace_text:
                log_action(document, "document.regenerated", by=by)
    return document
