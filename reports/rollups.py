"""Roll-ups the aggregation job keeps for the dashboard, beside the weekly statistics.

Recomputed, never incremented: running one twice gives the same rows as once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.models import Note

from .models import UnitNoteMonth


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_bounds_start(month: date) -> datetime:
    """The aware start of a month in the current (Helsinki) time zone."""
    return timezone.make_aware(datetime.combine(month, time.min))


def note_months_rollup(*, now: datetime | None = None) -> int:
    """Recount every closed month's notes per unit; the current one stays live.

    A month closes a day after it ends, so that no note of it can still be committing.

    One grouped query over the note_unit_time_counts index and one transaction, so the
    dashboard never sees half a roll-up. Returns the number of rows written.
    """
    now = now or timezone.now()
    through = month_start(timezone.localtime(now - timedelta(days=1)).date())
    rows = (
        Note.objects.filter(created_at__lt=month_bounds_start(through))
        .annotate(month=TruncMonth("created_at"))
        .values("unit_id", "month")
        .annotate(notes=Count("*"))
        .order_by()
    )
    objects = [
        UnitNoteMonth(unit_id=row["unit_id"], month=_as_date(row["month"]), notes=row["notes"])
        for row in rows
    ]
    with transaction.atomic():
        UnitNoteMonth.objects.all().delete()
        UnitNoteMonth.objects.bulk_create(objects, batch_size=5000)
    return len(objects)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
