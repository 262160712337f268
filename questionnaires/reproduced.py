"""Which posted responses each part of a transmittal note reproduces: the note, those posted until its data were
taken; each addendum, those posted after the note's last issued part and until its own (questionnaires.transmittal).
"""

from meetings.models import Document

from .models import Questionnaire, Response


def reproduced_since(note, issued_parts, questionnaire):
    """The moment after which the responses of the next addendum of `note` were posted: that of the data of the
    note's last issued part."""
    moments = [part.data_as_of for part in [note, *issued_parts] if part.data_as_of is not None]
    return max(moments) if moments else questionnaire.transmittal_generated_at


def reproduced_responses(document, questionnaire):
    """The posted responses that the transmittal note `document` (or its addendum) reproduces."""
    responses = questionnaire.responses.filter(status=Response.Status.POSTED)
    until = document.data_as_of or questionnaire.transmittal_generated_at
    if until is not None:
        responses = responses.filter(posted_at__lte=until)
    if document.relation == Document.Relation.ADDENDUM:
        earlier = document.parent.children.filter(
            relation=Document.Relation.ADDENDUM, relation_number__lt=document.relation_number
        )
        responses = responses.filter(posted_at__gt=reproduced_since(document.parent, list(earlier), questionnaire))
    return responses


def questionnaire_of(document):
    """The questionnaire whose transmittal note is `document`, or whose note `document` is an addendum to."""
    note = document.parent if document.relation == Document.Relation.ADDENDUM else document
    return Questionnaire.objects.filter(transmittal_note=note).select_related("meeting__body", "source_meeting__body")
