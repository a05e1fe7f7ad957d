"""The team's monthly meeting view ("tiimin kuukausipalaveri"), its record and history.

For the members of a unit, workers and managers alike: the team looks at its own
experiential knowledge together and records what it decides. Turning a decision into an
action is for the unit's managers, as actions are everywhere else.
"""

import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from encounters.access import get_in_scope_or_404, member_units_or_403
from encounters.models import Team, Unit
from encounters.selectors import managed_unit_ids
from feedback.models import NoteAccess
from feedback.privacy.audit import note_access_record
from feedback.reflection.forms import DecisionForm, ReflectionForm
from feedback.reflection.services import (
    month_next,
    month_previous,
    month_start,
    reflection_decision_add,
    reflection_record,
)

from .meeting import (
    MeetingScope,
    insights_for_decisions,
    meeting_members,
    meeting_view_data,
    reflection_history,
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _get_unit_for_member(request: HttpRequest, unit_id: int) -> Unit:
    """One of the user's units; a user of none gets 403, another unit 404."""
    units = member_units_or_403(user=request.user)
    return get_in_scope_or_404(Unit.objects.filter(pk__in=[unit.pk for unit in units]), pk=unit_id)


def _parse_month(raw: str | None) -> date | None:
    """ "2026-12" as its first day; None for anything else."""
    today = timezone.localdate()
    if not raw:
        return month_start(today)
    match = _MONTH.match(raw)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and abs(year - today.year) <= 20):
        return None
    return date(year, month, 1)


def _scope(request: HttpRequest, unit_id: int) -> MeetingScope | HttpResponse:
    unit = _get_unit_for_member(request, unit_id)
    team = None
    team_id = request.GET.get("team")
    if team_id:
        if not team_id.isdigit():
            raise Http404
        team = get_in_scope_or_404(Team.objects.filter(unit=unit), pk=int(team_id))
    month = _parse_month(request.GET.get("month"))
    if month is None:
        return render(
            request,
            "reports/meeting_error.html",
            {"unit": unit, "error": _("Give the month as year and month, such as 2026-12.")},
            status=400,
        )
    return MeetingScope(unit=unit, team=team, month=month)


def _url(scope: MeetingScope, month: date | None = None, **extra) -> str:
    params = [f"month={(month or scope.month):%Y-%m}"]
    if scope.team:
        params.append(f"team={scope.team.pk}")
    params += [f"{key}={value}" for key, value in extra.items()]
    return reverse("reports:meeting", args=[scope.unit.pk]) + "?" + "&".join(params)


@login_required
@require_GET
def meeting_units(request: HttpRequest) -> HttpResponse:
    """The user's units and their teams, as the way into each meeting view."""
    units = member_units_or_403(user=request.user)
    if len(units) == 1 and not units[0].teams.exists():
        return redirect("reports:meeting", unit_id=units[0].pk)
    teams = Team.objects.filter(unit__in=units).order_by("name")
    return render(request, "reports/meeting_units.html", {"units": units, "teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The month's meeting view; a POST records the reflection or adds a decision."""
    scope = _scope(request, unit_id)
    if isinstance(scope, HttpResponse):
        return scope
    unit = scope.unit
    today = timezone.localdate()
    # Earlier months are history: readable, not rewritten. Last month stays open, for a
    # meeting held in the first days of the next.
    editable = scope.month >= month_previous(month_start(today))
    can_create_actions = unit.pk in managed_unit_ids(user=request.user)
    members = meeting_members(unit=unit)
    insights = insights_for_decisions(unit=unit) if editable else []
    record_form = ReflectionForm(members=members, prefix="record")
    decision_form = DecisionForm(
        members=members,
        insights=insights,
        can_create_actions=can_create_actions,
        prefix="decision",
        initial={"due_date": month_next(month_next(scope.month))},
    )
    status = 200
    if request.method == "POST":
        if not editable:
            status = 400
            messages.error(request, _("Earlier meetings are kept as they were recorded."))
        elif request.POST.get("form") == "record":
            record_form = ReflectionForm(request.POST, members=members, prefix="record")
            if record_form.is_valid():
                reflection_record(
                    unit=unit,
                    team=scope.team,
                    month=scope.month,
                    user=request.user,
                    **record_form.cleaned_data,
                )
                messages.success(request, _("The meeting's record was saved."))
                return redirect(_url(scope))
            status = 400
        elif request.POST.get("form") == "decision":
            decision_form = DecisionForm(
                request.POST,
                members=members,
                insights=insights,
                can_create_actions=can_create_actions,
                prefix="decision",
            )
            if decision_form.is_valid():
                reflection_decision_add(
                    unit=unit,
                    team=scope.team,
                    month=scope.month,
                    user=request.user,
                    **decision_form.cleaned_data,
                )
                messages.success(request, _("The decision was recorded."))
                return redirect(_url(scope) + "#decisions")
            status = 400
        else:
            status = 400
            messages.error(request, _("Unknown form."))
    data = meeting_view_data(scope=scope, today=today)
    if data["notes"]:
        note_access_record(
            user=request.user, purpose=NoteAccess.Purpose.UNIT_LIST, notes=data["notes"]
        )
    reflection = data["reflection"]
    if reflection and request.method == "GET":
        record_form = ReflectionForm(
            members=members,
            prefix="record",
            initial={
                "noticed_about_asking": reflection.noticed_about_asking,
                "follow_up_by": reflection.follow_up_by_id,
            },
        )
    return render(
        request,
        "reports/meeting.html",
        {
            "scope": scope,
            "unit": unit,
            "team": scope.team,
            "teams": unit.teams.all(),
            "editable": editable,
            "can_create_actions": can_create_actions,
            "record_form": record_form,
            "decision_form": decision_form,
            "screen": request.GET.get("view") == "screen",
            "previous_url": _url(scope, month_previous(scope.month)),
            "next_url": _url(scope, month_next(scope.month)),
            "screen_url": _url(scope, view="screen"),
            "normal_url": _url(scope),
            **data,
        },
        status=status,
    )


@login_required
@require_GET
def meeting_history(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Every earlier meeting of the unit and its teams, to read."""
    unit = _get_unit_for_member(request, unit_id)
    return render(
        request,
        "reports/meeting_history.html",
        {"unit": unit, "reflections": reflection_history(unit=unit)},
    )
