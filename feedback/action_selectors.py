"""Reads about follow-up actions for the managers' pages and the public pages."""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from encounters.models import Unit
from encounters.selectors import managed_unit_ids

from .models import Action, ActionStatus, Insight, Note, NoteStatus

# A note still received or under review after this many days is listed as unanswered.
UNANSWERED_AFTER_DAYS = 30
# Public counts below this show as "fewer than 5".
PUBLIC_COUNT_FLOOR = 5


def _managed_scope(*, user: AbstractBaseUser) -> tuple[set[int], set[int]]:
    unit_ids = managed_unit_ids(user=user)
    area_ids = set(Unit.objects.filter(id__in=unit_ids).values_list("service_area_id", flat=True))
    return unit_ids, area_ids


def insight_list_for_manager(*, user: AbstractBaseUser) -> QuerySet[Insight]:
    """Open insights of the manager's units, and area-wide ones of their service areas."""
    unit_ids, area_ids = _managed_scope(user=user)
    return (
        Insight.objects.filter(merged_into__isnull=True, note_count__gt=0)
        .filter(Q(unit_id__in=unit_ids) | Q(unit__isnull=True, service_area_id__in=area_ids))
        .select_related("unit", "service_area")
        .order_by("-last_note_at", "-id")
    )


def action_list_for_manager(*, user: AbstractBaseUser) -> QuerySet[Action]:
    """Actions of the manager's units, and area-wide ones of their service areas."""
    unit_ids, area_ids = _managed_scope(user=user)
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


def note_count_led_to_change(*, user: AbstractBaseUser) -> int:
    """ "N of your notes led to a change": the worker's notes whose action was done."""
    return Note.objects.filter(author=user, status=NoteStatus.DONE).count()


def action_list_public(
    *, area_id: int | None = None, unit_id: int | None = None, theme: str = ""
) -> QuerySet[Action]:
    """Published actions, latest first, with what the public entry shows.

    people: how many notes led to it (shown as "fewer than 5" below the floor); said_from
    and said_to: over what period they were given.
    """
    actions = Action.objects.filter(published_at__isnull=False)
    if area_id:
        actions = actions.filter(service_area_id=area_id)
    if unit_id:
        actions = actions.filter(
            Q(unit_id=unit_id) | Q(unit__isnull=True, service_area__units=unit_id)
        )
    if theme:
        actions = actions.filter(insights__themes__has_key=theme)
    ids = actions.values("id")
    return (
        Action.objects.filter(id__in=ids)
        .annotate(
            people=Sum("insights__note_count"),
            said_from=Min("insights__first_note_at"),
            said_to=Max("insights__last_note_at"),
        )
        .select_related("unit", "service_area")
        .prefetch_related("insights")
        .order_by("-published_at", "-id")
    )


def action_last_published_at():
    return Action.objects.filter(published_at__isnull=False).aggregate(last=Max("published_at"))[
        "last"
    ]


def action_public_for_note(*, note: Note) -> Action | None:
    """The published action that answers the note's insight, for the receipt page."""
    if not note.insight_id:
        return None
    return (
        Action.objects.filter(insights=note.insight_id, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )
