"""Celery tasks: thin adapters that call reports.services and own retries."""

import logging

from celery import shared_task

from . import services

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
    run = services.aggregation_run(full=False)
    return run.pk


@shared_task(acks_late=True)
def aggregate_sweep() -> int:
    """Beat, every few minutes: whatever is still unprocessed (saved while Redis was down)."""
    return services.aggregation_run(full=False).pk


def enqueue_after_capture(*, encounter_id: int, note_id: int | None) -> None:
    """feedback's capture hook (settings.FEEDBACK_CAPTURE_HOOKS), run after commit.

    A broker that is down must not fail the worker's save: the note stays in the outbox
    and the sweep picks it up once the broker is back.
    """
    try:
        aggregate_notes.delay(note_id=note_id, encounter_id=encounter_id)
    except Exception:  # noqa: BLE001 - kombu raises many kinds of connection errors
        logger.warning(
            "aggregation not queued, the sweep will pick it up encounter_id=%s note_id=%s",
            encounter_id,
            note_id,
        )


@shared_task
def remind_unused_knowledge() -> int:
    """Weekly (beat): e-mail managers whose unused experiential knowledge has grown."""
    return services.unused_knowledge_remind()
