"""Celery tasks: thin adapters that call the reports app's functions and own retries."""

import contextlib
import logging
import time
import weakref

from celery import shared_task
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from . import aggregation, services

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
    run = aggregation.aggregation_run(full=False)
    return run.pk


@shared_task(acks_late=True)
def aggregate_sweep() -> int:
    """Beat, every few minutes: whatever is still unprocessed (saved while Redis was down)."""
    return aggregation.aggregation_run(full=False).pk


# Set while an aggregation run is queued to start after the current window; captures
# in the window ride along with it instead of publishing a task each. Its value is the
# window's end (epoch seconds).
AGGREGATION_QUEUED_KEY = "reports:aggregation-queued"
# Per cache client (one per thread): until when this process knows a run is queued, so
# that its captures ride along without asking Redis. A second short of the window's end,
# for clocks that differ between hosts; the run starts a second after it.
_ride_along_until: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
RIDE_ALONG_MARGIN_SECONDS = 1.0


def enqueue_after_capture(*, encounter_id: int, note_id: int | None) -> None:
    """feedback's capture hook (settings.FEEDBACK_CAPTURE_HOOKS), run after commit.

    With a broker, captures are debounced: the first capture of a window of
    AGGREGATION_DEBOUNCE_SECONDS queues one run for just after the window ends, and the
    captures within the window publish nothing, since that run takes every pending note,
    theirs included (they committed before the window ended). A capture then costs one
    cache add() instead of a broker publish, and none at all once this process has learnt
    the window's end (the key's value): the rest of the window rides along from memory.
    Whatever a run misses stays in the outbox for the next run or the beat sweep.

    A broker that is down must not fail the worker's save: the note stays in the outbox
    and the sweep picks it up once the broker is back.
    """
    window = settings.AGGREGATION_DEBOUNCE_SECONDS
    if window <= 0 or aggregate_notes.app.conf.task_always_eager:
        # Without a broker the run happens here and now; there is no beat to catch up.
        _publish(encounter_id=encounter_id, note_id=note_id)
        return
    cache = caches[DEFAULT_CACHE_ALIAS]
    now = time.time()
    if now < _ride_along_until.get(cache, 0.0):
        return
    window_end = now + window
    try:
        first = cache.add(AGGREGATION_QUEUED_KEY, window_end, timeout=window)
        queued_until = None if first else cache.get(AGGREGATION_QUEUED_KEY)
    except Exception:  # noqa: BLE001 - the cache is Redis too; publishing will tell
        first, queued_until = True, None
    if not first:
        if isinstance(queued_until, float):  # a key of an older release holds an id
            _ride_along_until[cache] = queued_until - RIDE_ALONG_MARGIN_SECONDS
        return
    # A second after the window, so that every capture that saw the key has committed.
    if not _publish(encounter_id=encounter_id, note_id=note_id, countdown=window + 1):
        # Let the next capture try again rather than wait for the sweep.
        with contextlib.suppress(Exception):
            cache.delete(AGGREGATION_QUEUED_KEY)
        return
    _ride_along_until[cache] = window_end - RIDE_ALONG_MARGIN_SECONDS


def _publish(*, encounter_id: int, note_id: int | None, countdown: int | None = None) -> bool:
    try:
        aggregate_notes.apply_async(
            kwargs={"note_id": note_id, "encounter_id": encounter_id}, countdown=countdown
        )
    except Exception:  # noqa: BLE001 - kombu raises many kinds of connection errors
        logger.warning(
            "aggregation not queued, the sweep will pick it up encounter_id=%s note_id=%s",
            encounter_id,
            note_id,
        )
        return False
    return True


@shared_task
def remind_unused_knowledge() -> int:
    """Weekly (beat): e-mail managers whose unused experiential knowledge has grown."""
    return services.unused_knowledge_remind()
