"""The weekly statistics per unit × ISO week × kind × theme × channel (WeeklyUnitStat).

Recomputed, never incremented: a batch claims encounters from the outbox and recounts every
week it touched from that week's own encounters and notes. A full recount empties the
outbox in one statement. Runs under the statistics lock row (see reports.batches).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from encounters.models import Encounter, UncountedEncounter
from feedback.models import Note, Theme

from .batches import STATISTICS_LOCK_NAME, batch_lock, batch_size
from .models import (
    ALL_THEMES,
    NO_NOTE,
    WeeklyUnitStat,
)


def _week_start(moment: datetime) -> date:
    local = timezone.localtime(moment).date()
    return local - timedelta(days=local.weekday())


def _week_bounds(week: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(week, time.min))
    return start, timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min))


def _claim_encounters(limit: int) -> list[tuple[int, int, datetime]]:
    """Up to `limit` encounters from the outbox, locked (others' claims are skipped)."""
    queryset = UncountedEncounter.objects.order_by("encounter_id")
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return list(
        queryset.values_list("encounter_id", "encounter__unit_id", "encounter__occurred_at")[:limit]
    )


def stats_pending() -> tuple[int, int]:
    total = weeks_total = 0
    while True:
        with transaction.atomic():
            batch_lock(STATISTICS_LOCK_NAME)
            claimed = _claim_encounters(batch_size())
            touched: dict[date, set[int]] = defaultdict(set)
            for _pk, unit_id, occurred_at in claimed:
                touched[_week_start(occurred_at)].add(unit_id)
            # A note edited or moved after counting would need its week too; notes are
            # immutable once saved, so the encounters cover every change.
            if connection.vendor == "postgresql" and touched:
                cells = [(u, week) for week, units in touched.items() for u in units]
                _delete_cells(cells)
                _stats_postgresql(cells)
            else:
                for week, unit_ids in sorted(touched.items()):
                    _recompute_week(week=week, unit_ids=unit_ids)
            UncountedEncounter.objects.filter(encounter_id__in=[row[0] for row in claimed]).delete()
        total += len(claimed)
        weeks_total += sum(len(units) for units in touched.values())
        if len(claimed) < batch_size():
            return total, weeks_total


def _delete_cells(cells: list[tuple[int, date]]) -> None:
    values = ", ".join(["(%s::bigint, %s::date)"] * len(cells))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {WeeklyUnitStat._meta.db_table} AS w USING (VALUES {values}) "  # noqa: S608
            "AS c(unit_id, week_start) WHERE w.unit_id = c.unit_id AND w.week_start = c.week_start",
            [value for cell in sorted(cells) for value in cell],
        )


def _recompute_week(*, week: date, unit_ids: set[int]) -> None:
    start, end = _week_bounds(week)
    encounters = Encounter.objects.filter(
        unit_id__in=unit_ids, occurred_at__gte=start, occurred_at__lt=end
    )
    # A note the client withdrew leaves every count; its encounter still counts as asked.
    notes = Note.objects.filter(
        unit_id__in=unit_ids,
        encounter__occurred_at__gte=start,
        encounter__occurred_at__lt=end,
        withdrawn_at__isnull=True,
    )
    WeeklyUnitStat.objects.filter(week_start=week, unit_id__in=unit_ids).delete()
    rows = _rows(encounters=encounters, notes=notes, week=week)
    WeeklyUnitStat.objects.bulk_create(rows, batch_size=2000)


def _rows(*, encounters, notes, week: date | None) -> list[WeeklyUnitStat]:
    """Aggregate rows; with week None they are grouped by week in the database."""
    cells: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def week_of(row) -> date:
        return week if week is not None else timezone.localtime(row["week"]).date()

    extra = {} if week is not None else {"week": TruncWeek("occurred_at")}
    for row in (
        encounters.annotate(**extra)
        .values("unit_id", "channel", *extra)
        .annotate(
            asked=Count("id", filter=Q(client_asked=True)),
            nothing=Count("id", filter=Q(nothing_to_add=True)),
        )
    ):
        cell = cells[(row["unit_id"], week_of(row), NO_NOTE, ALL_THEMES, row["channel"])]
        cell["encounters_asked"] += row["asked"]
        cell["nothing_to_add"] += row["nothing"]

    extra = {} if week is not None else {"week": TruncWeek("encounter__occurred_at")}
    note_rows = (
        notes.annotate(channel=F("encounter__channel"), **extra)
        .values("unit_id", "kind", "channel", *extra)
        .annotate(n=Count("id"))
    )
    for row in note_rows:
        cells[(row["unit_id"], week_of(row), row["kind"], ALL_THEMES, row["channel"])]["notes"] += (
            row["n"]
        )
    theme_rows = (
        notes.filter(themes__isnull=False)
        .annotate(channel=F("encounter__channel"), theme_slug=F("themes__slug"), **extra)
        .values("unit_id", "kind", "channel", "theme_slug", *extra)
        .annotate(n=Count("id"))
    )
    for row in theme_rows:
        key = (row["unit_id"], week_of(row), row["kind"], row["theme_slug"], row["channel"])
        cells[key]["notes"] += row["n"]

    out = []
    for (unit_id, week_start, kind, theme, channel), values in sorted(cells.items()):
        iso = week_start.isocalendar()
        out.append(
            WeeklyUnitStat(
                unit_id=unit_id,
                week_start=week_start,
                iso_year=iso.year,
                iso_week=iso.week,
                kind=kind,
                theme=theme,
                channel=channel,
                notes=values.get("notes", 0),
                encounters_asked=values.get("encounters_asked", 0),
                nothing_to_add=values.get("nothing_to_add", 0),
            )
        )
    return out


