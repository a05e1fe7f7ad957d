"""Parsing a CSV of encounter totals per unit and day, as exported from a patient record
system's statistics. All or nothing: any error rejects the whole file, each error with its
line number."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from encounters.models import Unit

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
MAX_ERRORS = 50

# Header names accepted for each column, in Finnish, Swedish and English (lowercase).
COLUMNS = {
    "unit": {"unit", "yksikkö", "yksikko", "enhet", "toimipiste"},
    "day": {"date", "day", "päivämäärä", "paivamaara", "pvm", "päivä", "paiva", "datum", "dag"},
    "total": {
        "encounters",
        "total",
        "count",
        "käynnit",
        "kaynnit",
        "kohtaamiset",
        "käyntimäärä",
        "lukumäärä",
        "lkm",
        "besök",
        "antal",
    },
}
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


@dataclass
class ParsedTotals:
    rows: dict[tuple[int, date], int] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((line, message))


def _decode(raw: bytes, result: ParsedTotals) -> str | None:
    if b"\x00" in raw:
        result.error(1, _("The file is not a text file. Save it as CSV and try again."))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        result.error(
            line,
            _(
                "The file is not in UTF-8 encoding. In Excel, save it as “CSV UTF-8 "
                "(comma delimited)” and try again."
            ),
        )
        return None


def _header_map(header: list[str], result: ParsedTotals) -> dict[str, int] | None:
    names = [name.strip().lower() for name in header]
    found = {}
    for column, aliases in COLUMNS.items():
        positions = [index for index, name in enumerate(names) if name in aliases]
        if len(positions) == 1:
            found[column] = positions[0]
    if len(found) != len(COLUMNS):
        result.error(
            1,
            _(
                "The first line must name the columns unit, date and encounters "
                "(for example yksikkö;päivämäärä;käynnit). Found: %(found)s."
            )
            % {"found": ", ".join(name for name in names if name) or "–"},
        )
        return None
    return found


def _parse_day(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    return None


def _find_unit(value: str, units: dict[str, Unit]) -> Unit | None:
    key = value.strip().lower()
    return units.get(key)


def encounter_totals_parse(*, raw: bytes, units: list[Unit]) -> ParsedTotals:
    """Parse and check every line; `units` are the units the importing manager manages."""
    result = ParsedTotals()
    if len(raw) > MAX_BYTES:
        result.error(1, _("The file is too large (at most 5 MB)."))
        return result
    text = _decode(raw, result)
    if text is None:
        return result
    if not text.strip():
        result.error(1, _("The file is empty."))
        return result
    first_line = text.splitlines()[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error:
        result.error(1, _("The first line could not be read as CSV."))
        return result
    columns = _header_map(header, result)
    if columns is None:
        return result
    lookup: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.slug, unit.name, unit.name_sv, unit.name_en):
            if name:
                lookup[name.strip().lower()] = unit
    today = timezone.localdate()
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(result.rows) >= MAX_ROWS:
                result.error(line, _("The file has too many lines (at most 100 000)."))
                break
            if len(record) != len(header):
                result.error(
                    line,
                    _("The line has %(found)d fields; the first line has %(expected)d.")
                    % {"found": len(record), "expected": len(header)},
                )
                continue
            unit_value = record[columns["unit"]]
            unit = _find_unit(unit_value, lookup)
            if unit is None:
                result.error(
                    line,
                    _("“%(unit)s” is not one of the units you manage.") % {"unit": unit_value[:80]},
                )
            day = _parse_day(record[columns["day"]])
            if day is None:
                result.error(
                    line,
                    _("“%(value)s” is not a date. Write dates as 31.12.2026 or 2026-12-31.")
                    % {"value": record[columns["day"]][:40]},
                )
            elif day > today:
                result.error(
                    line, _("The date %(day)s is in the future.") % {"day": f"{day:%d.%m.%Y}"}
                )
            total_value = record[columns["total"]].strip().replace("\u00a0", "").replace(" ", "")
            if not total_value.lstrip("-").isdigit():
                result.error(
                    line,
                    _("“%(value)s” is not a whole number of encounters.")
                    % {"value": total_value[:40]},
                )
                continue
            total = int(total_value)
            if total < 0:
                result.error(line, _("The number of encounters cannot be negative."))
                continue
            if unit is None or day is None or day > today:
                continue
            if (unit.pk, day) in result.rows:
                result.error(
                    line,
                    _("The unit and date are already on an earlier line of the file."),
                )
                continue
            result.rows[(unit.pk, day)] = total
    except csv.Error as error:
        result.error(
            reader.line_num, _("The line could not be read as CSV: %(error)s") % {"error": error}
        )
    if not result.errors and not result.rows:
        result.error(2, _("The file has no lines of figures after the first line."))
    return result
