"""Business actions on meetings and documents."""

import logging
import posixpath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action

from .issued_files import current_files
from .models import Document, DocumentFile, Meeting
from .symbols import assign_symbol, lock_meeting, reserve_agenda_symbol

logger = logging.getLogger(__name__)

# Sent (sender: Meeting, meeting=, by=) inside the transaction that saves a meeting whose host State was chosen or
# changed. A meeting knows nothing of the offers to host it: agendas.hosting answers it, accepting the host's
# offer and telling the other offerers, in the same transaction.
host_state_chosen = Signal()


def create_meeting(meeting, *, participating_states, by):
    """Save a new meeting (built by the form) with its participating States.

    Side effects: saves the meeting and its States; reserves its symbol /1 for the provisional agenda
    (meetings.symbols); records its creation and the reservation in the audit trail; a host State chosen accepts
    its offer and tells the other offerers (`host_state_chosen`).
    """
    with transaction.atomic():
        meeting.save()
        meeting.participating_states.set(participating_states)
        log_action(meeting, "meeting.created", by=by)
        reserve_agenda_symbol(meeting, by=by)
        if meeting.host_state_id is not None:
            host_state_chosen.send(sender=Meeting, meeting=meeting, by=by)
    return meeting


def update_meeting(meeting, *, participating_states, by):
    """Save the changes to a meeting (made on the instance by the form) and its participating States.

    Side effects: saves the meeting; records the names of the fields that changed in the audit trail; a host State
    chosen accepts its offer and tells the other offerers (`host_state_chosen`).
    """
    with transaction.atomic():
        fields = changed_fields(meeting)
        meeting.save()
        if "host_state" in fields and meeting.host_state_id is not None:
            host_state_chosen.send(sender=Meeting, meeting=meeting, by=by)
        before = set(meeting.participating_states.values_list("pk", flat=True))
        meeting.participating_states.set(participating_states)
        if before != {state.pk for state in participating_states}:
            fields.append("participating_states")
        log_action(meeting, "meeting.changed", by=by, data={"fields": fields})
    return meeting


def set_body_member_states(body, *, member_states, by):
    """Make `member_states` the member States of `body`.

    Side effects: saves the States of the body; records the States added and removed (their codes) in the
    audit trail, if any.
    """
    with transaction.atomic():
        before = dict(body.member_states.values_list("pk", "code"))
        after = {state.pk: state.code for state in member_states}
        body.member_states.set(member_states)
        added = sorted(code for pk, code in after.items() if pk not in before)
        removed = sorted(code for pk, code in before.items() if pk not in after)
        if added or removed:
            log_action(
                body, "body.member_states_changed", by=by, data={"states_added": added, "states_removed": removed}
            )
    return body


def create_document(meeting, *, kind, by, **fields):
    """Create a document of `meeting` with the next symbol of its series (see `register_document`)."""
    document = Document(meeting=meeting, kind=kind, **fields)
    document.full_clean(exclude=["number", "symbol"])
    return register_document(document, by=by)


def register_document(document, *, by):
    """Number an unsaved document in its meeting's series and save it, a draft (the rules: meetings.symbols;
    issuing it: meetings.issuing).

    Side effects: locks the meeting row while numbering, so two documents issued at once never share a
    symbol; saves the document and its entry in the registry of symbols (the agenda takes the reserved /1);
    records its registration, with its symbol, in the audit trail.
    """
    with transaction.atomic():
        lock_meeting(document.meeting)
        assign_symbol(document)
        log_action(
            document,
            "document.registered",
            by=by,
            data={
                "kind": document.kind,
                "distribution": document.distribution,
                "title": document.title_en or "",
                "symbol": document.symbol,
            },
        )
    return document


def update_document(document, *, by):
    """Save the changes to a document's data (made on the instance by the form).

    Side effects: saves the document; records the names of the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(document)
        document.save()
        log_action(document, "document.changed", by=by, data={"fields": fields})
    return document


def attach_document_file(document, *, language, file, by, generated=False):
    """Store `file` as the `language` version of `document`, replacing the previous file of that language.

    Side effects: saves the file to storage; the replaced file is deleted once the transaction commits; the
    change is recorded in the audit trail.
    """
    if language not in document.meeting.body.working_languages:
        raise ValidationError(_("%(language)s is not a working language of this body.") % {"language": language})
    with transaction.atomic():
        version, created = DocumentFile.objects.select_for_update().get_or_create(
            document=document,
            language=language,
            superseded_at=None,
            defaults={"file": file, "generated": generated, "uploaded_by": by},
        )
        if not created and version.issued_at is not None:
            raise ValidationError(
                _("The %(language)s version is issued: it is changed by a revision, a corrigendum or a reissue.")
                % {"language": version.get_language_display()}
            )
        if not created:
            old_name = version.file.name
            version.file = file
            version.generated = generated
            version.uploaded_by = by
            version.save(update_fields=["file", "generated", "uploaded_by", "uploaded_at"])
            storage = version.file.storage
            if old_name and old_name != version.file.name:
                transaction.on_commit(lambda: storage.delete(old_name))
        log_action(
            document,
            "document.file_attached",
            by=by,
            data={
                "language": language,
                "file": posixpath.basename(version.file.name),
                "generated": generated,
                "replaced": not created,
            },
        )
    return version


def create_next_meeting(meeting, *, by):
    """Create meeting N+1 of the body of `meeting`, with the same participating States.

    Its draft agenda is the agendas app's (agendas.services.open_next_meeting, which the page calls).
    Side effects: creates the meeting (planned, no venue or dates yet) and reserves its symbol /1 for the
    provisional agenda; records the opening and the reservation in the audit trail.
    Raises ValidationError when it already exists.
    """
    with transaction.atomic():
        if Meeting.objects.filter(body=meeting.body, number=meeting.number + 1).exists():
            raise ValidationError(_("The next meeting of this series already exists."))
        next_meeting = Meeting.objects.create(body=meeting.body, number=meeting.number + 1)
        next_meeting.participating_states.set(meeting.participating_states.all())
        log_action(next_meeting, "meeting.opened_next", by=by, data={"from_meeting": meeting.number})
        reserve_agenda_symbol(next_meeting, by=by)
    return next_meeting


def fresh_file(document, language):
    """The stored file of a language version: the issued file; else an upload, or a draft print made since the
    document changed."""
    version = current_files(document).get(language)
    if version is None or version.issued_at is not None:
        return version
    if version.generated and version.uploaded_at < document.updated_at:
        return None
    return version
