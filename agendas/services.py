"""Business actions on agendas: generating the draft agenda, editing its items, its status, and opening the next
meeting with its draft agenda."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action, object_label
from meetings.issuing import issue_document
from meetings.languages import ordered
from meetings.models import Document, Meeting
from meetings.services import create_next_meeting, register_document

from .models import Agenda, AgendaItem


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
            for code in ordered(meeting.body.working_languages):
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

    Side effects: issuing creates the document "Provisional agenda and annotations" if the agenda has none, and
    issues it in every working language (printed in the background, meetings.issuing); the change is recorded in
    the audit trail.
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
            register_document(document, by=by)
            agenda.document = document
        previous = agenda.status
        agenda.status = status
        agenda.save(update_fields=["status", "document"])
        if status == Agenda.Status.PROVISIONAL and agenda.document.status == Document.Status.DRAFT:
            # Printed from the agenda it now belongs to (a worker may print it at once).
            issue_document(agenda.document, languages=agenda.document.version_languages(), by=by)
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
