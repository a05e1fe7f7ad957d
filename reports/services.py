"""The aggregation job: groups notes into insights and keeps the weekly statistics current.

Every batch is one transaction that first locks an AggregationLock row (one for grouping,
one for statistics), so two runs at the same time take turns batch by batch and never
process a note or an encounter twice; a run killed in the middle loses only its open batch,
which the next run redoes. Statistics are recomputed (never incremented) for every week a
batch touched; insights' figures are added to batch by batch (see runner.insights_add).
On PostgreSQL a run groups and counts side by side on two connections.
"""

from __future__ import annotations

import logging
import queue
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import connection, connections, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from encounters.models import AreaManagement, Encounter, Membership, UncountedEncounter
from encounters.selectors import report_unit_ids
from feedback.grouping import runner
from feedback.models import Insight, Note, Theme

from .models import (
    ALL_THEMES,
    NO_NOTE,
    AggregationLock,
    AggregationRun,
    EncounterTotal,
    ExportLog,
    UnusedKnowledgeCheck,
    WeeklyUnitStat,
)
from .rollups import note_months_rollup
from .selectors import unused_notes_for_report

logger = logging.getLogger(__name__)

# Grouping and statistics are independent (neither reads what the other writes), so each
# has its own lock row: runs take turns within each, and one run can do both side by side.
LOCK_NAME = "aggregation"
STATISTICS_LOCK_NAME = "statistics"
# A full rebuild redoes everything anyway; bigger batches mean fewer round trips.
FULL_BATCH_SIZE = 50_000


def _batch_size() -> int:
    return int(getattr(settings, "AGGREGATION_BATCH_SIZE", 2000))


def _lock(name: str = LOCK_NAME) -> AggregationLock:
    """Serialise writers: wait for any other run's open batch to commit.

    On PostgreSQL a batch also commits without waiting for its WAL flush: a batch lost in
    a server crash leaves its notes and encounters in the outbox, and the next run redoes it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    lock = AggregationLock.objects.select_for_update().filter(name=name)
    if not lock.exists():
        AggregationLock.objects.get_or_create(name=name)
    return lock.get()


def aggregation_run(*, full: bool = False) -> AggregationRun:
    """Group unprocessed notes and count uncounted encounters; `full` redoes everything."""
    run = AggregationRun.objects.create(full=full)
    grouper = runner.grouper_build()
    group, stats = (_group_full, _stats_full) if full else (_group_pending, _stats_pending)
    if not full:
        # After an import or a seeding, most rows wait: redoing everything once is cheaper
        # than recounting the same weeks and insights batch after batch.
        if _backlog_is_large(Note.objects.filter(aggregated_at__isnull=True), Note):
            logger.info("aggregation run_id=%s regroups in full: large note backlog", run.pk)
            group = _group_full
        if _backlog_is_large(UncountedEncounter.objects.all(), Encounter):
            logger.info("aggregation run_id=%s recounts in full: large encounter backlog", run.pk)
            stats = _stats_full
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Two database connections, so PostgreSQL counts while this process groups.
        with ThreadPoolExecutor(max_workers=1) as executor:
            counting = executor.submit(_on_own_connection, _timed(stats, run, "statistics"))
            run.notes_grouped = _timed(group, run, "grouping")(grouper)
            run.encounters_counted, run.weeks_recomputed = counting.result()
    else:  # SQLite has one writer; inside a transaction, one connection sees it all
        run.notes_grouped = _timed(group, run, "grouping")(grouper)
        run.encounters_counted, run.weeks_recomputed = _timed(stats, run, "statistics")()
    run.finished_at = timezone.now()
    run.save(
        update_fields=["finished_at", "notes_grouped", "encounters_counted", "weeks_recomputed"]
    )
    logger.info(
        "aggregation run_id=%s full=%s notes=%s encounters=%s weeks=%s",
        run.pk,
        full,
        run.notes_grouped,
        run.encounters_counted,
        run.weeks_recomputed,
    )
    return run


def _backlog_is_large(pending, model) -> bool:
    """At least AGGREGATION_FULL_BACKLOG rows wait, and they are half the model's table or
    more. The common case costs one count that stops at the threshold."""
    threshold = int(getattr(settings, "AGGREGATION_FULL_BACKLOG", 100_000))
    if pending.order_by().values("pk")[:threshold].count() < threshold:
        return False
    return pending.count() * 2 >= model.objects.count()


def _timed(function, run: AggregationRun, part: str):
    """The function, logging how long it took (for operators; no note content)."""

    def call(*args):
        started = monotonic()
        try:
            return function(*args)
        finally:
            logger.info("aggregation run_id=%s %s took %.1f s", run.pk, part, monotonic() - started)

    return call


def _on_own_connection(function):
    """Run in a worker thread, which has database connections of its own: close them."""
    try:
        return function()
    finally:
        connections.close_all()


def _group_pending(grouper) -> int:
    total, cache = 0, {}
    with transaction.atomic():
        lock = _lock()
        today = timezone.localdate()
        if lock.trends_on != today:
            # Added notes move insights' trends only for the day they arrive; a new day
            # moves the 30-day windows of every insight once, and may close a month of
            # the dashboard's note roll-up.
            runner.insights_trend_refresh(today=today)
            note_months_rollup()
            AggregationLock.objects.filter(pk=lock.pk).update(trends_on=today)
    while True:
        with transaction.atomic():
            _lock()
            count, _touched = runner.notes_group_pending(
                grouper=grouper, limit=_batch_size(), cache=cache
            )
        total += count
        if count < _batch_size():
            return total


def _group_full(grouper) -> int:
    limit = max(_batch_size(), FULL_BATCH_SIZE)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        total = _group_full_pipelined(grouper, limit)
    else:
        after, total, cache = 0, 0, {}
        while True:
            with transaction.atomic():
                _lock()
                last, count, _touched = runner.notes_group_range(
                    grouper=grouper, after_id=after, limit=limit, cache=cache
                )
            if last is None:
                break
            total += count
            after = last
    _analyse(Note, Note.themes.through, Insight)  # the rebuild rewrote most of these
    with transaction.atomic():
        lock = _lock()
        runner.insights_refresh(insight_ids=None)
        runner.insights_prune_empty()
        note_months_rollup()
        AggregationLock.objects.filter(pk=lock.pk).update(trends_on=timezone.localdate())
    return total


def _group_full_pipelined(grouper, limit: int) -> int:
    """A rebuild on PostgreSQL: this thread reads and places the next batch while another,
    on its own connection, writes the previous one (each write one locked transaction, as
    in the sequential loop). Placing is pure Python and writing is mostly PostgreSQL's
    work, so the two overlap on two cores. A note a manager moved between the read and the
    write keeps the manager's insight (see runner._write_postgresql)."""
    batches: queue.Queue = queue.Queue(maxsize=2)

    def write_all() -> None:
        while (batch := batches.get()) is not None:
            with transaction.atomic():
                _lock()
                runner.notes_write(rows=batch[0], placed=batch[1])

    after, total, cache = 0, 0, {}
    with ThreadPoolExecutor(max_workers=1) as executor:
        writing = executor.submit(_on_own_connection, write_all)
        try:
            while True:
                rows, themes = runner.notes_read_range(after_id=after, limit=limit)
                if not rows:
                    break
                placed = runner.notes_place(grouper=grouper, rows=rows, themes=themes, cache=cache)
                while True:  # hand over, unless the writer has failed
                    try:
                        batches.put((rows, placed), timeout=1)
                        break
                    except queue.Full:
                        if writing.done():
                            writing.result()  # raises the writer's error
                            raise RuntimeError("the grouping writer stopped") from None
                total += len(rows)
                after = rows[-1][0]
        finally:
            if not writing.done():
                batches.put(None)
        writing.result()
    return total


