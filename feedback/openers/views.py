"""The managers' page of conversation openers: add, edit, retire and restore a unit's own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from encounters.models import Opener, Unit
from encounters.openers import opener_create, opener_restore, opener_retire, opener_update

from .forms import OpenerForm


def _managed_units(request: HttpRequest) -> list[Unit]:
    unit_ids = managed_unit_ids_or_403(user=request.user)
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))


def _get_opener_for_manager(request: HttpRequest, pk: int) -> Opener:
    """A unit's own opener of a unit the user manages; the starter set and others are 404."""
    unit_ids = managed_unit_ids_or_403(user=request.user)
    return get_in_scope_or_404(
        Opener.objects.filter(unit_id__in=unit_ids).select_related("unit"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def opener_list(request: HttpRequest) -> HttpResponse:
    """The units' own openers, a form to add one, and the organisation's starter set."""
    units = _managed_units(request)
    if request.method == "POST":
        form = OpenerForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            opener_create(
                user=request.user,
                unit=data["unit"],
                text_fi=data["text_fi"],
                text_sv=data["text_sv"],
                text_en=data["text_en"],
            )
            messages.success(request, _("The opener was added."))
            return redirect("feedback:openers")
    else:
        form = OpenerForm(units=units, initial={"unit": units[0].pk} if len(units) == 1 else {})
    openers = list(
        Opener.objects.filter(unit__in=units).select_related("unit").order_by("unit__name", "id")
    )
    starter = Opener.objects.filter(unit__isnull=True, retired_at__isnull=True).order_by(
        "context", "id"
    )
    return render(
        request,
        "feedback/opener_list.html",
        {"form": form, "units": units, "openers": openers, "starter": starter},
    )


@login_required
@require_http_methods(["GET", "POST"])
def opener_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opener = _get_opener_for_manager(request, pk)
    units = [opener.unit]
    if request.method == "POST":
        form = OpenerForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            opener_update(
                opener=opener,
                text_fi=data["text_fi"],
                text_sv=data["text_sv"],
                text_en=data["text_en"],
            )
            messages.success(request, _("The opener was saved."))
            return redirect("feedback:openers")
    else:
        form = OpenerForm(
            units=units,
            initial={
                "unit": opener.unit_id,
                "text_fi": opener.text_fi,
                "text_sv": opener.text_sv,
                "text_en": opener.text_en,
            },
        )
    return render(request, "feedback/opener_form.html", {"form": form, "opener": opener})


@login_required
@require_POST
def opener_retire_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop showing the opener on capture; its figures stay on the dashboard."""
    opener = _get_opener_for_manager(request, pk)
    opener_retire(opener=opener)
    messages.success(request, _("The opener was retired. It is no longer shown."))
    return redirect("feedback:openers")


@login_required
@require_POST
def opener_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    opener = _get_opener_for_manager(request, pk)
    opener_restore(opener=opener)
    messages.success(request, _("The opener is shown again."))
    return redirect("feedback:openers")
