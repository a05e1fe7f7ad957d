"""The audit logs: staff reading client notes (record and purge), and the purge of the
Integration API's call log."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from feedback.models import IntegrationCall, Note, NoteAccess

logger = logging.getLogger(__name__)


def note_access_record(
    *,
    user: AbstractBaseUser,
    purpose: str,
    notes: Iterable[Note] = (),
    count: int | None = None,
    unit_ids: Iterable[int] = (),
) -> NoteAccess | None:
    """Record that the user read these notes' text. Exports pass a count instead of notes.

    Nothing is recorded when nothing was shown (an empty list reveals no client's words).
    """
    notes = list(notes)
    note_count = count if count is not None else len(notes)
    if note_count == 0:
        return None
    return NoteAccess.objects.create(
        user=user,
        username=user.get_username(),
        purpose=purpose,
        unit_ids=sorted({note.unit_id for note in notes} | set(unit_ids)),
        note_ids=[] if count is not None else sorted(note.pk for note in notes),
        note_count=note_count,
    )


def note_access_purge(*, now=None) -> int:
    """Delete audit rows older than AUDIT_RETENTION_DAYS; returns how many went."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = NoteAccess.objects.filter(created_at__lt=cutoff).delete()
    logger.info("audit log purged rows=%s", deleted)
    return deleted


def integration_call_purge(*, now=None) -> int:
    """Delete Integration API call rows older than AUDIT_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = IntegrationCall.objects.filter(created_at__lt=cutoff).delete()
    logger.info("integration call log purged rows=%s", deleted)
    return deleted
