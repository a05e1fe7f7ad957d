"""Celery tasks: thin adapters that call reports.services and own retries."""

import contextlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache

from . import services
from .models import AggregationRun
from .rollups import note_months_refresh

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def aggregate_notes(self, note_id: int | None = None, encounter_id: int | None = None) -> int:
    """Process the outbox. The ids only say what woke us; every pending note is taken."""
    return _aggregate()


@shared_task(acks_late=True)
def aggregate_sweep() -> int:
    """Beat, every few minutes: whatever is still unprocessed (saved while Redis was down)."""
    return _aggregate()


def _aggregate() -> int:
    """One incremental run, with what reports.services does not do itself (yet): runs a
    dead worker left behind are marked, and back-dated notes recount the month roll-up."""
    AggregationRun.abandon_stale()
    run = services.aggregation_run(full=False)
    note_months_refresh()
    return run.pk


# Set while an aggregation run is queued to start after the current window; captures
# in the window ride along with it instead of publishing a task each.
AGGREGATION_QUEUED_KEY = "reports:aggregation-queued"


def enqueue_after_capture(*, encounter_id: int, note_id: int | None) -> None:
    """feedback's capture hook (settings.FEEDBACK_CAPTURE_HOOKS), run after commit.

    With a broker, captures are debounced: the first capture of a window of
    AGGREGATION_DEBOUNCE_SECONDS queues one run for just after the window ends, and the
    captures within the window publish nothing, since that run takes every pending note,
    theirs included (they committed before the window ended). A capture then costs one
    cache add() instead of a broker publish. Whatever a run misses stays in the outbox for
    the next run or the beat sweep.

    A broker that is down must not fail the worker's save: the note stays in the outbox
    and the sweep picks it up once the broker is back.
    """
    window = settings.AGGREGATION_DEBOUNCE_SECONDS
    if window <= 0 or aggregate_notes.app.conf.task_always_eager:
        # Without a broker the run happens here and now; there is no beat to catch up.
        _publish(encounter_id=encounter_id, note_id=note_id)
        return
    try:
        first = cache.add(AGGREGATION_QUEUED_KEY, encounter_id, timeout=window)
    except Exception:  # noqa: BLE001 - the cache is Redis too
        if settings.CELERY_BROKER_URL == settings.REDIS_URL:
            # The broker is the Redis that just failed: a publish would only wait for it
            # again. The note stays in the outbox for the sweep.
            _log_not_queued(encounter_id=encounter_id, note_id=note_id)
            return
        first = True
    if not first:
        return
    # A second after the window, so that every capture that saw the key has committed.
    if not _publish(encounter_id=encounter_id, note_id=note_id, countdown=window + 1):
        # Let the next capture try again rather than wait for the sweep.
        with contextlib.suppress(Exception):
            cache.delete(AGGREGATION_QUEUED_KEY)


def _publish(*, encounter_id: int, note_id: int | None, countdown: int | None = None) -> bool:
    try:
        aggregate_notes.apply_async(
            kwargs={"note_id": note_id, "encounter_id": encounter_id}, countdown=countdown
        )
    except Exception:  # noqa: BLE001 - kombu raises many kinds of connection errors
        _log_not_queued(encounter_id=encounter_id, note_id=note_id)
        return False
    return True


def _log_not_queued(*, encounter_id: int, note_id: int | None) -> None:
    logger.warning(
        "aggregation not queued, the sweep will pick it up encounter_id=%s note_id=%s",
        encounter_id,
        note_id,
    )


@shared_task
def remind_unused_knowledge() -> int:
    """Weekly (beat): e-mail managers whose unused experiential knowledge has grown."""
    return services.unused_knowledge_remind()
