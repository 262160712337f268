"""Business actions on agendas."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action, object_label
from meetings.models import Document, Meeting
from meetings.services import create_next_meeting, issue_new_document
from meetings.uploads import PDF, WORD, name_for_content, validate_upload
from meetings.wording import join_words, session_ordinal

from .models import Agenda, AgendaItem, Consultation, ConsultationVoice, HostOffer, Purpose, Topic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def fill_meeting_references(title, meeting, language):
    """Replace {meeting}, {previous_meeting} and {next_meeting} by those meetings' full titles."""
    body = meeting.body
    for token, number in (
        ("{meeting}", meeting.number),
        ("{previous_meeting}", meeting.number - 1),
        ("{next_meeting}", meeting.number + 1),
    ):
        if token in title:
            title = title.replace(token, Meeting(body=body, number=number).full_title(language))
    return title


def generate_agenda(meeting, *, by):
    """Create the draft agenda of `meeting` from its body's standard agenda.

    Side effects: creates the agenda and its items, with titles in every language of the pattern; records the
    agenda's generation in the audit trail.
    Raises ValidationError when the meeting already has an agenda.
    """
    with transaction.atomic():
        if Agenda.objects.filter(meeting=meeting).exists():
            raise ValidationError(_("This meeting already has an agenda."))
        agenda = Agenda.objects.create(meeting=meeting)
        items = []
        for pattern in meeting.body.agenda_pattern.all():
            item = AgendaItem(
                agenda=agenda,
                position=pattern.position,
                is_placeholder=pattern.is_placeholder,
                purpose=pattern.purpose,
            )
            for code in LANGUAGE_CODES:
                title = getattr(pattern, f"title_{code}")
                setattr(item, f"title_{code}", fill_meeting_references(title, meeting, code) if title else None)
            items.append(item)
        AgendaItem.objects.bulk_create(items)
        log_action(agenda, "agenda.generated", by=by, data={"count": len(items)})
    return agenda


# Editing the agenda ------------------------------------------------------------------------------------------


def _siblings(item):
    return AgendaItem.objects.filter(agenda=item.agenda_id, parent=item.parent_id).order_by("position", "pk")


def lock_agenda(agenda):
    return Agenda.objects.select_for_update().get(pk=agenda.pk)


def check_editable(agenda):
    if agenda.status == Agenda.Status.ADOPTED:
        raise ValidationError(_("The agenda was adopted; it can no longer change."))


def add_item(agenda, *, by, parent=None, **fields):
    """Add an item (or a sub-item of `parent`) at the end.

    Side effects: saves it; records the addition on the agenda in the audit trail. Returns the item.
    """
    with transaction.atomic():
        agenda = lock_agenda(agenda)
        check_editable(agenda)
        if parent is not None and (parent.agenda_id != agenda.pk or parent.parent_id is not None):
            raise ValidationError(_("Sub-items go under an item of the same agenda."))
        siblings = AgendaItem.objects.filter(agenda=agenda, parent=parent)
        position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
        item = AgendaItem(agenda=agenda, parent=parent, position=position, **fields)
        item.full_clean(exclude=["agenda", "parent"])
        item.save()
        log_action(agenda, "agenda.item_added", by=by, data={"item": object_label(item)})
    return item


def update_item(item, *, by):
    """Save the changed titles, annotation or placeholder mark of an item (made on the instance by the form).

    Side effects: saves the item; records the fields that changed on the agenda in the audit trail.
    """
    with transaction.atomic():
        agenda = lock_agenda(item.agenda)
        check_editable(agenda)
        fields = changed_fields(item, qualified=True)
        item.save()
        log_action(agenda, "agenda.item_changed", by=by, data={"item": object_label(item), "fields": fields})
    return item


