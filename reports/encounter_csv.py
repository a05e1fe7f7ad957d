"""Parsing a CSV of encounter totals per unit and day, as exported from a patient record
system's statistics. All or nothing: any error rejects the whole file, each error with its
line number."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from encounters.models import Unit

from .filters import FIRST_DAY

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


# More than any unit has in a day; also far below the database column's limit.
MAX_TOTAL = 1_000_000


class EncounterTotalRow(forms.Form):
    """One line's date and number of encounters, checked as form fields are: a value that
    is not a date or a whole number, or lies outside the bounds, is a form error."""

    day = forms.DateField(input_formats=DATE_FORMATS)
    total = forms.IntegerField(min_value=0, max_value=MAX_TOTAL)

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise ValidationError("future", code="future")
        if day < FIRST_DAY:
            raise ValidationError("too early", code="too_early")
        return day


def _row_errors(row: EncounterTotalRow, *, raw_day: str, raw_total: str) -> list[str]:
    """The row form's errors in the import's own words, with the offending value."""
    messages = []
    for name, errors in row.errors.as_data().items():
        for error in errors:
            code = (name, error.code)
            if code == ("day", "future"):
                messages.append(_("The date %(day)s is in the future.") % {"day": raw_day[:40]})
            elif code == ("day", "too_early"):
                messages.append(
                    _("The date %(day)s is too far in the past (at the earliest %(first)s).")
                    % {"day": raw_day[:40], "first": f"{FIRST_DAY:%d.%m.%Y}"}
                )
            elif name == "day":
                messages.append(
                    _("“%(value)s” is not a date. Write dates as 31.12.2026 or 2026-12-31.")
                    % {"value": raw_day[:40]}
                )
            elif code == ("total", "min_value"):
                messages.append(_("The number of encounters cannot be negative."))
            elif code == ("total", "max_value"):
                messages.append(
                    _("The number of encounters is too large (at most %(limit)s a day).")
                    % {"limit": f"{MAX_TOTAL:,}".replace(",", " ")}
                )
            else:
                messages.append(
                    _("“%(value)s” is not a whole number of encounters.")
                    % {"value": raw_total[:40]}
                )
    return messages


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
            raw_day = record[columns["day"]].strip()
            raw_total = record[columns["total"]].strip().replace("\u00a0", "").replace(" ", "")
            row = EncounterTotalRow({"day": raw_day, "total": raw_total})
            if not row.is_valid():
                for message in _row_errors(row, raw_day=raw_day, raw_total=raw_total):
                    result.error(line, message)
                continue
            if unit is None:
                continue
            day, total = row.cleaned_data["day"], row.cleaned_data["total"]
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
