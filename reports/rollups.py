"""Roll-ups the aggregation job keeps for the dashboard, beside the weekly statistics.

Recomputed, never incremented: running one twice gives the same rows as once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.models import Note

from .models import UnitNoteMonth


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_bounds_start(month: date) -> datetime:
    """The aware start of a month in the current (Helsinki) time zone."""
    return timezone.make_aware(datetime.combine(month, time.min))


def _closed_before(now: datetime) -> datetime:
    """Notes created before this moment are in closed months.

    A month closes a day after it ends, so that no note of it can still be committing.
    """
    return month_bounds_start(month_start(timezone.localtime(now - timedelta(days=1)).date()))


def note_months_rollup(*, now: datetime | None = None) -> int:
    """Recount every closed month's notes per unit; the current one stays live.

    One grouped query over the note_unit_time_counts index and one transaction, so the
    dashboard never sees half a roll-up. Returns the number of rows written.
    """
    now = now or timezone.now()
    through_id = Note.objects.aggregate(last=Max("id"))["last"] or 0
    rows = (
        Note.objects.filter(created_at__lt=_closed_before(now), id__lte=through_id)
        .annotate(month=TruncMonth("created_at"))
        .values("unit_id", "month")
        .annotate(notes=Count("*"))
        .order_by()
    )
    objects = [
        UnitNoteMonth(
            unit_id=row["unit_id"],
            month=_as_date(row["month"]),
            notes=row["notes"],
            through_note_id=through_id,
        )
        for row in rows
    ]
    with transaction.atomic():
        UnitNoteMonth.objects.all().delete()
        UnitNoteMonth.objects.bulk_create(objects, batch_size=5000)
    return len(objects)


def note_months_stale(*, now: datetime | None = None) -> bool:
    """Whether a note was inserted into a closed month after the roll-up counted it.

    Captures are never back-dated, so only a seeding or an import makes this true. Reads
    the notes above the roll-up's highest id: the primary key's few newest rows.
    """
    now = now or timezone.now()
    through_id = UnitNoteMonth.objects.aggregate(through=Min("through_note_id"))["through"]
    late = Note.objects.filter(created_at__lt=_closed_before(now))
    if through_id is not None:
        late = late.filter(id__gt=through_id)
    return late.exists()


def note_months_refresh(*, now: datetime | None = None) -> int | None:
    """Recount the roll-up if back-dated notes arrived since it was made; rows or None.

    Without this a seeding or an import into past months left the roll-up different from
    a full rebuild's until the next day's first aggregation run recounted it.
    """
    if not note_months_stale(now=now):
        return None
    return note_months_rollup(now=now)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
