"""Excel-friendly exports: CSV (UTF-8 with BOM, semicolons) and XLSX.

No cell can run as a formula, client texts pass the privacy guard's redaction, and the
worker's identity is left out unless the organisation's export settings allow it.

CSV has no cell types, so a text a spreadsheet would read as a formula is defused as
defusedcsv does (OWASP's advice): a leading = + - @ | % (or a tab or line break) gets a
quote before it, and | is escaped, which also stops DDE payloads (=cmd|' /C calc'!A0).
The few lines are kept here rather than adding the package for them.

XLSX cells are typed: a text is written as a text cell, never as a formula, so it needs no
quote and reads back exactly as written. Characters XML 1.0 forbids (control characters,
U+FFFE, U+FFFF) are dropped from every text, or the file would not open.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "|", "%", "\t", "\r", "\n")
MAX_EXPORT_ROWS = 100_000
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """The text without the characters an XML 1.0 document cannot hold."""
    return _XML_ILLEGAL.sub("", value)


def safe_cell(value):
    """A CSV cell that no spreadsheet runs as a formula (defusedcsv's rule)."""
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


def _xlsx_row(sheet, row: list) -> list:
    cells = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=xml_text(value))
            cell.data_type = "s"  # a text, even when it starts with "="
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def xlsx_bytes(sheet_title: str, header: list[str], rows: Iterable[list]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=xml_text(sheet_title)[:31])
    sheet.append(_xlsx_row(sheet, header))
    for row in rows:
        sheet.append(_xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
