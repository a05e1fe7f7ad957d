"""Runs a dead worker left "running" are marked abandoned when the next run starts."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from reports.models import AggregationRun
from reports.selectors import aggregation_last_finished
from reports.tasks import aggregate_sweep

pytestmark = pytest.mark.django_db


def _run(*, started_ago: timedelta, finished: bool = False) -> AggregationRun:
    now = timezone.now()
    return AggregationRun.objects.create(
        started_at=now - started_ago,
        finished_at=now - started_ago + timedelta(seconds=30) if finished else None,
    )


def test_the_next_run_marks_a_run_past_the_time_limit_abandoned_and_leaves_the_rest(settings):
    limit = timedelta(seconds=settings.AGGREGATION_RUN_ABANDONED_AFTER_SECONDS)
    killed = _run(started_ago=limit + timedelta(minutes=1))
    running = _run(started_ago=limit - timedelta(minutes=1))
    done = _run(started_ago=limit * 2, finished=True)

    aggregate_sweep()

    killed.refresh_from_db()
    running.refresh_from_db()
    done.refresh_from_db()
    assert killed.abandoned_at is not None and killed.finished_at is None
    assert running.abandoned_at is None
    assert done.abandoned_at is None
    # "Data last updated" is the sweep's own run, never the abandoned one.
    latest = aggregation_last_finished()
    assert latest.pk not in (killed.pk, running.pk, done.pk)

    # Marked once: a later run leaves the abandonment time as it was.
    first_mark = killed.abandoned_at
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        call_command("aggregate_notes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    killed.refresh_from_db()
    running.refresh_from_db()
    assert killed.abandoned_at == first_mark
    assert running.abandoned_at is not None  # by now it is past the limit too


def test_a_long_run_that_finishes_after_being_presumed_dead_still_counts(settings):
    limit = timedelta(seconds=settings.AGGREGATION_RUN_ABANDONED_AFTER_SECONDS)
    slow = _run(started_ago=limit + timedelta(minutes=5))
    assert AggregationRun.abandon_stale() == 1
    slow.finished_at = timezone.now()
    slow.save(update_fields=["finished_at"])
    assert aggregation_last_finished() == slow
