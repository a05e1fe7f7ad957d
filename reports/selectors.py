"""Reads that feed the managers' reports."""

from django.db.models import QuerySet
from django.utils import timezone

from feedback.models import Note

from .filters import Period


def note_list_for_report(
    *,
    unit_ids: set[int],
    period: Period,
    theme_slug: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
) -> QuerySet[Note]:
    """Notes behind the figures of a filtered report, oldest first."""
    tz = timezone.get_current_timezone()
    start = timezone.datetime.combine(period.start, timezone.datetime.min.time(), tzinfo=tz)
    end = timezone.datetime.combine(period.end, timezone.datetime.max.time(), tzinfo=tz)
    notes = Note.objects.filter(unit_id__in=unit_ids, created_at__range=(start, end))
    if theme_slug:
        notes = notes.filter(themes__slug=theme_slug)
    if kind:
        notes = notes.filter(kind=kind)
    if channel:
        notes = notes.filter(encounter__channel=channel)
    return (
        notes.select_related("unit", "unit__service_area", "encounter", "author")
        .prefetch_related("themes")
        .order_by("created_at", "id")
    )
