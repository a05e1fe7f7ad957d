"""Retention of client data: old notes lose their words, old audit rows go."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from feedback.models import Note

from .audit import integration_call_purge, note_access_purge

logger = logging.getLogger(__name__)


def note_text_erase_expired(*, now=None) -> int:
    """Erase the client's words and the observation of notes older than the retention time.

    The note row stays, so statistics, insights and actions keep their counts. Idempotent:
    erased notes are not touched again.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NOTE_TEXT_RETENTION_DAYS)
    erased = Note.objects.filter(created_at__lt=cutoff, text_erased_at__isnull=True).update(
        client_text="", worker_observation="", text_erased_at=now
    )
    logger.info("note texts erased count=%s", erased)
    return erased


def retention_enforce(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        "note_texts_erased": note_text_erase_expired(now=now),
        "audit_rows_deleted": note_access_purge(now=now),
        "integration_calls_deleted": integration_call_purge(now=now),
    }
