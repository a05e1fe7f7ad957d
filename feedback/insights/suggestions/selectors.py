"""Reads of open suggestions, always within the manager's units."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet

from encounters.models import Membership
from encounters.selectors import unit_ids_subquery
from feedback.models import Insight, Note, Suggestion, SuggestionState


def suggestion_list_open(*, unit_ids: set[int] | QuerySet) -> QuerySet[Suggestion]:
    """Open suggestions about notes of these units, into insights still open, for notes
    not yet in the suggested insight and not withdrawn.

    The suggested insight must be one the manager sees (it holds a note of their units),
    or one still empty: a matter's insight the job made only to offer it, whose title is
    the matter's name. An insight of other units' notes only, whose title may come from
    their words, is never shown.
    """
    managed_note = Note.objects.filter(insight=OuterRef("insight_id"), unit_id__in=unit_ids)
    return (
        Suggestion.objects.filter(
            state=SuggestionState.OPEN,
            note__unit_id__in=unit_ids,
            note__withdrawn_at__isnull=True,
            insight__merged_into__isnull=True,
        )
        .filter(Q(insight__note_count=0) | Exists(managed_note))
        .exclude(note__insight_id=F("insight_id"))
        .select_related("note", "note__unit", "note__insight", "insight")
        .order_by("-score", "id")
    )


def suggestion_list_open_for_insight(
    *, insight: Insight, unit_ids: set[int]
) -> QuerySet[Suggestion]:
    """Notes of the manager's units the job thinks belong to this insight, likeliest first."""
    return suggestion_list_open(unit_ids=unit_ids).filter(insight=insight)


def suggestion_note_ids_open(*, unit_ids: set[int]) -> QuerySet:
    """The ids of notes with open suggestions, the note with the likeliest guess first:
    the queue's pages, a note at a time."""
    return (
        suggestion_list_open(unit_ids=unit_ids)
        .order_by()
        .values("note_id")
        .annotate(best=Max("score"))
        .order_by("-best", "note_id")
        .values_list("note_id", flat=True)
    )


def suggestion_list_open_for_notes(
    *, note_ids: list[int], unit_ids: set[int]
) -> list[tuple[Note, list[Suggestion]]]:
    """The notes in the given order, each with its open suggestions, likeliest first; each
    suggestion knows whether its insight holds notes (an empty one has no page yet)."""
    by_note: dict[int, list[Suggestion]] = {note_id: [] for note_id in note_ids}
    for suggestion in suggestion_list_open(unit_ids=unit_ids).filter(note_id__in=note_ids):
        by_note[suggestion.note_id].append(suggestion)
    return [(found[0].note, found) for found in by_note.values() if found]


def suggestion_count_open_for_manager(*, user: AbstractBaseUser) -> int:
    """How many suggestions wait for this manager, for the navigation."""
    if not user.is_authenticated:
        return 0
    # One query: the manager's units as a subquery rather than fetched first.
    managed = unit_ids_subquery(user=user, role=Membership.Role.MANAGER)
    return suggestion_list_open(unit_ids=managed).count()
