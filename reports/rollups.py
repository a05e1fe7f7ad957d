"""Roll-ups the aggregation job keeps for the dashboard, beside the weekly statistics.

Recomputed once a day and by a rebuild; in between, notes inserted back-dated into closed
months are added to them. Running one twice gives the same rows as once: each note is
added only while its id is above the roll-up's highest.
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


def note_months_refresh(
    *, now: datetime | None = None, counted_on: date | None = None
) -> int | None:
    """Bring the roll-up up to date if back-dated notes arrived since it was made; rows
    written, or None.

    `counted_on` is the local day of the roll-up's last full count (the aggregation lock's
    trends_on). When that is today the closed months are still the ones it counted, so
    only the late notes (above its highest id) are counted and added, instead of counting
    a million notes again. Otherwise it is recounted. Without this a seeding or an import
    into past months left the roll-up different from a full rebuild's until the next
    day's first aggregation run recounted it.
    """
    now = now or timezone.now()
    if not note_months_stale(now=now):
        return None
    if counted_on != timezone.localdate(now):
        return note_months_rollup(now=now)
    return _note_months_add(now=now)


def _note_months_add(*, now: datetime) -> int:
    """Add the notes of closed months above the roll-up's highest id to it, in one
    transaction that locks its rows first (so two runs never add the same notes); every
    row then records the new highest id. Returns rows written."""
    with transaction.atomic():
        counted = {
            (unit_id, month): (notes, through)
            for unit_id, month, notes, through in UnitNoteMonth.objects.select_for_update()
            .order_by("pk")
            .values_list("unit_id", "month", "notes", "through_note_id")
        }
        if not counted:
            return note_months_rollup(now=now)
        after_id = min(through for _notes, through in counted.values())
        through_id = Note.objects.aggregate(last=Max("id"))["last"] or 0
        late = (
            Note.objects.filter(
                created_at__lt=_closed_before(now), id__gt=after_id, id__lte=through_id
            )
            .annotate(month=TruncMonth("created_at"))
            .values("unit_id", "month")
            .annotate(notes=Count("*"))
            .order_by()
        )
        added = {(row["unit_id"], _as_date(row["month"])): row["notes"] for row in late}
        UnitNoteMonth.objects.bulk_create(
            [
                UnitNoteMonth(
                    unit_id=unit_id,
                    month=month,
                    notes=counted.get((unit_id, month), (0, 0))[0] + notes,
                    through_note_id=through_id,
                )
                for (unit_id, month), notes in sorted(added.items())
            ],
            update_conflicts=True,
            unique_fields=["unit", "month"],
            update_fields=["notes", "through_note_id"],
            batch_size=5000,
        )
        UnitNoteMonth.objects.exclude(through_note_id=through_id).update(through_note_id=through_id)
    return len(added)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
