"""The XLSX and CSV of the responses: a spreadsheet the secretariat can use as it opens."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from questionnaires.models import Response
from tests.factories import answered, open_questionnaire, secretariat_user


@pytest.fixture
def exported(client, db):
    questionnaire = open_questionnaire()
    posted = answered(questionnaire, "ECU", text="- 3 officers trained", post=True)
    Response.objects.filter(pk=posted.pk).update(
        submitted_at=datetime.datetime(2024, 6, 20, 14, 5, tzinfo=datetime.UTC),
        posted_at=datetime.datetime(2024, 6, 21, 9, 30, tzinfo=datetime.UTC),
    )
    answered(questionnaire, "MEX", text="Ley aprobada.")  # a draft
    client.force_login(secretariat_user())

    def download(format, language="en"):
        return client.get(reverse("questionnaires:export", args=["honlac", 32, format]), HTTP_ACCEPT_LANGUAGE=language)

    return download


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_xlsx_header_is_styled_frozen_and_filtered(exported):
    sheet = sheet_of(exported("xlsx"))
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "State",
        "Response status",
        "Recommendation",
        "Question",
        "Status of implementation",
        "Measures taken",
        "Last changed",
        "Submitted on",
        "Posted on",
    ]
    assert all(cell.font.b for cell in sheet[1])
    assert {cell.fill.fgColor.rgb for cell in sheet[1]} == {"001F3A5F"}
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I7"  # the header and 2 States × 3 answers


def test_xlsx_columns_are_as_wide_as_their_content_within_bounds(exported):
    sheet = sheet_of(exported("xlsx"))
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"}
    assert (widths["A"], widths["B"]) == (len("Ecuador") + 2, len("Response status") + 2)
    assert widths["C"] == len("Recommendation") + 2
    assert widths["D"] == len("Governments should strengthen early warning systems (1).") + 2
    assert widths["G"] == len("yyyy-mm-dd hh:mm") + 2
    assert all(8 <= width <= 60 for width in widths.values())


def test_xlsx_dates_are_date_cells_in_local_time(exported, settings):
    sheet = sheet_of(exported("xlsx"))
    ecuador = [row for row in sheet.iter_rows(min_row=2) if row[0].value == "Ecuador"]
    submitted, posted = ecuador[0][7], ecuador[0][8]
    local = timezone.localtime(datetime.datetime(2024, 6, 20, 14, 5, tzinfo=datetime.UTC)).replace(tzinfo=None)
    assert (submitted.data_type, submitted.value, submitted.number_format) == ("d", local, "yyyy-mm-dd hh:mm")
    assert posted.is_date
    mexico = [row for row in sheet.iter_rows(min_row=2) if row[0].value == "Mexico"]
    assert mexico[0][7].value is None  # a draft was never submitted


def test_xlsx_shows_formula_like_text_as_typed_in_a_text_cell(exported):
    sheet = sheet_of(exported("xlsx"))
    measures = sheet.cell(row=2, column=6)
    assert (measures.value, measures.data_type, measures.quotePrefix) == ("- 3 officers trained", "s", True)
    plain = sheet.cell(row=5, column=6)
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Ley aprobada.", "s", False)


def test_xlsx_says_which_responses_are_drafts(exported):
    sheet = sheet_of(exported("xlsx"))
    assert {(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)} == {
        ("Ecuador", "Posted"),
        ("Mexico", "Draft"),
    }


def test_xlsx_is_labelled_in_the_reader_s_language(exported):
    sheet = sheet_of(exported("xlsx", language="fr"))
    assert sheet.title == "Réponses"
    assert [cell.value for cell in sheet[1]][:2] == ["État", "Statut de la réponse"]
    assert sheet.cell(row=2, column=1).value == "Équateur"
    assert sheet.cell(row=2, column=2).value == "Publiée"
    assert sheet.cell(row=2, column=4).value.startswith("Les gouvernements devraient")


def test_csv_holds_the_same_content_with_formula_like_text_neutralized(exported):
    rows = list(csv.reader(io.StringIO(exported("csv").content.decode("utf-8-sig"), newline="")))
    sheet = sheet_of(exported("xlsx"))
    assert rows[0] == [cell.value for cell in sheet[1]]
    assert len(rows) == sheet.max_row
    ecuador = rows[1]
    local = timezone.localtime(datetime.datetime(2024, 6, 20, 14, 5, tzinfo=datetime.UTC))
    assert ecuador[5] == "'- 3 officers trained"  # CSV has no types: the apostrophe is the only defence
    assert ecuador[7] == local.strftime("%Y-%m-%d %H:%M")
    assert rows[4][7] == ""
