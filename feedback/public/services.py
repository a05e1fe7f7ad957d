"""What a client does with their receipt code: withdraw the note, ask for status e-mails.

The client has no account; the receipt page has already found the note by its code.
"""

import logging

from django.db import transaction
from django.utils import timezone

from encounters.models import UncountedEncounter
from feedback.insights.grouping.figures import insights_refresh
from feedback.models import Note, NoteEvent, NoteStatus, StatusSubscription
from feedback.notes.services import capture_hooks_call
from feedback.privacy.addresses import email_digest, email_encrypt

logger = logging.getLogger(__name__)


def _note_leave_collective(*, note: Note) -> None:
    """Take a withdrawn note out of everything built from it (insights and counts).

    It leaves its insight, whose statistics are recomputed at once. Marked as placed by a
    manager (with no insight) and as processed, the grouping job never places it again,
    neither in its sweep nor in a full rebuild. Its encounter goes back to the statistics
    outbox, so the next aggregation run recomputes that week without the note.
    """
    old_insight_id = note.insight_id
    Note.objects.filter(pk=note.pk).update(
        insight=None, placed_by_manager=True, aggregated_at=timezone.now()
    )
    # Delete, then insert: a run that has claimed the encounter holds its outbox row, so
    # the delete waits for that run to commit, and the new row makes the next run recount
    # the week (skipping an existing row could let that run delete the request unseen).
    UncountedEncounter.objects.filter(encounter_id=note.encounter_id).delete()
    UncountedEncounter.objects.create(encounter_id=note.encounter_id)
    if old_insight_id:
        insights_refresh(insight_ids=[old_insight_id])
    capture_hooks_call(encounter_id=note.encounter_id, note_id=None)


def note_withdraw(*, note: Note) -> None:
    """The client takes their note back with the receipt code.

    The texts are erased, the receipt stops answering (its code is then unknown), e-mail
    subscriptions are deleted and the note leaves every insight and count. The row stays
    so that the encounter is still counted as one where the client was asked.
    """
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.withdrawn_at is not None:
            return
        locked.client_text = ""
        locked.worker_observation = ""
        locked.receipt_hash = None
        locked.may_publish = False
        locked.privacy_flags = []
        locked.status = NoteStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(
            update_fields=[
                "client_text",
                "worker_observation",
                "receipt_hash",
                "may_publish",
                "privacy_flags",
                "status",
                "withdrawn_at",
                "updated_at",
            ]
        )
        NoteEvent.objects.create(note=locked, status=NoteStatus.WITHDRAWN)
        StatusSubscription.objects.filter(note=locked).delete()
        _note_leave_collective(note=locked)
    logger.info("note withdrawn note_id=%s", note.pk)


def status_subscription_create(*, note: Note, email: str, language: str) -> StatusSubscription:
    """Remember that the client wants an e-mail when the note's status changes."""
    StatusSubscription.objects.get_or_create(
        note=note,
        email_digest=email_digest(email),
        defaults={
            "email_encrypted": email_encrypt(email),
            "language": language,
            "notified_status": note.status,
        },
    )
    logger.info("status subscription created note_id=%s", note.pk)
    return StatusSubscription.objects.get(note=note, email_digest=email_digest(email))


def status_subscriptions_delete(*, note: Note) -> int:
    """The client no longer wants e-mails about the note."""
    deleted, _ = StatusSubscription.objects.filter(note=note).delete()
    return deleted
