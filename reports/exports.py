"""Excel-friendly exports: CSV (UTF-8 with BOM, semicolons) and XLSX.

No cell can run as a formula, client texts pass the privacy guard's redaction, and the
worker's identity is left out unless the organisation's export settings allow it.

CSV has no cell types, so a text a spreadsheet would read as a formula is defused as
defusedcsv does (OWASP's advice): a leading = + - @ | % (or a tab or line break) gets a
quote before it, and | is escaped, which also stops DDE payloads (=cmd|' /C calc'!A0).
The few lines are kept here rather than adding the package for them.

XLSX cells are typed: a text is written as a text cell, never as a formula, so it needs no
quote and reads back exactly as written. Characters XML 1.0 forbids (control characters,
U+FFFE, U+FFFF) are dropped from every text, or the file would not open. Times and dates are
real date cells (Finnish number formats), so a spreadsheet sorts and filters them as dates;
the sheet has its header frozen, a filter on it and columns as wide as their first rows.
CSV writes the same times as Finnish text.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "|", "%", "\t", "\r", "\n")
MAX_EXPORT_ROWS = 100_000
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DATETIME_FORMAT = "d.m.yyyy h:mm"
DATE_FORMAT = "d.m.yyyy"
# Column widths come from the header and this many first rows, within these bounds
# (in characters); longer texts wrap in the spreadsheet rather than widen the column.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60


def xml_text(value: str) -> str:
    """The text without the characters an XML 1.0 document cannot hold."""
    return _XML_ILLEGAL.sub("", value)


def safe_cell(value):
    """A CSV cell that no spreadsheet runs as a formula (defusedcsv's rule)."""
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y %H.%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if value.startswith(FORMULA_START):
            return "'" + value.replace("|", "\\|")
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """Rows as CSV text chunks: BOM first so Excel reads UTF-8, semicolons, CRLF."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def _xlsx_row(sheet, row: list, *, header: bool = False) -> list:
    cells = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=xml_text(value))
            cell.data_type = "s"  # a text, even when it starts with "="
            if header:
                cell.font = Font(bold=True)
        elif isinstance(value, datetime):
            cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
        else:
            cell = value
        cells.append(cell)
    return cells


def _display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(header: list[str], rows: list[list]) -> list[int]:
    """Each column as wide as its widest sample cell, within MIN_WIDTH..MAX_WIDTH."""
    widths = [_display_width(title) for title in header]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _display_width(value))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def xlsx_bytes(sheet_title: str, header: list[str], rows: Iterable[list]) -> bytes:
    """One sheet: a bold, frozen header with a filter, sized columns, typed cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=xml_text(sheet_title)[:31])
    rows = iter(rows)
    # A write-only sheet takes its widths before the first row: size them on a sample.
    first = list(islice(rows, WIDTH_SAMPLE_ROWS))
    for index, width in enumerate(column_widths(header, first), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_xlsx_row(sheet, header, header=True))
    count = 0
    for row in first:
        sheet.append(_xlsx_row(sheet, row))
        count += 1
    for row in rows:
        sheet.append(_xlsx_row(sheet, row))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
