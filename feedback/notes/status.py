"""How a note's status follows the action taken on its insight.

The client's receipt page and status e-mails show a note's status, so the rule lives here
once. Actions call it when their status changes; grouping and curation call it when notes
join an insight that already has an action.

A note that joins an insight whose action is already done, or found not possible, was not
answered by that change: it takes its own status, "arrived after the change". It is news
for the manager (the problem may be back, it counts as recurrence), and its client is told
the truth: a change was made on that date, their note came after it and is with the team.
It keeps that status until the action is reopened.
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from feedback.models import Action, ActionEvent, ActionStatus, Note, NoteEvent, NoteStatus
from feedback.tasks import notify_status_subscribers

logger = logging.getLogger(__name__)

# How an action's status shows on the notes of its insights.
NOTE_STATUS_FOR_ACTION = {
    ActionStatus.PLANNED: NoteStatus.ACTION_PLANNED,
    ActionStatus.IN_PROGRESS: NoteStatus.ACTION_PLANNED,
    ActionStatus.DONE: NoteStatus.DONE,
    ActionStatus.NOT_POSSIBLE: NoteStatus.NOT_POSSIBLE,
}


# Action statuses after which the change has been made (or explained): a note joining later
# arrived after the change.
CHANGE_MADE = frozenset({ActionStatus.DONE, ActionStatus.NOT_POSSIBLE})


def note_status_on_joining(action_status: str) -> str:
    """The status a note takes when it joins an insight whose latest action has this status.

    Why: a change made before the client spoke cannot be "made because of" their feedback.
    """
    if action_status in CHANGE_MADE:
        return NoteStatus.AFTER_CHANGE
    return NOTE_STATUS_FOR_ACTION[action_status]


def change_made_at(*, insight_id: int) -> datetime | None:
    """When the insight's latest done or not-possible action got that status."""
    event = (
        ActionEvent.objects.filter(
            action__insights=insight_id,
            kind=ActionEvent.Kind.STATUS,
            status__in=list(CHANGE_MADE),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    return event.created_at if event else None


def _enqueue_status_mail() -> None:
    try:
        notify_status_subscribers.delay()
    except Exception:  # noqa: BLE001 - a broker that is down: the beat sweep sends later
        logger.warning("status mail not queued; the periodic sweep sends it")


def _notes_take_status(*, notes, status: str, now: datetime, keep=()) -> int:
    """Move the notes not yet at `status` (nor at a status in `keep`) there, each with a
    timeline event."""
    ids = list(notes.exclude(status__in=[status, *keep]).values_list("id", flat=True))
    if not ids:
        return 0
    Note.objects.filter(id__in=ids).update(status=status, updated_at=now)
    NoteEvent.objects.bulk_create(
        [NoteEvent(note_id=pk, status=status, created_at=now) for pk in ids], batch_size=2000
    )
    return len(ids)


def _mail_if_moved(moved: int) -> int:
    """One status-mail run after commit, however many notes moved."""
    if moved:
        transaction.on_commit(_enqueue_status_mail, robust=True)
    return moved


def notes_follow_action(*, insight_ids: Iterable[int], action_status: str, now: datetime) -> int:
    """Every note of the insights takes the action's status; notes that arrived after the
    change keep theirs while the action stays done or not possible. Returns notes moved."""
    notes = Note.objects.filter(insight_id__in=list(insight_ids), withdrawn_at__isnull=True)
    keep = [NoteStatus.AFTER_CHANGE] if action_status in CHANGE_MADE else []
    moved = _notes_take_status(
        notes=notes, status=NOTE_STATUS_FOR_ACTION[action_status], now=now, keep=keep
    )
    return _mail_if_moved(moved)


def notes_follow_actions(
    *, insight_ids: Iterable[int], note_ids: Iterable[int] | None = None
) -> int:
    """Notes that joined an insight with an action (by grouping, a move or a merge) take
    the status of its latest action, with a timeline event, or "arrived after the change"
    when that action is done or not possible (note_status_on_joining); `note_ids` limits
    the check to the notes that just joined. Returns the notes moved."""
    wanted = set(insight_ids)
    note_ids = None if note_ids is None else list(note_ids)
    latest: dict[int, str] = {}
    rows = (
        Action.insights.through.objects.order_by("action__updated_at", "action_id")
        .values_list("insight_id", "action__status")
        .iterator()
    )
    for insight_id, status in rows:
        if insight_id in wanted:
            latest[insight_id] = status  # the latest action wins
    moved = 0
    now = timezone.now()
    for insight_id, status in sorted(latest.items()):
        notes = Note.objects.filter(insight_id=insight_id, withdrawn_at__isnull=True)
        if note_ids is not None:
            notes = notes.filter(id__in=note_ids)
        joined = note_status_on_joining(status)
        # Notes the change itself answered keep its status; the others arrived after it.
        keep = [NOTE_STATUS_FOR_ACTION[status]] if status in CHANGE_MADE else []
        moved += _notes_take_status(notes=notes, status=joined, now=now, keep=keep)
    return _mail_if_moved(moved)