def stats_full() -> tuple[int, int]:
    with transaction.atomic():
        batch_lock(STATISTICS_LOCK_NAME)
        # Everything is recounted from the encounters as they are now: the outbox empties.
        # An encounter saved meanwhile may be counted here too; its outbox row stays, and
        # the next run recounts its week (recounting is idempotent).
        counted, _ = UncountedEncounter.objects.all().delete()
        WeeklyUnitStat.objects.all().delete()
        if connection.vendor == "postgresql":
            _stats_postgresql()
        else:
            rows = _rows(
                encounters=Encounter.objects.all(),
                notes=Note.objects.filter(withdrawn_at__isnull=True),
                week=None,
            )
            WeeklyUnitStat.objects.bulk_create(rows, batch_size=5000)
        weeks = WeeklyUnitStat.objects.values("unit_id", "week_start").distinct().count()
    return counted, weeks


def _stats_postgresql(scope: list[tuple[int, date]] | None = None) -> None:
    """The same rows as _rows(), computed inside PostgreSQL: a million notes never travel
    to Python. The week is the Monday of the local (Europe/Helsinki) date, as in _rows().
    Notes the client withdrew are not counted; their encounters still are.

    The rows go in in the unique key's order, so the table's indexes (all but one lead
    with the unit and the week) are appended to rather than written all over: a full
    recount of a million notes inserted in 14-19 s instead of 30-33 s.

    With `scope`, only those (unit, week) cells: their encounters are read one cell at a
    time through the encounter_unit_time index and their notes one encounter at a time
    (the OFFSET 0 keeps PostgreSQL from turning either into a join over whole tables).
    """
    week = "date_trunc('week', e.occurred_at AT TIME ZONE %(tz)s)::date"
    params: dict = {"tz": settings.TIME_ZONE, "no_note": NO_NOTE, "all": ALL_THEMES}
    note_table = Note._meta.db_table
    if scope is None:
        ctes = ""
        encounters = Encounter._meta.db_table
        notes = f"""(
            SELECT n.id, n.unit_id, n.kind, e.occurred_at, e.channel
            FROM {note_table} n JOIN {encounters} e ON e.id = n.encounter_id
            WHERE n.withdrawn_at IS NULL
        )"""  # noqa: S608 - table names from model metadata
    else:
        values = []
        for index, (unit_id, week_start) in enumerate(sorted(scope)):
            start, end = _week_bounds(week_start)
            params.update({f"u{index}": unit_id, f"s{index}": start, f"e{index}": end})
            values.append(
                f"(%(u{index})s::bigint, %(s{index})s::timestamptz, %(e{index})s::timestamptz)"
            )
        ctes = f"""
            WITH scope(unit_id, lo, hi) AS (VALUES {", ".join(values)}),
            scoped AS MATERIALIZED (
                SELECT c.* FROM scope s CROSS JOIN LATERAL (
                    SELECT e.id, e.unit_id, e.occurred_at, e.channel, e.client_asked,
                           e.nothing_to_add
                    FROM {Encounter._meta.db_table} e
                    WHERE e.unit_id = s.unit_id AND e.occurred_at >= s.lo
                      AND e.occurred_at < s.hi
                    OFFSET 0
                ) c
            ),
            scoped_notes AS MATERIALIZED (
                SELECT c.id, c.unit_id, c.kind, e.occurred_at, e.channel
                FROM scoped e CROSS JOIN LATERAL (
                    SELECT n.id, n.unit_id, n.kind FROM {note_table} n
                    WHERE n.encounter_id = e.id AND n.withdrawn_at IS NULL
                    OFFSET 0
                ) c
            )"""  # noqa: S608 - table names from model metadata, values as parameters
        encounters, notes = "scoped", "scoped_notes"
    sql = f"""
        INSERT INTO {WeeklyUnitStat._meta.db_table}
            (unit_id, week_start, iso_year, iso_week, kind, theme, channel,
             notes, encounters_asked, nothing_to_add)
        {ctes}
        SELECT unit_id, week, extract(isoyear FROM week)::int, extract(week FROM week)::int,
               kind, theme, channel, sum(notes), sum(asked), sum(nothing)
        FROM (
            SELECT e.unit_id, {week} AS week, %(no_note)s AS kind, %(all)s AS theme,
                   e.channel, 0 AS notes,
                   count(*) FILTER (WHERE e.client_asked) AS asked,
                   count(*) FILTER (WHERE e.nothing_to_add) AS nothing
            FROM {encounters} e
            GROUP BY 1, 2, 5
            UNION ALL
            SELECT e.unit_id, {week}, e.kind, %(all)s, e.channel, count(*), 0, 0
            FROM {notes} e
            GROUP BY 1, 2, 3, 5
            UNION ALL
            SELECT e.unit_id, {week}, e.kind, t.slug, e.channel, count(*), 0, 0
            FROM {notes} e
            JOIN {Note.themes.through._meta.db_table} nt ON nt.note_id = e.id
            JOIN {Theme._meta.db_table} t ON t.id = nt.theme_id
            GROUP BY 1, 2, 3, 4, 5
        ) cells
        GROUP BY unit_id, week, kind, theme, channel
        ORDER BY unit_id, week, kind, theme, channel
    """  # noqa: S608 - table names from model metadata, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