def _analyse(*models) -> None:
    """Fresh planner statistics after writing most rows of a table: with stale ones
    PostgreSQL may pick a nested loop over a million rows instead of a hash join."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(model._meta.db_table for model in models))


# -- statistics -----------------------------------------------------------------------


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


def _stats_pending() -> tuple[int, int]:
    total = weeks_total = 0
    while True:
        with transaction.atomic():
            _lock(STATISTICS_LOCK_NAME)
            claimed = _claim_encounters(_batch_size())
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
        if len(claimed) < _batch_size():
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


def _stats_full() -> tuple[int, int]:
    with transaction.atomic():
        _lock(STATISTICS_LOCK_NAME)
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
    """  # noqa: S608 - table names from model metadata, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def aggregation_last_run() -> AggregationRun | None:
    return AggregationRun.objects.filter(finished_at__isnull=False).first()


def encounter_totals_import(*, user: AbstractBaseUser, rows: dict[tuple[int, date], int]) -> int:
    """Save checked totals; a unit's day imported again replaces the earlier figure."""
    objects = [
        EncounterTotal(unit_id=unit_id, day=day, total=total, imported_by=user)
        for (unit_id, day), total in sorted(rows.items())
    ]
    with transaction.atomic():
        EncounterTotal.objects.bulk_create(
            objects,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["unit", "day"],
            update_fields=["total", "imported_by", "updated_at"],
        )
    logger.info("encounter totals imported user_id=%s rows=%s", user.pk, len(objects))
    return len(objects)


def export_log_record(
    *,
    user: AbstractBaseUser,
    what: str,
    file_format: str,
    filters: dict,
    unit_ids: set[int],
    row_count: int,
) -> ExportLog:
    return ExportLog.objects.create(
        user=user,
        username=user.get_username(),
        what=what,
        file_format=file_format,
        filters=filters,
        unit_ids=sorted(unit_ids),
        row_count=row_count,
    )


def unused_knowledge_remind(*, now=None) -> int:
    """Weekly: tell each manager by e-mail when their unused notes have grown since the last
    check. Every check is recorded, so "grown" always compares with the week before."""
    now = now or timezone.now()
    manager_ids = set(
        Membership.objects.filter(role=Membership.Role.MANAGER).values_list("user_id", flat=True)
    ) | set(AreaManagement.objects.values_list("user_id", flat=True))
    sent = 0
    for user in get_user_model().objects.filter(pk__in=manager_ids, is_active=True).order_by("pk"):
        count = unused_notes_for_report(unit_ids=report_unit_ids(user=user), now=now).count()
        last = UnusedKnowledgeCheck.objects.filter(user=user).first()
        grew = count > (last.unused_count if last else 0)
        remind = grew and bool(user.email)
        if remind:
            with translation.override(settings.LANGUAGE_CODE):
                subject = gettext("Kumppanuus: notes are waiting for you")
                body = ngettext(
                    "%(count)d note older than 30 days is waiting in your units: it is not in "
                    "a reviewed insight and has no answer yet. See the dashboard: %(path)s",
                    "%(count)d notes older than 30 days are waiting in your units: they are "
                    "not in a reviewed insight and have no answer yet. See the dashboard: "
                    "%(path)s",
                    count,
                ) % {
                    "count": count,
                    "path": settings.PUBLIC_BASE_URL + reverse("reports:dashboard"),
                }
            send_mail(subject, body, None, [user.email])
            sent += 1
        UnusedKnowledgeCheck.objects.create(
            user=user, unused_count=count, reminded=remind, created_at=now
        )
    logger.info("unused knowledge reminders sent=%s", sent)
    return sent
