"""Reads that feed the managers' reports."""

from datetime import date, datetime, timedelta

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from encounters.models import Unit
from feedback.models import (
    Action,
    ActionStatus,
    Insight,
    InsightStatus,
    IntegrationKey,
    Note,
    NoteStatus,
)

from .filters import Period
from .models import (
    ALL_THEMES,
    NO_NOTE,
    AggregationRun,
    EncounterTotal,
    UnitNoteMonth,
    WeeklyUnitStat,
)


def note_list_for_report(
    *,
    unit_ids: set[int],
    period: Period,
    theme_slug: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
) -> QuerySet[Note]:
    """Notes behind the figures of a filtered report, oldest first."""
    start, end = _bounds(period)
    notes = Note.objects.filter(unit_id__any_of=unit_ids, created_at__range=(start, end))
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


# -- the managers' dashboard --------------------------------------------------------------
# Every figure is read from the aggregate tables (WeeklyUnitStat, EncounterTotal, Insight's
# own counters); raw notes only for the bounded lists (unused notes, participation). The
# definitions shown on the page are in reports/metrics.py, next to nothing else.


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_stats_for_report(
    *,
    unit_ids: set[int],
    period: Period,
    theme_slug: str | None,
    kind: str | None,
    channel: str | None,
) -> list[dict]:
    """Summed weekly rows for the period and the previous period of the same length.

    Weeks are ISO weeks (Monday first); a week counts when its Monday falls in the period
    or the week overlaps its start. One query.
    """
    previous = period.previous()
    rows = WeeklyUnitStat.objects.filter(
        unit_id__any_of=unit_ids,
        week_start__gte=_monday(previous.start),
        week_start__lte=period.end,
        theme=theme_slug or ALL_THEMES,
    )
    if channel:
        rows = rows.filter(channel=channel)
    if kind:
        rows = rows.filter(kind__in=[kind, NO_NOTE])
    return list(
        rows.values("week_start", "kind", "channel")
        .annotate(
            notes=Sum("notes"),
            asked=Sum("encounters_asked"),
            nothing=Sum("nothing_to_add"),
        )
        .order_by("week_start", "kind", "channel")
    )


def weekly_theme_counts(
    *, unit_ids: set[int], period: Period, kind: str | None, channel: str | None
) -> dict:
    """Notes per theme slug in the period (theme rows of the aggregate table)."""
    rows = WeeklyUnitStat.objects.filter(
        unit_id__any_of=unit_ids,
        week_start__gte=_monday(period.start),
        week_start__lte=period.end,
    ).exclude(theme=ALL_THEMES)
    if kind:
        rows = rows.filter(kind=kind)
    if channel:
        rows = rows.filter(channel=channel)
    return dict(rows.values_list("theme").annotate(total=Sum("notes")).order_by("theme"))


def encounter_totals_for_report(*, unit_ids: set[int], period: Period) -> dict[str, int]:
    """Imported totals of all encounters, this period and the previous one. One query."""
    previous = period.previous()
    return EncounterTotal.objects.filter(
        unit_id__any_of=unit_ids, day__gte=previous.start, day__lte=period.end
    ).aggregate(
        current=Coalesce(Sum("total", filter=Q(day__gte=period.start)), 0),
        previous=Coalesce(Sum("total", filter=Q(day__lt=period.start)), 0),
        current_days=Count("id", filter=Q(day__gte=period.start)),
    )


def participation_for_report(*, unit_ids: set[int], period: Period) -> dict[int, dict]:
    """Per unit id: workers who recorded anything in the period, out of its workers. One
    query, bounded by the units in scope; never a ranking of individual workers. Plain
    values: the caller has the units already."""
    start, end = _bounds(period)
    writers = (
        Note.objects.filter(unit_id=OuterRef("pk"), created_at__range=(start, end))
        # Notes sent by another system are recorded by the integration key's account,
        # which is nobody in the team.
        .exclude(author_id__in=IntegrationKey.objects.values("account_id"))
        .order_by()
        .values("unit_id")
        .annotate(n=Count("author_id", distinct=True))
        .values("n")
    )
    staff = (
        Unit.objects.filter(pk__any_of=unit_ids)
        .values("pk")
        .annotate(
            workers=Count("memberships", distinct=True), writers=Coalesce(Subquery(writers), 0)
        )
        .order_by()
    )
    return {row["pk"]: {"writers": row["writers"], "workers": row["workers"]} for row in staff}


UNUSED_AFTER_DAYS = 30
ANSWERED = [NoteStatus.ACTION_PLANNED, NoteStatus.DONE, NoteStatus.NOT_POSSIBLE]


def unused_notes_for_report(*, unit_ids: set[int], now=None) -> QuerySet[Note]:
    """Notes older than 30 days that are neither in a reviewed insight nor answered."""
    now = now or timezone.now()
    return (
        Note.objects.filter(
            unit_id__any_of=unit_ids, created_at__lt=now - timedelta(days=UNUSED_AFTER_DAYS)
        )
        .exclude(status__in=ANSWERED)
        .filter(Q(insight__isnull=True) | Q(insight__reviewed_at__isnull=True))
        .select_related("unit", "insight")
        .order_by("created_at", "id")
    )


