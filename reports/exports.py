"""Excel-friendly exports: CSV (UTF-8 with BOM, semicolons) and XLSX.

Every cell that a spreadsheet could read as a formula is neutralised, client texts pass the
privacy guard's redaction, and the worker's identity is left out unless the organisation's
export settings allow it.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_EXPORT_ROWS = 100_000


def safe_cell(value):
    """Neutralise formula injection: a text cell never starts with a formula character."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if value.startswith(FORMULA_START):
            return "'" + value
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


def xlsx_bytes(sheet_title: str, header: list[str], rows: Iterable[list]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([safe_cell(cell) for cell in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
