"""Reads of open suggestions, always within the manager's units."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, QuerySet

from encounters.models import Membership
from encounters.selectors import unit_ids_subquery
from feedback.models import Insight, Suggestion, SuggestionState


def suggestion_list_open(*, unit_ids: set[int] | QuerySet) -> QuerySet[Suggestion]:
    """Open suggestions about notes of these units, into insights still open, for notes
    not yet in the suggested insight and not withdrawn."""
    return (
        Suggestion.objects.filter(
            state=SuggestionState.OPEN,
            note__unit_id__in=unit_ids,
            note__withdrawn_at__isnull=True,
            insight__merged_into__isnull=True,
        )
        .exclude(note__insight_id=F("insight_id"))
        .select_related("note", "note__unit", "note__insight", "insight")
        .order_by("-score", "id")
    )


def suggestion_list_open_for_insight(
    *, insight: Insight, unit_ids: set[int]
) -> QuerySet[Suggestion]:
    """Notes of the manager's units the job thinks belong to this insight, likeliest first."""
    return suggestion_list_open(unit_ids=unit_ids).filter(insight=insight)


def suggestion_count_open_for_manager(*, user: AbstractBaseUser) -> int:
    """How many suggestions wait for this manager, for the navigation."""
    if not user.is_authenticated:
        return 0
    # One query: the manager's units as a subquery rather than fetched first.
    managed = unit_ids_subquery(user=user, role=Membership.Role.MANAGER)
    return suggestion_list_open(unit_ids=managed).count()
