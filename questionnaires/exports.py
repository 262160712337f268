"""All responses of a questionnaire as rows, for CSV and XLSX."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from meetings.exports import neutralize

from .models import Answer, ImplementationStatus


def responses_rows(questionnaire):
    """A header, then one row per answer of every response (one query)."""
    statuses = dict(ImplementationStatus.choices)
    yield [
        _("State"),
        _("Response status"),
        _("Recommendation"),
        _("Question"),
        _("Status of implementation"),
        _("Measures taken"),
        _("Last changed"),
    ]
    answers = (
        Answer.objects.filter(response__questionnaire=questionnaire)
        .select_related("response__member_state", "question__recommendation")
        .order_by("response__member_state__name", "question__position")
    )
    for answer in answers:
        response, question = answer.response, answer.question
        yield [
            neutralize(response.member_state.name),
            str(response.get_status_display()),
            question.recommendation.number if question.recommendation else "",
            neutralize(question.recommendation.text if question.recommendation else question.text),
            str(statuses.get(answer.status, "")),
            neutralize(answer.text),
            response.updated_at.strftime("%Y-%m-%d %H:%M") if response.updated_at else "",
        ]


def responses_xlsx(questionnaire):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Responses")[:31]
    for row in responses_rows(questionnaire):
        # XLSX cannot hold control characters (e.g. the vertical tab of a line break pasted from a word processor).
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row])
    # openpyxl would store a neutralized "'=..." as text anyway; make sure no cell is typed as a formula.
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