def unused_count_for_report(*, unit_ids: set[int], now=None) -> int:
    """How many notes unused_notes_for_report() holds, without counting them one by one.

    All notes older than 30 days (whole months from the UnitNoteMonth roll-up, the months
    after its last one from the notes), less the answered ones and the unanswered ones in
    reviewed insights (two disjoint sets, one query on small partial indexes). Exact however
    old the roll-up is: notes are never deleted and keep their unit and time; only a stale
    roll-up makes the live part longer. Three queries.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=UNUSED_AFTER_DAYS)
    cutoff_month = timezone.localtime(cutoff).date().replace(day=1)
    # The roll-up writes all its months at once, so every month up to the last one of the
    # scope's units is complete; months with no row had no notes.
    rolled = UnitNoteMonth.objects.filter(unit_id__any_of=unit_ids).aggregate(
        total=Coalesce(Sum("notes", filter=Q(month__lt=cutoff_month)), 0), last=Max("month")
    )
    old = Note.objects.filter(unit_id__any_of=unit_ids, created_at__lt=cutoff)
    live = old
    if rolled["last"] is not None:
        after = min(_next_month(rolled["last"]), cutoff_month)
        live = old.filter(
            created_at__gte=timezone.make_aware(datetime.combine(after, datetime.min.time()))
        )
    answered = old.filter(status__in=ANSWERED).order_by().values("pk")
    in_reviewed = (
        old.filter(insight__reviewed_at__isnull=False)
        .exclude(status__in=ANSWERED)
        .order_by()
        .values("pk")
    )
    used = answered.union(in_reviewed, all=True).count()
    return rolled["total"] + live.count() - used


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _scope_q(unit_ids: set[int]) -> Q:
    """Insights or actions of the scope: a unit's own, or an area's of an area in scope.

    The areas come from a subquery on the units, not a join through every unit of the
    area, so that rows cannot repeat and no DISTINCT is needed.
    """
    areas = Unit.objects.filter(pk__any_of=unit_ids).values("service_area_id")
    return Q(unit_id__any_of=unit_ids) | Q(unit__isnull=True, service_area_id__in=areas)


def growing_insights_for_report(*, unit_ids: set[int], limit: int = 5) -> list[Insight]:
    """Open insights rising fastest: notes in the last 30 days against the 30 before."""
    return list(
        Insight.objects.filter(
            _scope_q(unit_ids), merged_into__isnull=True, recent_count__gt=F("previous_count")
        )
        .exclude(status__in=[InsightStatus.DONE, InsightStatus.NOT_POSSIBLE])
        .annotate(growth=F("recent_count") - F("previous_count"))
        .order_by("-growth", "-recent_count", "id")[:limit]
    )


def aggregation_last_finished() -> AggregationRun | None:
    return AggregationRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()


def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period's first and last moment, in the local time zone."""
    return _bounds(period)


def _bounds(period: Period):
    tz = timezone.get_current_timezone()
    start = timezone.datetime.combine(period.start, timezone.datetime.min.time(), tzinfo=tz)
    end = timezone.datetime.combine(period.end, timezone.datetime.max.time(), tzinfo=tz)
    return start, end


def loop_for_report(*, unit_ids: set[int], period: Period) -> dict:
    """What the loop gave back in the period. Two queries: notes by outcome (indexed by unit
    and time), and the published actions of the scope with their insights' counters (with
    the times of the changes made in the period, as "done")."""
    start, end = _bounds(period)
    notes = Note.objects.filter(
        unit_id__any_of=unit_ids, created_at__range=(start, end), withdrawn_at__isnull=True
    ).aggregate(
        # Columns of the note_unit_time_counts index (status is never null), not the id:
        # the index answers without reading the rows.
        total=Count("*"),
        outcome=Count("status", filter=Q(status__in=[NoteStatus.DONE, NoteStatus.NOT_POSSIBLE])),
        # Recurrence: notes that joined a matter after its change was made.
        after_change=Count("status", filter=Q(status=NoteStatus.AFTER_CHANGE)),
    )
    rows = list(
        # The scope is a subquery on the areas, so no join can multiply the sums. The same
        # query brings the changes made in the period (published or not) for the weekly
        # series.
        Action.objects.filter(
            _scope_q(unit_ids),
            Q(published_at__range=(start, end))
            | Q(status=ActionStatus.DONE, done_at__range=(start, end)),
        )
        .annotate(first_note=Min("insights__first_note_at"), notes=Sum("insights__note_count"))
        .values(
            "pk",
            "status",
            "constraint_category",
            "quick_change",
            "published_at",
            "done_at",
            "first_note",
            "notes",
        )
        .order_by("pk")
    )
    actions = [row for row in rows if row["published_at"] and start <= row["published_at"] <= end]
    done = [
        row["done_at"]
        for row in rows
        if row["status"] == ActionStatus.DONE and row["done_at"] and start <= row["done_at"] <= end
    ]
    return {"notes": notes, "actions": actions, "done": done}


def changes_per_week(done_at: list[datetime]) -> dict[date, int]:
    """Changes made (loop_for_report's "done" times), by the Monday of their week."""
    counts: dict[date, int] = {}
    for when in done_at:
        day = timezone.localdate(when)
        monday = day - timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + 1
    return counts
