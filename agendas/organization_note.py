"""The note of a meeting on the organization of the next one, generated from the data."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import log_action
from meetings.models import Document, Meeting
from meetings.services import issue_new_document
from meetings.wording import join_words, session_ordinal

from .models import Agenda, AgendaItem, Consultation, HostOffer, Purpose, Topic
from .offers import commission_session_after
from .services import ensure_agenda, lock_agenda


def organization_note_text(meeting, language):
    """The paragraphs of the note of `meeting` on organizing the next one, in Markdown, from the data."""
    next_meeting = Meeting.objects.select_related("body").get(body=meeting.body, number=meeting.number + 1)
    with translation.override(language):
        this_short = meeting.short_title(language)
        next_short = next_meeting.short_title(language)
        session, year = commission_session_after(meeting.end_date or meeting.start_date or timezone.localdate())
        agenda = Agenda.objects.filter(meeting=next_meeting).first()
        review_item = agenda and agenda.items.filter(parent=None, purpose=Purpose.RECOMMENDATIONS_REVIEW).first()
        offers = (
            meeting.body.offers.filter(status__in=[HostOffer.Status.RECEIVED, HostOffer.Status.ACCEPTED])
            .filter(Q(meeting_number__isnull=True) | Q(meeting_number__gte=next_meeting.number))
            .select_related("member_state", "body")
            .order_by("offered_on")
        )
        paragraphs = [
            _(
                "Representatives of countries whose Governments wish to host the %(next)s, or a later meeting, are "
                "invited to inform the Meeting. That information will be brought to the attention of the "
                "%(organ)s at its %(session)s session, in %(year)s."
            )
            % {
                "next": next_meeting.full_title(language),
                "organ": meeting.body.parent_organ,
                "session": session_ordinal(session, language),
                "year": year,
            }
        ]
        if offers:
            listed = [f"{offer.member_state.name} ({offer.meeting_label(language)})" for offer in offers]
            paragraphs[0] += " " + _("Offers received so far: %(offers)s.") % {"offers": join_words(listed, language)}
        paragraphs.append(
            _("The draft provisional agenda of the %(next)s is annexed to the present note.") % {"next": next_short}
        )
        paragraphs.append(
            _(
                "Item %(item)s of the draft provisional agenda of the %(next)s will be devoted to the review of the "
                "implementation of the recommendations adopted by the %(this)s. A questionnaire on the measures taken "
                "by Governments to give effect to those recommendations will be attached to the invitation to "
                "participate in the %(next)s. The responses of Member States will be posted on the secure web page of "
                "the Meeting to facilitate the review of the implementation of those recommendations at the "
                "%(next)s. A transmittal note will be prepared to bring the responses to the attention of "
                "participants."
            )
            % {"item": review_item.position if review_item else "—", "next": next_short, "this": this_short}
        )
        paragraphs.append(
            _(
                "At its fortieth session, the Commission on Narcotic Drugs considered that the recommendations "
                "adopted by the meetings of its subsidiary bodies would be of no value if States did not give effect "
                "to them, where necessary by enacting national legislation. The States represented at the %(body)s "
                "are urged to act upon those recommendations without delay, so that the progress made can be "
                "effectively assessed."
            )
            % {"body": meeting.body.title}
        )
        topics = _(
            "It would be desirable for the participants in the %(this)s to identify the topics to be considered "
            "by working groups at the %(next)s. They may also wish to return to subjects discussed at previous "
            "sessions that would benefit from further consideration or from a particular angle. They may prefer "
            "to ask the secretariat to consult the participating States informally to identify those topics."
        ) % {"this": this_short, "next": next_short}
        consultation = Consultation.objects.filter(meeting=next_meeting).first()
        selected = [topic.title for topic in Topic.objects.filter(meeting=next_meeting, selected=True)]
        if selected:
            topics += " " + _("The topics selected are: %(topics)s.") % {"topics": join_words(selected, language)}
        elif consultation is not None:
            topics += " " + _("The secretariat is consulting the participating States until %(date)s.") % {
                "date": formats.date_format(timezone.localtime(consultation.closes_at), "DATE_FORMAT")
            }
        paragraphs.append(topics)
        paragraphs.append(
            _(
                "The %(next)s will also allow participants to consider more broadly how the subsidiary bodies of the "
                "Commission could contribute further to the practical implementation of the common commitments, so "
                "that the Commission is informed of concerns, new developments and best practices identified at the "
                "regional and national levels by all stakeholders."
            )
            % {"next": next_short}
        )
    return "\n\n".join(str(paragraph) for paragraph in paragraphs)


def generate_organization_note(meeting, *, by, replace_text=False):
    """The note of `meeting` on organizing the next meeting, created from the data (or its text regenerated).

    The note is a document of `meeting`, under its agenda item on organizing the next meeting; its annex is
    always the current draft agenda of the next meeting (printed from it, never copied). Its paragraphs are
    generated once per working language and then edited like any document text; `replace_text` generates them
    again. Side effects: creates the next meeting's draft agenda if needed, creates or updates the document;
    a new note, or a note whose text was generated again, is recorded in the audit trail.
    """
    next_meeting = Meeting.objects.filter(body=meeting.body, number=meeting.number + 1).first()
    if next_meeting is None:
        raise ValidationError(_("Open the next meeting first: the note annexes its draft agenda."))
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
                issue_date=timezone.localdate(),
                agenda_item=item,
                printed_as=Document.PrintedAs.ORGANIZATION_NOTE,
            )
        if created or replace_text:
            for code in meeting.body.working_languages:
                with translation.override(code):
                    title = _("Organization of the %(meeting)s") % {"meeting": next_meeting.full_title(code)}
                setattr(document, f"title_{code}", title)
                setattr(document, f"text_{code}", organization_note_text(meeting, code))
        if created:
            issue_new_document(document, by=by)
            next_agenda.organization_note = document
            next_agenda.save(update_fields=["organization_note"])
        else:
            document.save()
            if replace_text:
                log_action(document, "document.regenerated", by=by)
    return document
