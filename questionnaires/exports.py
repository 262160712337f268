"""All responses of a questionnaire as rows, for CSV and XLSX (meetings.exports), labelled in the reader's
language (the active one)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import exports

from .models import Answer, ImplementationStatus


def _header():
    return [
        _("State"),
        _("Response status"),
        _("Recommendation"),
        _("Question"),
        _("Status of implementation"),
        _("Measures taken"),
        _("Last changed"),
        _("Submitted on"),
        _("Posted on"),
    ]


def _local(moment):
    # Spreadsheets have no time zones: the local time of the portal, as its pages show it.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _values(questionnaire):
    """One row per answer of every response, drafts included and said so in the status column (one query)."""
    statuses = dict(ImplementationStatus.choices)
    answers = (
        Answer.objects.filter(response__questionnaire=questionnaire)
        .select_related("response__member_state", "question__recommendation")
        .order_by("response__member_state__name", "question__position")
    )
    for answer in answers:
        response, question = answer.response, answer.question
        yield [
            response.member_state.name,
            str(response.get_status_display()),
            question.recommendation.number if question.recommendation else None,
            question.recommendation.text if question.recommendation else question.text,
            str(statuses.get(answer.status, "")),
            answer.text,
            _local(response.updated_at),
            _local(response.submitted_at),
            _local(response.posted_at),
        ]


def responses_rows(questionnaire):
    """A header, then the rows, as CSV writes them."""
    return exports.csv_rows(_header(), _values(questionnaire))


def responses_xlsx(questionnaire):
    return exports.xlsx(_("Responses"), _header(), _values(questionnaire))
