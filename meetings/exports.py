"""Files that spreadsheet programs open: CSV and XLSX, from the same rows.

A cell that starts like a formula (= + - @, a tab or a carriage return) must stay the text that was typed.
XLSX has types: such text is stored as a string cell with the quote-prefix style, which spreadsheet programs
show without any mark and never evaluate. CSV has no types: a program decides what each field is as it opens
the file, so the only defence is to change the text itself, by a leading apostrophe (OWASP's advice).
"""

import datetime
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

# A cell that starts with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Column widths, in characters: from the longest value, within these bounds; longer text wraps.
MIN_WIDTH, MAX_WIDTH = 8, 60


def neutralize(value):
    """Make text that a spreadsheet would run as a formula plain text, by a leading apostrophe (for CSV)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_value(value):
    """A value of a row as CSV writes it: dates in ISO form, formula-like text neutralized."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return neutralize(value)


def csv_rows(header, rows):
    yield list(header)
    for row in rows:
        yield [csv_value(value) for value in row]


def xlsx(title, header, rows):
    """An XLSX workbook of one sheet: a styled header row that stays in view, a filter on every column, widths
    from the content, dates as date cells, text as text (formula-like text with the quote prefix). `rows` hold
    plain values: text, numbers, dates, naive datetimes (in local time), None."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    widths = [len(str(label)) for label in header]
    sheet.append([str(label) for label in header])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            _set(cell, value)
            widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
        if width > MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set(cell, value):
    if isinstance(value, datetime.datetime):
        cell.value, cell.number_format = value, DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value, cell.number_format = value, DATE_FORMAT
    elif isinstance(value, str):
        # XLSX cannot hold control characters (e.g. the vertical tab of a line break pasted from a word processor).
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        # openpyxl types text that starts with "=" as a formula: it is text.
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    else:
        cell.value = value


def _width(value):
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)
