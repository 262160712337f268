"""The transmittal note: the document that carries the posted responses to the meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.audit import log_action

from .models import Questionnaire, Response
from .reproduced import reproduced_since


def transmittal_title(questionnaire, language):
    meeting = questionnaire.source_meeting
    with translation.override(language):
        if meeting.body.meeting_noun_is_masculine(language):
            title = pgettext(
                "masculine meeting noun",
                "Implementation of the recommendations adopted by the %(meeting)s: responses to the questionnaire",
            )
        else:
            title = _(
                "Implementation of the recommendations adopted by the %(meeting)s: responses to the questionnaire"
            )
        return title % {"meeting": meeting.full_title(language)}


def with_transmittal_state(questionnaires):
    """`questionnaires` annotated with `transmittal_as_of`, the moment of the data of the transmittal note's latest
    part (the note or its latest addendum), and `posted_since_note`, the responses posted after it: a note that
    has any is out of date, to be generated again (or given an addendum, once issued). Subqueries: the count
    does not grow with the rows. Each is unordered: grouped, the models' ordering would join their meetings and
    States for nothing, and group the addenda apart, one row each."""
    from meetings.models import Document

    addenda = (
        Document.objects.filter(parent=OuterRef("transmittal_note"), relation=Document.Relation.ADDENDUM)
        .order_by()
        .values("parent")
        .annotate(latest=Max("data_as_of"))
        .values("latest")
    )
    as_of = Greatest(F("transmittal_generated_at"), Coalesce(Subquery(addenda), F("transmittal_generated_at")))
    posted_after = (
        Response.objects.filter(
            questionnaire=OuterRef("pk"), status=Response.Status.POSTED, posted_at__gt=OuterRef("transmittal_as_of")
        )
        .order_by()
        .values("questionnaire")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return questionnaires.annotate(transmittal_as_of=as_of).annotate(
        posted_since_note=Coalesce(Subquery(posted_after, output_field=IntegerField()), 0)
    )


def generate_transmittal_note(questionnaire, *, by, at=None):
    """Create the transmittal note of `questionnaire`, or bring it up to date with the responses posted since.

    The note is a document of the questionnaire's meeting, filed under the agenda item on the implementation
    of the recommendations, with its own symbol. While a draft, generated again, it keeps that symbol and takes
    the new date and every response posted until now. Once issued it never changes: the responses posted after
    it go to an addendum (`/Add.1`), generated the same way (see README).
    `at` is the moment of the data (now by default).
    Side effects: creates or updates the Document (or its addendum); records the moment of generation, and the
    new or changed document in the audit trail. Returns the document (or the addendum).
    """
    from agendas.models import AgendaItem, Purpose
    from meetings.models import Document
    from meetings.services import register_document

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
        if questionnaire.transmittal_note is not None and questionnaire.transmittal_note.is_issued:
            return _generate_addendum(questionnaire, questionnaire.transmittal_note, by=by, at=at)
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
        document.data_as_of = at
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
            register_document(document, by=by)
        questionnaire.transmittal_note = document
        questionnaire.transmittal_generated_at = at
        questionnaire.save(update_fields=["transmittal_note", "transmittal_generated_at"])
    return document


def _generate_addendum(questionnaire, note, *, by, at):
    """The addendum of the issued note `note` with the responses posted since its last issued part (the note or
    an addendum): the draft addendum brought up to date, or a new one."""
    from meetings.issuing import create_addendum
    from meetings.models import Document

    addenda = list(note.children.filter(relation=Document.Relation.ADDENDUM).order_by("relation_number"))
    draft = addenda[-1] if addenda and not addenda[-1].is_issued else None
    since = reproduced_since(note, [addendum for addendum in addenda if addendum.is_issued], questionnaire)
    posted = questionnaire.responses.filter(status=Response.Status.POSTED, posted_at__gt=since, posted_at__lte=at)
    if not posted.exists():
        raise ValidationError(
            _("No response was posted after the note or its last addendum was issued: there is nothing to add.")
        )
    if draft is None:
        draft = create_addendum(
            note,
            by=by,
            printed_as=Document.PrintedAs.TRANSMITTAL_NOTE,
            data_as_of=at,
            issue_date=timezone.localdate(at),
        )
    else:
        draft.data_as_of = at
        draft.issue_date = timezone.localdate(at)
        draft.save(update_fields=["data_as_of", "issue_date", "updated_at"])
        log_action(draft, "document.regenerated", by=by, data={"posted_responses": posted.count()})
    return draft