def _renumber(items):
    for position, sibling in enumerate(items, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


def delete_item(item, *, by):
    """Delete an item (with its sub-items); the items after it move up one number.

    Side effects: deletes the item, renumbers the others, records the deletion on the agenda in the audit trail.
    """
    with transaction.atomic():
        agenda = lock_agenda(item.agenda)
        check_editable(agenda)
        siblings = [sibling for sibling in _siblings(item) if sibling.pk != item.pk]
        label = object_label(item)
        item.delete()
        _renumber(siblings)
        log_action(agenda, "agenda.item_deleted", by=by, data={"item": label})


def move_item(item, *, direction, by):
    """Move an item one place up or down among its siblings; the numbering follows.

    Side effects: renumbers the siblings; records the move (from which position to which) on the agenda in the
    audit trail. An item already first (or last) does not move and nothing is recorded.
    """
    with transaction.atomic():
        agenda = lock_agenda(item.agenda)
        check_editable(agenda)
        siblings = list(_siblings(item))
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if 0 <= target < len(siblings):
            label = object_label(siblings[index])
            siblings[index], siblings[target] = siblings[target], siblings[index]
            _renumber(siblings)
            log_action(
                agenda,
                "agenda.item_moved",
                by=by,
                data={"item": label, "direction": direction, "position": target + 1},
            )


def set_agenda_status(agenda, *, status, by):
    """Issue the agenda as the provisional agenda (the meeting's document /1), or record its adoption.

    Side effects: issuing creates the document "Provisional agenda and annotations" if the agenda has none;
    the change is recorded in the audit trail.
    """
    with transaction.atomic():
        agenda = lock_agenda(agenda)
        if status == Agenda.Status.PROVISIONAL and agenda.document_id is None:
            document = Document(
                meeting=agenda.meeting,
                kind=Document.Kind.AGENDA,
                printed_as=Document.PrintedAs.AGENDA,
                distribution=Document.Distribution.GENERAL,
                original_language=agenda.meeting.body.original_language,
                issue_date=timezone.localdate(),
            )
            for code in agenda.meeting.body.working_languages:
                with translation.override(code):
                    setattr(document, f"title_{code}", str(_("Provisional agenda and annotations")))
            issue_new_document(document, by=by)
            agenda.document = document
        previous = agenda.status
        agenda.status = status
        agenda.save(update_fields=["status", "document"])
        log_action(
            agenda,
            "agenda.status_changed",
            by=by,
            data={
                "previous_status": previous,
                "status": status,
                "symbol": agenda.document.symbol if agenda.document_id else "",
            },
        )
    return agenda


def ensure_agenda(meeting, *, by):
    """The agenda of `meeting`, generated from the standard agenda when it has none."""
    agenda = Agenda.objects.filter(meeting=meeting).first()
    return agenda or generate_agenda(meeting, by=by)


def open_next_meeting(meeting, *, by):
    """Open meeting N+1 of the body of `meeting` with its draft agenda from the body's standard agenda.

    Here rather than in meetings: a meeting knows nothing of agendas, the agenda depends on its meeting.
    Side effects: creates the meeting (see meetings.services.create_next_meeting) and, when the body has a
    standard agenda, the meeting's draft agenda. Raises ValidationError when the next meeting already exists.
    """
    with transaction.atomic():
        next_meeting = create_next_meeting(meeting, by=by)
        if meeting.body.agenda_pattern.exists():
            generate_agenda(next_meeting, by=by)
    return next_meeting


# Host-country offers -----------------------------------------------------------------------------------------


def commission_session_after(day):
    """The session of the Commission on Narcotic Drugs held after `day`: (number, year).

    The Commission meets in March; its first session was in 1946, so the session of year Y is Y - 1957.
    """
    year = day.year if day.month < 3 else day.year + 1
    return year - 1957, year


def record_offer(body, *, member_state, meeting_number, offered_on, by, remarks="", note_verbale=None):
    """Record a Government's offer to host meeting `meeting_number` of `body` (None: a later meeting).

    Side effects: saves the offer, with the session of the Commission at which it will be reported; records it
    in the audit trail.
    """
    if not body.member_states.filter(pk=member_state.pk).exists():
        raise ValidationError(_("This State does not take part in the meetings of this body."))
    last_number = body.meetings.aggregate(last=Max("number"))["last"] or 0
    if meeting_number is not None and meeting_number <= last_number - 1:
        raise ValidationError(_("That meeting has already been held or is being prepared by its host."))
    offer = HostOffer(
        body=body,
        member_state=member_state,
        meeting_number=meeting_number,
        offered_on=offered_on,
        remarks=remarks,
        recorded_by=by,
        commission_session=commission_session_after(offered_on)[0],
    )
    if note_verbale:
        content_type = validate_upload(note_verbale, allowed={**PDF, **WORD})
        offer.note_verbale = note_verbale
        offer.note_verbale_name = name_for_content(note_verbale.name, content_type)[:255]
    with transaction.atomic():
        offer.save()
        log_action(
            offer,
            "offer.recorded",
            by=by,
            data={"meeting": offer.meeting_label(settings.LANGUAGE_CODE), "offered_on": str(offered_on)},
        )
    return offer


def set_offer_status(offer, *, status, by):
    """Withdraw (by its State or the secretariat), accept or decline (the secretariat) an offer.

    Side effects: saves the status; records the change in the audit trail.
    """
    with transaction.atomic():
        offer = HostOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.status == HostOffer.Status.WITHDRAWN:
            raise ValidationError(_("This offer was withdrawn."))
        previous = offer.status
        offer.status = status
        offer.save(update_fields=["status", "updated_at"])
        log_action(offer, "offer.status_changed", by=by, data={"previous_status": previous, "status": status})
    return offer


def offers_for_commission(body, *, session):
    """Offers to bring to the attention of the Commission at `session` (withdrawn ones left out)."""
    return (
        body.offers.filter(commission_session=session)
        .exclude(status=HostOffer.Status.WITHDRAWN)
        .select_related("member_state", "body")
        .order_by("meeting_number", "offered_on")
    )


# The consultation on the working-group topics (the topics themselves: agendas.topics) -------------------------


def open_consultation(meeting, *, closes_at, by):
    """Open (or move the closing date of) the informal consultation of the States on `meeting`'s topics.

    Side effects: creates or updates the consultation; records it with its closing date in the audit trail.
    """
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing date must be in the future."))
    with transaction.atomic():
        consultation, _created = Consultation.objects.update_or_create(
            meeting=meeting, defaults={"closes_at": closes_at, "opened_by": by}
        )
        log_action(consultation, "consultation.opened", by=by, data={"closes_at": closes_at.isoformat()})
    return consultation


def give_voice(consultation, *, member_state, topics, by):
    """Record the topics `member_state` supports; one voice per State, which any of its focal points may change.

    Side effects: saves the voice; records it (the State and its topics) on the consultation in the audit trail.
    Raises ValidationError after the closing date, or for a State that does not take part in the meeting.
    """
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not consultation.is_open:
            raise ValidationError(
                _("The consultation closed on %(date)s: the voice of a State can no longer be given or changed.")
                % {"date": formats.date_format(timezone.localtime(consultation.closes_at), "DATETIME_FORMAT")}
            )
        if not consultation.meeting.participating_states.filter(pk=member_state.pk).exists():
            raise ValidationError(_("This State does not take part in the meeting."))
        topics = list(topics)
        if any(topic.meeting_id != consultation.meeting_id for topic in topics):
            raise ValidationError(_("Choose among the topics proposed for this meeting."))
        voice, _created = ConsultationVoice.objects.get_or_create(
            consultation=consultation, member_state=member_state, defaults={"given_by": by}
        )
        voice.given_by = by
        voice.save(update_fields=["given_by", "updated_at"])
        voice.topics.set(topics)
        log_action(
            consultation,
            "consultation.voice_given",
            by=by,
            data={"member_state": member_state.code, "topics": [object_label(topic) for topic in topics]},
        )
    return voice


# The note on the organization of the next meeting ------------------------------------------------------------


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


def update_offer(offer, *, by, note_verbale=None):
    """Save the changes to an offer (its State may change it while it is only received).

    Side effects: saves the offer's own fields (never its status, which only set_offer_status changes), with the
    session of the Commission computed again when the date of the offer changed; records the fields that
    changed in the audit trail.
    """
    if note_verbale:
        content_type = validate_upload(note_verbale, allowed={**PDF, **WORD})
        offer.note_verbale = note_verbale
        offer.note_verbale_name = name_for_content(note_verbale.name, content_type)[:255]
    with transaction.atomic():
        current = HostOffer.objects.select_for_update().get(pk=offer.pk)
        if current.status == HostOffer.Status.WITHDRAWN:
            raise ValidationError(_("This offer was withdrawn."))
        if by is not None and not by.is_secretariat and current.status != HostOffer.Status.RECEIVED:
            # The view checked the status when it loaded the offer; the secretariat may have acted since.
            raise ValidationError(_("This offer was already answered by the secretariat and can no longer be changed."))
        if offer.offered_on != current.offered_on or not offer.commission_session:
            offer.commission_session = commission_session_after(offer.offered_on)[0]
        offer.status = current.status
        fields = changed_fields(offer)
        offer.save(
            update_fields=[
                "member_state",
                "meeting_number",
                "offered_on",
                "commission_session",
                "remarks",
                "note_verbale",
                "note_verbale_name",
                "updated_at",
            ]
        )
        log_action(offer, "offer.changed", by=by, data={"fields": fields})
    return offer
