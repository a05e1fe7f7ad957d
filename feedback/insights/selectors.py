"""Reads for the managers' insight workspace.

insight_list_for_manager is the one rule for which insights a manager may see and act on;
the workspace lists them, the insight pages load through it, and actions attach only them.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import Exists, F, OuterRef, QuerySet

from encounters.models import Unit
from encounters.selectors import managed_unit_ids
from feedback.models import Insight, InsightStatus, Note


def insight_list_for_manager(*, user: AbstractBaseUser) -> QuerySet[Insight]:
    """The insights a manager may see and act on: open ones (not merged away, holding
    notes) with at least one note from a unit the user manages. New and growing first.

    Why notes and not the insight's unit: an insight of a whole service area concerns a
    manager only through their own clients' notes, and a manager sees only those notes.
    """
    return insight_list_for_units(unit_ids=managed_unit_ids(user=user))


def insight_list_for_units(*, unit_ids: set[int]) -> QuerySet[Insight]:
    """The same rule for a set of units: what a manager of exactly these units would see
    (the Integration API's keys are scoped to units, not to a user)."""
    has_managed_note = Exists(Note.objects.filter(insight=OuterRef("pk"), unit_id__in=unit_ids))
    # An insight holds the notes of one service area only: its area narrows the rows the
    # note check runs for, from every insight of the organisation to those of the areas.
    areas = Unit.objects.filter(id__in=unit_ids).values("service_area_id")
    return (
        Insight.objects.filter(merged_into__isnull=True, note_count__gt=0)
        .filter(service_area_id__in=areas)
        .filter(has_managed_note)
        .select_related("service_area", "unit", "concept")
        .annotate(growth=F("recent_count") - F("previous_count"))
        .order_by(
            models.Case(
                models.When(status=InsightStatus.NEW, then=0),
                default=1,
                output_field=models.IntegerField(),
            ),
            "-growth",
            "-last_note_at",
            "-id",
        )
    )


def insight_notes_for_manager(
    *, insight: Insight, user: AbstractBaseUser, unit_ids: set[int] | None = None
) -> QuerySet[Note]:
    """The insight's notes from the user's managed units; other units' notes stay hidden."""
    if unit_ids is None:
        unit_ids = managed_unit_ids(user=user)
    return (
        Note.objects.filter(insight=insight, unit_id__in=unit_ids)
        .select_related("unit", "encounter")
        .prefetch_related("themes")
        .order_by("-created_at", "-id")
    )


def insight_merge_targets(
    *, insight: Insight, user: AbstractBaseUser, unit_ids: set[int] | None = None
) -> QuerySet[Insight]:
    """Where the insight's notes may go: the manager's other insights of its service area."""
    if unit_ids is None:
        unit_ids = managed_unit_ids(user=user)
    return (
        insight_list_for_units(unit_ids=unit_ids)
        .filter(service_area_id=insight.service_area_id)
        .exclude(pk=insight.pk)
    )
