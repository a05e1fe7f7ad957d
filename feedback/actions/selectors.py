"""Reads about follow-up actions for the managers' pages."""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from encounters.models import Unit
from encounters.selectors import managed_unit_ids
from feedback.models import Action, ActionStatus, Note, NoteStatus

# A note still received or under review after this many days is listed as unanswered.
UNANSWERED_AFTER_DAYS = 30


def action_list_for_manager(*, user: AbstractBaseUser) -> QuerySet[Action]:
    """Actions of the manager's units, and area-wide ones of their service areas."""
    return action_list_for_units(unit_ids=managed_unit_ids(user=user))


def action_list_for_user(*, unit_ids: set[int], organisation: bool) -> QuerySet[Action]:
    """What the action pages show: the managed units' actions and, to an organisation
    admin, the organisation-wide ones."""
    actions = action_list_for_units(unit_ids=unit_ids)
    if organisation:
        actions = actions | Action.objects.filter(service_area__isnull=True)
    return actions


def action_list_for_units(*, unit_ids: set[int]) -> QuerySet[Action]:
    """Actions of these units, and area-wide ones of their service areas."""
    area_ids = set(Unit.objects.filter(id__in=unit_ids).values_list("service_area_id", flat=True))
    return (
        Action.objects.filter(
            Q(unit_id__in=unit_ids) | Q(unit__isnull=True, service_area_id__in=area_ids)
        )
        .select_related("unit", "service_area", "responsible")
        .order_by("due_date", "id")
    )


def action_list_overdue(*, user: AbstractBaseUser, today: date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return action_list_for_manager(user=user).filter(
        status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS], due_date__lt=today
    )


def note_list_unanswered(*, user: AbstractBaseUser) -> QuerySet[Note]:
    """Notes of the manager's units that nobody has answered with an action in time."""
    cutoff = timezone.now() - timedelta(days=UNANSWERED_AFTER_DAYS)
    return (
        Note.objects.filter(
            unit_id__in=managed_unit_ids(user=user),
            status__in=[NoteStatus.RECEIVED, NoteStatus.UNDER_REVIEW],
            withdrawn_at__isnull=True,
            created_at__lt=cutoff,
        )
        .select_related("unit")
        .order_by("created_at", "id")
    )
