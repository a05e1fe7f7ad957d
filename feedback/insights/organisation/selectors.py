"""Reads about organisation-wide insights for admins, managers of a part and the public.

Figures of an organisation-wide insight are read from its parts: the notes live there.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from encounters.models import ServiceArea
from feedback.models import Insight, InsightScope

from ..selectors import insight_list_for_manager

LINK_CANDIDATES = 50
_OPEN_PARTS = Q(parts__merged_into__isnull=True)


def insight_list_organisation() -> QuerySet[Insight]:
    """Open organisation-wide insights with their parts' figures, latest activity first."""
    return (
        Insight.objects.filter(scope=InsightScope.ORGANISATION, merged_into__isnull=True)
        .annotate(
            part_count=Count("parts", filter=_OPEN_PARTS),
            area_count=Count("parts__service_area", filter=_OPEN_PARTS, distinct=True),
            part_notes=Sum("parts__note_count", filter=_OPEN_PARTS),
            part_last_note_at=Max("parts__last_note_at", filter=_OPEN_PARTS),
            part_first_note_at=Min("parts__first_note_at", filter=_OPEN_PARTS),
        )
        .order_by("-part_last_note_at", "-id")
    )


def organisation_parts(*, insight: Insight) -> QuerySet[Insight]:
    """The open parts of an organisation-wide insight, by service area."""
    return (
        insight.parts.filter(merged_into__isnull=True)
        .select_related("service_area", "unit")
        .order_by("service_area__name", "-note_count", "id")
    )


def organisation_area_counts(*, insight: Insight) -> list[dict]:
    """Per service area the parts reach: its name and how many notes. Counts only: a
    manager of one area sees no other area's note texts or insight titles."""
    rows = (
        organisation_parts(insight=insight)
        .values("service_area_id")
        .annotate(notes=Sum("note_count"))
        .order_by()
    )
    notes = {row["service_area_id"]: row["notes"] or 0 for row in rows}
    areas = ServiceArea.objects.filter(pk__in=notes).order_by("name")
    return [{"area": area, "notes": notes[area.pk]} for area in areas]


def insight_list_organisation_for_manager(*, user: AbstractBaseUser) -> QuerySet[Insight]:
    """Organisation-wide insights with a part the manager sees in their workspace."""
    parts = insight_list_for_manager(user=user).filter(parent__isnull=False)
    return insight_list_organisation().filter(pk__in=parts.order_by().values("parent_id"))


def insight_list_part_search(*, query: str) -> QuerySet[Insight]:
    """Open area and unit insights whose title contains the words, most notes first: the
    parts an admin may gather into a new organisation-wide insight."""
    ids = (
        Insight.objects.filter(title__icontains=query, merged_into__isnull=True, note_count__gt=0)
        .exclude(scope=InsightScope.ORGANISATION)
        .order_by("-note_count", "id")
        .values_list("pk", flat=True)[:LINK_CANDIDATES]
        if query
        else []
    )
    return (
        Insight.objects.filter(pk__in=list(ids))
        .select_related("service_area", "unit")
        .order_by("-note_count", "id")
    )


def insight_list_link_candidates(*, insight: Insight, query: str = "") -> QuerySet[Insight]:
    """Area and unit insights an admin may link as parts: open ones of the same matters as
    the parts, or whose title contains the search words; not parts already."""
    matters = organisation_parts(insight=insight).exclude(concept=None).values("concept_id")
    match = Q(concept_id__in=matters)
    if query:
        match |= Q(title__icontains=query)
    order = ("-note_count", "id")
    ids = (
        Insight.objects.filter(match, merged_into__isnull=True, note_count__gt=0)
        .exclude(scope=InsightScope.ORGANISATION)
        .exclude(parent=insight)
        .order_by(*order)
        .values_list("pk", flat=True)[:LINK_CANDIDATES]
    )
    # Unsliced, so that the form can validate a choice against it.
    return (
        Insight.objects.filter(pk__in=list(ids))
        .select_related("service_area", "unit")
        .order_by(*order)
    )
