"""The managers' follow-up actions: create, move on, preview and publish."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from encounters.access import (
    get_in_scope_or_404,
    managed_unit_ids_or_403,
    managed_unit_ids_or_organisation_403,
    organisation_admin_or_403,
)
from encounters.models import Unit
from feedback.insights.organisation.selectors import insight_list_organisation
from feedback.insights.selectors import insight_list_for_manager
from feedback.models import Action
from feedback.public.selectors import action_entries

from . import services as action_services
from .forms import ActionForm, ActionStatusForm, PublishForm
from .selectors import (
    action_list_for_manager,
    action_list_for_user,
    action_list_overdue,
    note_list_unanswered,
)


def _get_action_for_manager(request: HttpRequest, pk: int) -> Action:
    """An action of the manager's units or service areas, or to an organisation admin an
    organisation-wide one; anyone else gets 403, actions outside 404."""
    unit_ids, organisation = managed_unit_ids_or_organisation_403(user=request.user)
    return get_in_scope_or_404(
        action_list_for_user(unit_ids=unit_ids, organisation=organisation).select_related(
            "created_by", "published_by"
        ),
        pk=pk,
    )


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    """Actions, overdue actions and unanswered notes of the manager's units."""
    managed_unit_ids_or_403(user=request.user)
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


def _action_form(
    request: HttpRequest, unit_ids: set[int], *, organisation: bool = False, **kwargs
) -> ActionForm:
    """The action form of a unit manager, or of an organisation admin for an
    organisation-wide action (organisation insights, no unit, any active staff member)."""
    if organisation:
        return organisation_action_form(request, **kwargs)
    units = Unit.objects.filter(id__in=unit_ids).order_by("name")
    people = (
        get_user_model()
        .objects.filter(memberships__unit_id__in=unit_ids, is_active=True)
        .distinct()
        .order_by("username")
    )
    return ActionForm(
        request.POST if request.method == "POST" else None,
        insights=insight_list_for_manager(user=request.user),
        units=units,
        people=people,
        **kwargs,
    )


def organisation_action_form(request: HttpRequest, **kwargs) -> ActionForm:
    people = get_user_model().objects.filter(is_active=True).order_by("username")
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        insights=insight_list_organisation(),
        units=(),
        people=people,
        **kwargs,
    )
    form.fields["unit"].empty_label = _("The whole organisation")
    form.fields["unit"].set_units(())
    return form


@login_required
@require_http_methods(["GET", "POST"])
def organisation_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation admin answers an organisation-wide insight with one action."""
    organisation_admin_or_403(user=request.user)
    insight = get_in_scope_or_404(insight_list_organisation(), pk=pk)
    form = organisation_action_form(
        request, initial={"insights": [insight.pk], "responsible": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = action_services.action_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action saved. The notes' timelines now show it."))
            return redirect("feedback:action_detail", pk=action.pk)
    return render(request, "feedback/action_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest) -> HttpResponse:
    unit_ids = managed_unit_ids_or_403(user=request.user)
    form = _action_form(
        request,
        unit_ids,
        initial={"insights": request.GET.getlist("insight"), "responsible": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = action_services.action_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action saved. The notes' timelines now show it."))
            return redirect("feedback:action_detail", pk=action.pk)
    return render(request, "feedback/action_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an action; a published one leaves the public pages until published again."""
    action = _get_action_for_manager(request, pk)
    organisation = action.is_organisation_wide
    unit_ids = set() if organisation else managed_unit_ids_or_403(user=request.user)
    fields = ["unit", "title_fi", "title_sv", "title_en", "text_fi", "text_sv", "text_en"]
    initial = {name: getattr(action, name) for name in fields}
    initial.update(
        insights=list(action.insights.values_list("pk", flat=True)),
        responsible=action.responsible_id,
        due_date=action.due_date,
    )
    form = _action_form(request, unit_ids, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action_services.action_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Action saved. Publish it again to show the new text."))
            return redirect("feedback:action_detail", pk=action.pk)
    return render(request, "feedback/action_form.html", {"form": form, "action": action})


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
    was_published = action.is_published
    if form.is_valid():
        try:
            action = action_services.action_set_status(
                action=action, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
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
    if was_published and not action.is_published:
        messages.success(
            request,
            _(
                "Status changed. The new public texts are not shown yet: check the preview "
                "and publish the action again."
            ),
        )
        return redirect("feedback:action_publish", pk=action.pk)
    messages.success(request, _("Status changed. The linked notes follow it."))
    return redirect("feedback:action_detail", pk=action.pk)


def _previews(action: Action) -> list[tuple[str, str, str]]:
    """The public entry exactly as each language's page will show it."""
    previews = []
    for code, name in (("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))):
        with translation.override(code):
            entry = _annotated(action)
            html = render_to_string("public/_entry.html", {"action": entry, "preview": True})
        previews.append((str(name), html, code))
    return previews


def _annotated(action: Action) -> Action:
    """The action with the figures its public entry shows, from the same selector."""
    return action_entries(Action.objects.filter(pk=action.pk)).get()


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
