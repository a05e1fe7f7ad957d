"""The aggregation job: groups notes into insights and keeps the weekly statistics current.

Every batch is one transaction that first locks an AggregationLock row (one for grouping,
one for statistics), so two runs at the same time take turns batch by batch and never
process a note or an encounter twice; a run killed in the middle loses only its open batch,
which the next run redoes. Statistics are recomputed (never incremented) for every week a
batch touched; insights' figures are added to batch by batch (see figures.insights_add).
On PostgreSQL a run groups and counts side by side on two connections.
"""

from __future__ import annotations

import logging
import queue
from concurrent.futures import ThreadPoolExecutor
from time import monotonic

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from encounters.models import Encounter, UncountedEncounter
from feedback.insights.grouping import figures, placement
from feedback.insights.grouping.organisation import organisation_link
from feedback.insights.grouping.unsure import curation_changed as curated_since
from feedback.models import Insight, Note

from .batches import FULL_BATCH_SIZE, LOCK_NAME, analyse, batch_lock, batch_size
from .models import (
    AggregationLock,
    AggregationRun,
)
from .rollups import note_months_refresh, note_months_rollup
from .statistics import stats_full, stats_pending

logger = logging.getLogger(__name__)


def aggregation_run(*, full: bool = False) -> AggregationRun:
    """Group unprocessed notes and count uncounted encounters; `full` redoes everything.

    Runs a dead worker left "running" are marked abandoned first, and back-dated notes
    found in closed months recount the dashboard's month roll-up at the end.
    """
    AggregationRun.abandon_stale()
    previous = aggregation_last_run()
    run = AggregationRun.objects.create(full=full)
    grouper = placement.grouper_build()
    group, stats = (_group_full, stats_full) if full else (_group_pending, stats_pending)
    if not full:
        # After an import or a seeding, most rows wait: redoing everything once is cheaper
        # than recounting the same weeks and insights batch after batch.
        if _backlog_is_large(Note.objects.filter(aggregated_at__isnull=True), Note):
            logger.info("aggregation run_id=%s regroups in full: large note backlog", run.pk)
            group = _group_full
        elif curated_since(previous.started_at if previous else None):
            logger.info("aggregation run_id=%s regroups in full: managers curated", run.pk)
            group = _group_full
        if _backlog_is_large(UncountedEncounter.objects.all(), Encounter):
            logger.info("aggregation run_id=%s recounts in full: large encounter backlog", run.pk)
            stats = stats_full
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Two database connections, so PostgreSQL counts while this process groups.
        with ThreadPoolExecutor(max_workers=1) as executor:
            counting = executor.submit(_on_own_connection, _timed(stats, run, "statistics"))
            run.notes_grouped = _timed(group, run, "grouping")(grouper)
            run.encounters_counted, run.weeks_recomputed = counting.result()
    else:  # SQLite has one writer; inside a transaction, one connection sees it all
        run.notes_grouped = _timed(group, run, "grouping")(grouper)
        run.encounters_counted, run.weeks_recomputed = _timed(stats, run, "statistics")()
    note_months_refresh(
        counted_on=AggregationLock.objects.filter(name=LOCK_NAME)
        .values_list("trends_on", flat=True)
        .first()
    )
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
        lock = batch_lock()
        today = timezone.localdate()
        if lock.trends_on != today:
            # Added notes move insights' trends only for the day they arrive; a new day
            # moves the 30-day windows of every insight once, and may close a month of
            # the dashboard's note roll-up.
            figures.insights_trend_refresh(today=today)
            note_months_rollup()
            AggregationLock.objects.filter(pk=lock.pk).update(trends_on=today)
    while True:
        with transaction.atomic():
            batch_lock()
            count, _touched = placement.notes_group_pending(
                grouper=grouper, limit=batch_size(), cache=cache
            )
        total += count
        if count < batch_size():
            break
    with transaction.atomic():
        batch_lock()
        organisation_link(grouper.examples)
    return total


def _group_full(grouper) -> int:
    limit = max(batch_size(), FULL_BATCH_SIZE)
    grouper.rebuilding = True  # open-vocabulary groups are met afresh, in note order
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        total = _group_full_pipelined(grouper, limit)
    else:
        after, total, cache = 0, 0, {}
        while True:
            with transaction.atomic():
                batch_lock()
                last, count, _touched = placement.notes_group_range(
                    grouper=grouper, after_id=after, limit=limit, cache=cache
                )
            if last is None:
                break
            total += count
            after = last
    analyse(Note, Note.themes.through, Insight)  # the rebuild rewrote most of these
    with transaction.atomic():
        lock = batch_lock()
        figures.insights_refresh(insight_ids=None)
        figures.insights_prune_empty()
        organisation_link(grouper.examples)
        note_months_rollup()
        AggregationLock.objects.filter(pk=lock.pk).update(trends_on=timezone.localdate())
    return total


def _group_full_pipelined(grouper, limit: int) -> int:
    """A rebuild on PostgreSQL: this thread reads and places the next batch while another,
    on its own connection, writes the previous one (each write one locked transaction, as
    in the sequential loop). Placing is pure Python and writing is mostly PostgreSQL's
    work, so the two overlap on two cores. A note a manager moved between the read and the
    write keeps the manager's insight (see placement._write_postgresql)."""
    batches: queue.Queue = queue.Queue(maxsize=2)

    def write_all() -> None:
        while (batch := batches.get()) is not None:
            with transaction.atomic():
                batch_lock()
                placement.notes_write(rows=batch[0], placed=batch[1])

    after, total, cache = 0, 0, {}
    with ThreadPoolExecutor(max_workers=1) as executor:
        writing = executor.submit(_on_own_connection, write_all)
        try:
            while True:
                rows, themes = placement.notes_read_range(after_id=after, limit=limit)
                if not rows:
                    break
                placed = placement.notes_place(
                    grouper=grouper, rows=rows, themes=themes, cache=cache
                )
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


def aggregation_last_run() -> AggregationRun | None:
    return AggregationRun.objects.filter(finished_at__isnull=False).first()
