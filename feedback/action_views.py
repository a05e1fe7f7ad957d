"""The managers' follow-up actions: create, move on, preview and publish."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from encounters.models import Unit
from encounters.selectors import managed_unit_ids

from . import action_services
from .action_forms import ActionForm, ActionStatusForm, PublishForm
from .action_selectors import (
    action_list_for_manager,
    action_list_overdue,
    insight_list_for_manager,
    note_list_unanswered,
)
from .models import Action


def _require_manager(request: HttpRequest) -> set[int]:
    unit_ids = managed_unit_ids(user=request.user)
    if not unit_ids:
        raise PermissionDenied
    return unit_ids


def _get_action_for_manager(request: HttpRequest, pk: int) -> Action:
    """An action of the manager's units or service areas; anything else is 404."""
    _require_manager(request)
    try:
        return (
            action_list_for_manager(user=request.user)
            .select_related("created_by", "published_by")
            .get(pk=pk)
        )
    except Action.DoesNotExist:
        raise Http404 from None


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    """Actions, overdue actions and unanswered notes of the manager's units."""
    _require_manager(request)
    today = timezone.localdate()
    return render(
        request,
        "feedback/action_list.html",
        {
            "actions": action_list_for_manager(user=request.user),
            "overdue": action_list_overdue(user=request.user, today=today),
            "unanswered": note_list_unanswered(user=request.user)[:50],
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest) -> HttpResponse:
    unit_ids = _require_manager(request)
    units = Unit.objects.filter(id__in=unit_ids).order_by("name")
    people = (
        get_user_model()
        .objects.filter(memberships__unit_id__in=unit_ids, is_active=True)
        .distinct()
        .order_by("username")
    )
    insights = insight_list_for_manager(user=request.user)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        insights=insights,
        units=units,
        people=people,
        initial={"insights": request.GET.getlist("insight"), "responsible": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = action_services.action_create(
            user=request.user,
            insights=data["insights"],
            unit=data["unit"],
            title_fi=data["title_fi"],
            title_sv=data["title_sv"],
            title_en=data["title_en"],
            text_fi=data["text_fi"],
            text_sv=data["text_sv"],
            text_en=data["text_en"],
            responsible=data["responsible"],
            due_date=data["due_date"],
        )
        messages.success(request, _("Action saved. The notes' timelines now show it."))
        return redirect("feedback:action_detail", pk=action.pk)
    return render(request, "feedback/action_form.html", {"form": form})


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_manager(request, pk)
    return render(
        request,
        "feedback/action_detail.html",
        {
            "action": action,
            "events": action.events.select_related("user"),
            "insights": action.insights.all(),
            "status_form": ActionStatusForm(initial={"status": action.status}),
            "overdue": action.is_overdue(timezone.localdate()),
        },
    )


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_manager(request, pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "feedback/action_detail.html",
            {
                "action": action,
                "events": action.events.select_related("user"),
                "insights": action.insights.all(),
                "status_form": form,
                "overdue": action.is_overdue(timezone.localdate()),
            },
            status=400,
        )
    action_services.action_set_status(action=action, user=request.user, **form.cleaned_data)
    messages.success(request, _("Status changed. The linked notes follow it."))
    return redirect("feedback:action_detail", pk=action.pk)


def _previews(action: Action) -> list[tuple[str, str, str]]:
    """The public entry exactly as each language's page will show it."""
    from django.template.loader import render_to_string

    previews = []
    for code, name in (("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))):
        with translation.override(code):
            entry = _annotated(action)
            html = render_to_string("public/_entry.html", {"action": entry, "preview": True})
        previews.append((str(name), html, code))
    return previews


def _annotated(action: Action) -> Action:
    from django.db.models import Max, Min, Sum

    return (
        Action.objects.filter(pk=action.pk)
        .annotate(
            people=Sum("insights__note_count"),
            said_from=Min("insights__first_note_at"),
            said_to=Max("insights__last_note_at"),
        )
        .select_related("unit", "service_area")
        .prefetch_related("insights")
        .get()
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview of exactly the public text, then an explicit publish."""
    action = _get_action_for_manager(request, pk)
    findings = action_services.action_privacy_check(action=action)
    form = PublishForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            action_services.action_publish(
                action=action, user=request.user, confirmed=form.cleaned_data["confirm"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            status = 400
        else:
            messages.success(request, _("Published on the “you said, we did” pages."))
            return redirect("feedback:action_detail", pk=action.pk)
    return render(
        request,
        "feedback/action_publish.html",
        {"action": action, "previews": _previews(action), "findings": findings, "form": form},
        status=status,
    )


@login_required
@require_POST
def action_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_manager(request, pk)
    action_services.action_unpublish(action=action, user=request.user)
    messages.success(request, _("Removed from the public pages."))
    return redirect("feedback:action_detail", pk=action.pk)
