"""Celery tasks of the feedback app: thin adapters over services, which own the work."""

from celery import shared_task

from .notes import services
from .privacy.retention import retention_enforce


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_status_subscribers() -> int:
    return services.status_subscriptions_notify()


@shared_task
def purge_status_subscriptions() -> int:
    return services.status_subscriptions_purge()


@shared_task(name="feedback.tasks.enforce_retention")
def enforce_retention() -> dict[str, int]:
    """Daily: erase expired note texts and purge old audit rows (see feedback.privacy.retention)."""
    return retention_enforce()
