"""The transmittal note: the document that carries the posted responses to the meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import log_action

from .models import Questionnaire, Response


def transmittal_title(questionnaire, language):
    with translation.override(language):
        return _("Implementation of the recommendations adopted by the %(meeting)s: responses to the questionnaire") % {
            "meeting": questionnaire.source_meeting.full_title(language)
        }


def generate_transmittal_note(questionnaire, *, by, at=None):
    """Create the transmittal note of `questionnaire`, or bring it up to date with the responses posted since.

    The note is a document of the questionnaire's meeting, filed under the agenda item on the implementation
    of the recommendations, with its own symbol; generated again, it keeps that symbol and takes the new date
    and every response posted until now (see README: the note is replaced, not amended). `at`, the moment of
    generation (now by default), dates the note and bounds the responses it counts.
    Side effects: creates or updates the Document; records the moment of generation, and the new or changed
    document in the audit trail. Returns the document.
    """
    from agendas.models import AgendaItem, Purpose
    from meetings.models import Document
    from meetings.services import issue_new_document

    meeting = questionnaire.meeting
    at = at or timezone.now()
    with transaction.atomic():
        questionnaire = (
            Questionnaire.objects.select_for_update(of=("self",))
            .select_related("transmittal_note")
            .get(pk=questionnaire.pk)
        )
        if not questionnaire.responses.filter(status=Response.Status.POSTED).exists():
            raise ValidationError(_("No response is posted yet: post responses before generating the note."))
        item = AgendaItem.objects.filter(
            agenda__meeting=meeting, parent=None, purpose=Purpose.RECOMMENDATIONS_REVIEW
        ).first()
        document = questionnaire.transmittal_note or Document(
            meeting=meeting,
            kind=Document.Kind.NOTE,
            distribution=Document.Distribution.RESTRICTED,
            original_language=meeting.body.original_language,
            printed_as=Document.PrintedAs.TRANSMITTAL_NOTE,
        )
        document.issue_date = timezone.localdate(at)
        document.agenda_item = item
        for code in meeting.body.working_languages:
            setattr(document, f"title_{code}", transmittal_title(questionnaire, code))
        if document.pk:
            document.save()
            log_action(
                document,
                "document.regenerated",
                by=by,
                data={"posted_responses": questionnaire.responses.filter(status=Response.Status.POSTED).count()},
            )
        else:
            issue_new_document(document, by=by)
        questionnaire.transmittal_note = document
        questionnaire.transmittal_generated_at = at
        questionnaire.save(update_fields=["transmittal_note", "transmittal_generated_at"])
    return document
