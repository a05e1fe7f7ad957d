"""Reads of the team's monthly meeting view: what the team looks at together.

For one unit (or one team within it) and one calendar month: the new and growing
insights, the notes since the last meeting, actions due or overdue, the "not possible
now" decisions with their reasons, the ask rate and its change, the openers that worked,
and what the last meeting decided. About twelve queries, whatever the amount of data.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from encounters.models import Encounter, Membership, Team, Unit
from feedback.models import Action, ActionStatus, Insight, InsightStatus, Note, Reflection
from feedback.reflection.services import month_next, month_previous

from .metrics import ask_rate
from .models import EncounterTotal
from .openers import opener_stats_for_report
from .selectors import _scope_q, growing_insights_for_report

MEETING_NOTE_LIMIT = 20
MEETING_LIST_LIMIT = 10
OPENERS_THAT_WORKED = 3


@dataclass(frozen=True)
class MeetingScope:
    unit: Unit
    team: Team | None
    month: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.month, time.min, tzinfo=timezone.get_current_timezone())

    @property
    def end(self) -> datetime:
        """The first moment of the next month: ranges below are start <= t < end."""
        return datetime.combine(
            month_next(self.month), time.min, tzinfo=timezone.get_current_timezone()
        )


def meeting_members(*, unit: Unit, team: Team | None = None) -> list:
    """The unit's members (or the team's), for "who follows up" and "responsible"."""
    memberships = Membership.objects.filter(unit=unit).select_related("user")
    if team:
        memberships = memberships.filter(team=team)
    return [membership.user for membership in memberships.order_by("user__username")]


def _team_filter(scope: MeetingScope, field: str) -> Q:
    """Only the team members' rows, when the meeting is a team's."""
    if scope.team is None:
        return Q()
    members = Membership.objects.filter(unit=scope.unit, team=scope.team).values("user_id")
    return Q(**{f"{field}__in": members})


def reflection_of_month(*, scope: MeetingScope) -> Reflection | None:
    return (
        Reflection.objects.filter(unit=scope.unit, team=scope.team, month=scope.month)
        .select_related("follow_up_by", "recorded_by")
        .prefetch_related("decisions__action", "decisions__insight")
        .first()
    )


def reflection_before(*, scope: MeetingScope) -> Reflection | None:
    """The team's latest meeting before this month."""
    return (
        Reflection.objects.filter(unit=scope.unit, team=scope.team, month__lt=scope.month)
        .select_related("follow_up_by")
        .prefetch_related("decisions__action", "decisions__insight")
        .order_by("-month")
        .first()
    )


def reflection_history(*, unit: Unit) -> QuerySet[Reflection]:
    """Every meeting record of the unit and its teams, latest first."""
    return (
        Reflection.objects.filter(unit=unit)
        .select_related("team", "follow_up_by")
        .annotate(decision_count=Count("decisions"))
        .order_by("-month", "team__name")
    )


def _notes_since(scope: MeetingScope, since: datetime) -> QuerySet[Note]:
    return (
        Note.objects.filter(
            _team_filter(scope, "author_id"),
            unit=scope.unit,
            created_at__gte=since,
            created_at__lt=scope.end,
            withdrawn_at__isnull=True,
        )
        .select_related("insight")
        .order_by("-created_at", "-id")
    )


def _asked(scope: MeetingScope, start: datetime, end: datetime) -> int:
    return Encounter.objects.filter(
        _team_filter(scope, "worker_id"),
        unit=scope.unit,
        client_asked=True,
        occurred_at__gte=start,
        occurred_at__lt=end,
    ).count()


def _ask_figures(scope: MeetingScope) -> dict:
    """Clients asked this month and last, and the ask rate where totals were imported.

    The imported totals are the unit's; a team's rate would divide its own asking by the
    whole unit's encounters, so a team meeting shows its count and change only.
    """
    previous = MeetingScope(unit=scope.unit, team=scope.team, month=month_previous(scope.month))
    asked = _asked(scope, scope.start, scope.end)
    asked_before = _asked(previous, previous.start, previous.end)
    figures = {"asked": asked, "asked_before": asked_before, "change": asked - asked_before}
    if scope.team is None:
        totals = EncounterTotal.objects.filter(
            unit=scope.unit, day__gte=previous.month, day__lt=month_next(scope.month)
        ).aggregate(
            current=Coalesce(Sum("total", filter=Q(day__gte=scope.month)), 0),
            previous=Coalesce(Sum("total", filter=Q(day__lt=scope.month)), 0),
        )
        rate, rate_before = (
            ask_rate(asked, totals["current"]),
            ask_rate(asked_before, totals["previous"]),
        )
        figures.update(rate=rate, rate_before=rate_before)
        if rate is not None and rate_before is not None:
            figures["rate_change"] = rate - rate_before
    return figures


def meeting_view_data(*, scope: MeetingScope, today: date) -> dict:
    """Everything the meeting view shows, for the template."""
    unit_ids = {scope.unit.pk}
    last = reflection_before(scope=scope)
    since = last.created_at if last and last.created_at < scope.end else scope.start
    notes = _notes_since(scope, since)
    open_statuses = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]
    first_of_next = month_next(scope.month)
    openers = [
        row
        for row in opener_stats_for_report(
            unit_ids=unit_ids, start=scope.start, end=scope.end, shared=False
        )
        if row["said"]
    ]
    openers.sort(key=lambda row: (-row["share_value"], -row["said"]))
    new_insights = list(
        Insight.objects.filter(
            _scope_q(unit_ids),
            merged_into__isnull=True,
            created_at__gte=scope.start,
            created_at__lt=scope.end,
        ).order_by("-note_count", "id")[:MEETING_LIST_LIMIT]
    )
    return {
        "reflection": reflection_of_month(scope=scope),
        "last": last,
        "since": since,
        "note_count": notes.count(),
        "notes": list(notes[:MEETING_NOTE_LIMIT]),
        "new_insights": new_insights,
        # A new insight is growing too; it is listed once, as new.
        "growing": [
            insight
            for insight in growing_insights_for_report(unit_ids=unit_ids)
            if insight not in new_insights
        ],
        "actions_due": [
            (action, action.is_overdue(today))
            for action in Action.objects.filter(
                _scope_q(unit_ids), status__in=open_statuses, due_date__lt=first_of_next
            )
            .select_related("responsible")
            .order_by("due_date", "id")[:MEETING_LIST_LIMIT]
        ],
        "not_possible": list(
            Action.objects.filter(
                _scope_q(unit_ids),
                status=ActionStatus.NOT_POSSIBLE,
                events__status=ActionStatus.NOT_POSSIBLE,
                events__created_at__gte=scope.start,
                events__created_at__lt=scope.end,
            )
            .distinct()
            .order_by("id")[:MEETING_LIST_LIMIT]
        ),
        "ask": _ask_figures(scope),
        "openers": openers[:OPENERS_THAT_WORKED],
    }


def insights_for_decisions(*, unit: Unit) -> list[Insight]:
    """The open insights a decision may be about: the unit's and its area's."""
    return list(
        Insight.objects.filter(_scope_q({unit.pk}), merged_into__isnull=True)
        .exclude(status__in=[InsightStatus.DONE, InsightStatus.NOT_POSSIBLE])
        .order_by("-last_note_at", "-id")[:50]
    )
