from celery import shared_task

from .retention import retention_enforce


@shared_task(name="feedback.tasks.enforce_retention")
def enforce_retention() -> dict[str, int]:
    """Daily: erase expired note texts and purge old audit rows (see feedback.retention)."""
    return retention_enforce()
