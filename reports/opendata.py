"""Open data: notes per unit, theme and month, read from the weekly statistics, with small
counts suppressed as in every view shared beyond a unit's managers (reports.metrics).

Months are made of whole ISO weeks, as the statistics are: a week belongs to the month of
its Thursday (the ISO 8601 rule that gives a week its year), so every week counts in
exactly one month. A month is published once its last week has ended.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils.translation import gettext as _

from encounters.models import Unit
from feedback.models import Theme

from .metrics import SMALL, suppress
from .models import ALL_THEMES, NO_NOTE, WeeklyUnitStat

DEFAULT_MONTHS = 12
MAX_MONTHS = 120


def _add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _month_end(month: date) -> date:
    return _add_months(month, 1) - timedelta(days=1)


def week_month(week_start: date) -> date:
    """The month a week (given by its Monday) counts in: the month of its Thursday."""
    return (week_start + timedelta(days=3)).replace(day=1)


def opendata_last_month(*, today: date) -> date:
    """The latest month whose every week has ended (its last Thursday's Sunday is past)."""
    month = _add_months(today.replace(day=1), -1)
    last_day = _month_end(month)
    last_thursday = last_day - timedelta(days=(last_day.weekday() - 3) % 7)
    if last_thursday + timedelta(days=3) >= today:
        month = _add_months(month, -1)
    return month


@dataclass(frozen=True)
class MonthRange:
    first: date
    last: date


def opendata_months(*, since: date | None, until: date | None, today: date) -> MonthRange:
    """The months asked for, within what is published; raises ValueError for a bad range."""
    latest = opendata_last_month(today=today)
    last = min(until or latest, latest)
    first = since or _add_months(last, 1 - DEFAULT_MONTHS)
    if first > last:
        raise ValueError("since is after until (or after the latest published month)")
    if (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
        raise ValueError("too many months")
    return MonthRange(first=first, last=last)


def opendata_monthly_rows(
    *, months: MonthRange, area_slug: str | None = None, unit_slug: str | None = None
) -> list[dict]:
    """One row per month × active unit × theme ("" = all notes) that has notes.

    `notes` is None and `suppressed` True where the count is 1–4. One grouped query over
    the statistics table, then the weeks are put into their months here.
    """
    units = Unit.objects.filter(is_active=True).select_related("service_area")
    if area_slug:
        units = units.filter(service_area__slug=area_slug)
    if unit_slug:
        units = units.filter(slug=unit_slug)
    units_by_id = {unit.pk: unit for unit in units}
    if not units_by_id:
        return []
    stats = (
        WeeklyUnitStat.objects.filter(
            unit_id__in=list(units_by_id),
            week_start__gte=months.first - timedelta(days=3),
            week_start__lte=_month_end(months.last) - timedelta(days=3),
        )
        .exclude(kind=NO_NOTE)
        .values("unit_id", "week_start", "theme")
        .annotate(notes=Sum("notes"))
        .order_by()
    )
    counts: dict[tuple[date, int, str], int] = defaultdict(int)
    for stat in stats:
        counts[(week_month(stat["week_start"]), stat["unit_id"], stat["theme"])] += stat["notes"]
    theme_names = {theme.slug: theme.display_name for theme in Theme.objects.all()}
    rows = []
    for (month, unit_id, theme), notes in counts.items():
        if not notes:
            continue
        unit = units_by_id[unit_id]
        shown = suppress(notes, shared=True)
        rows.append(
            {
                "month": month.strftime("%Y-%m"),
                "service_area": unit.service_area.slug,
                "service_area_name": unit.service_area.display_name,
                "unit": unit.slug,
                "unit_name": unit.display_name,
                "theme": theme or None,
                "theme_name": theme_names.get(theme, theme) if theme else _("All themes"),
                "notes": shown if isinstance(shown, int) else None,
                "suppressed": not isinstance(shown, int),
                "_shown": shown,
            }
        )
    rows.sort(key=lambda row: (row["month"], row["service_area"], row["unit"], row["theme"] or ""))
    return rows


def opendata_csv_rows(rows: list[dict]) -> tuple[list[str], list[list]]:
    """Header and rows for the CSV: suppressed counts read as in the dashboard's exports."""
    header = [
        _("Month"),
        _("Service area"),
        _("Service area code"),
        _("Unit"),
        _("Unit code"),
        _("Theme"),
        _("Theme code"),
        _("Notes"),
    ]
    return header, [
        [
            row["month"],
            row["service_area_name"],
            row["service_area"],
            row["unit_name"],
            row["unit"],
            row["theme_name"],
            row["theme"] or ALL_THEMES,
            row["_shown"],
        ]
        for row in rows
    ]


def opendata_description() -> str:
    return _(
        "Client notes recorded per unit and month, for all notes and for each theme a "
        "worker tagged (a note may have several themes or none). Months are made of whole "
        "ISO weeks: a week counts in the month of its Thursday. Counts from 1 to %(small)s "
        "are not shown, so that no client can be recognised."
    ) % {"small": SMALL - 1}
