"""The compiled analysis of the responses: a conference room paper of the questionnaire's meeting (meeting N+1)
that gives, for each recommendation of meeting N, how many States reported each status, how that moved since the
previous cycle, and the measures each State reported.

It counts what the meeting reads: the posted responses only, as at the moment of its data (`data_as_of`), through
questionnaires.implementation like the matrix and the charts. It is a Document like any other (meetings.issuing):
a draft until issued; generated again while a draft, it takes the data of the moment; once issued it never changes,
and generating again makes a revision (`/Rev.1`) with the responses posted since, or is refused when none was.

What it holds is compiled in questionnaires.summary (`compile_analysis`), printed by questionnaires.documents
(`render_analysis`, a kind of honlac.printing.PRINTED_KINDS).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import log_action
from meetings.models import Document

from .models import Questionnaire, Response


def analysis_title(questionnaire, language):
    with translation.override(language):
        return _(
            "Compiled analysis of the responses to the questionnaire on the implementation of the recommendations "
            "adopted by the %(meeting)s"
        ) % {"meeting": questionnaire.source_meeting.full_title(language)}


def current_analysis(questionnaire):
    """The latest part of the questionnaire's analysis (the paper or its latest revision), or None. One query."""
    parts = Document.objects.filter(
        meeting_id=questionnaire.meeting_id,
        printed_as=Document.PrintedAs.ANALYSIS,
        relation__in=["", Document.Relation.REVISION],
    )
    return max(parts, key=lambda part: (part.relation_number or 0, part.pk), default=None)


def posted_since(questionnaire, document):
    """How many responses were posted after the data of `document` were taken: an analysis that has any is out of
    date. A revision drafted from the document's page has no moment of its data: while a draft it prints the data
    of now; once issued, those of the moment it was issued."""
    moment = document.data_as_of
    if moment is None:
        if not document.is_issued:
            return 0
        moment = document.updated_at
    return questionnaire.responses.filter(status=Response.Status.POSTED, posted_at__gt=moment).count()


def dashboard_state(questionnaire):
    """What the questionnaire's page shows of the analysis: `analysis`, its latest part (or None), and
    `analysis_posted_since`, the responses posted after its data were taken. Two queries at most."""
    document = current_analysis(questionnaire)
    return {
        "analysis": document,
        "analysis_posted_since": posted_since(questionnaire, document) if document is not None else 0,
    }


def generate_analysis(questionnaire, *, by, at=None):
    """Compile the analysis of `questionnaire`'s posted responses, or bring it up to date.

    The analysis is a conference room paper of the questionnaire's meeting (`/CRP.n`), filed under the agenda item
    on the implementation of the recommendations. While a draft, generated again, it keeps its symbol and takes the
    date and data of `at` (now by default). Once issued it never changes: generating again drafts a revision
    (`/Rev.1`) with the data of `at`, brought up to date in turn while it is a draft; refused when no response was
    posted after the data of the issued part were taken, and when no response is posted at all.
    Side effects: creates or updates the Document (or its revision); records it in the audit trail. Returns it.
    """
    from agendas.models import AgendaItem, Purpose
    from meetings.issuing import create_revision
    from meetings.services import register_document

    at = at or timezone.now()
    with transaction.atomic():
        # Two officers generating at once: the second waits, then brings the first one's document up to date.
        questionnaire = (
            Questionnaire.objects.select_for_update(of=("self",))
            .select_related("meeting__body", "source_meeting__body")
            .get(pk=questionnaire.pk)
        )
        meeting = questionnaire.meeting
        if not questionnaire.responses.filter(status=Response.Status.POSTED).exists():
            raise ValidationError(_("No response is posted yet: post responses before compiling the analysis."))
        document = current_analysis(questionnaire)
        # A draft brought up to date is recorded so; a new paper or revision is recorded as it is registered.
        regenerated = document is not None and not document.is_issued
        if document is not None and document.is_issued:
            if not posted_since(questionnaire, document):
                raise ValidationError(
                    _(
                        "The analysis %(symbol)s is issued and no response was posted after its data were taken: "
                        "there is nothing to revise."
                    )
                    % {"symbol": document.symbol}
                )
            document = create_revision(document, by=by)
        elif document is None:
            document = Document(
                meeting=meeting,
                kind=Document.Kind.CONFERENCE_ROOM_PAPER,
                # It reproduces the measures of the posted responses, which only the meeting's participants read.
                distribution=Document.Distribution.RESTRICTED,
                original_language=meeting.body.original_language,
                printed_as=Document.PrintedAs.ANALYSIS,
            )
            document.agenda_item = AgendaItem.objects.filter(
                agenda__meeting=meeting, parent=None, purpose=Purpose.RECOMMENDATIONS_REVIEW
            ).first()
        document.issue_date = timezone.localdate(at)
        document.data_as_of = at
        for code in meeting.body.working_languages:
            setattr(document, f"title_{code}", analysis_title(questionnaire, code))
        if document.pk is None:
            register_document(document, by=by)
        else:
            document.save()
        if regenerated:
            posted = questionnaire.responses.filter(status=Response.Status.POSTED, posted_at__lte=at).count()
            log_action(document, "document.regenerated", by=by, data={"posted_responses": posted})
    return document
