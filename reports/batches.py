"""The aggregation job's batches: the lock rows that serialise them, their sizes, ANALYZE.

Every batch is one transaction that first locks an AggregationLock row (one for grouping,
one for statistics), so two runs at the same time take turns batch by batch.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from .models import (
    AggregationLock,
)

# Grouping and statistics are independent (neither reads what the other writes), so each
# has its own lock row: runs take turns within each, and one run can do both side by side.
LOCK_NAME = "aggregation"


STATISTICS_LOCK_NAME = "statistics"


# A full rebuild redoes everything anyway; bigger batches mean fewer round trips.
FULL_BATCH_SIZE = 50_000


def batch_size() -> int:
    return int(getattr(settings, "AGGREGATION_BATCH_SIZE", 2000))


def batch_lock(name: str = LOCK_NAME) -> AggregationLock:
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


def analyse(*models) -> None:
    """Fresh planner statistics after writing most rows of a table: with stale ones
    PostgreSQL may pick a nested loop over a million rows instead of a hash join."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(model._meta.db_table for model in models))
