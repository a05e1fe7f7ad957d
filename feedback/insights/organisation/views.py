"""Organisation-wide insights: the admins' curation and the part managers' view.

An organisation admin (encounters.view_organisation_reports) lists, renames, summarises
and links the parts of organisation-wide insights. A manager of a part's unit may open the
insight too, and sees only each service area's count of notes. Everyone else: 403 for the
role, 404 for an insight outside. Every change is a POST that redirects back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from encounters.access import (
    get_in_scope_or_404,
    managed_unit_ids_or_organisation_403,
    organisation_admin_or_403,
)
from feedback.models import Insight

from .. import services as workspace
from ..forms import InsightRenameForm, InsightSummaryForm
from . import services
from .forms import OrganisationInsightForm, PartLinkForm, PartUnlinkForm
from .selectors import (
    insight_list_link_candidates,
    insight_list_organisation,
    insight_list_organisation_for_manager,
    insight_list_part_search,
    organisation_area_counts,
    organisation_parts,
)

LIST_SIZE = 200


def _get_for_admin(request: HttpRequest, pk: int) -> Insight:
    organisation_admin_or_403(user=request.user)
    return get_in_scope_or_404(insight_list_organisation(), pk=pk)


def _list(request: HttpRequest, *, form: OrganisationInsightForm | None = None) -> HttpResponse:
    query = (request.POST if form else request.GET).get("q", "").strip()[:80]
    form = form or OrganisationInsightForm(candidates=insight_list_part_search(query=query))
    context = {
        "insights": insight_list_organisation()[:LIST_SIZE],
        "query": query,
        "new_form": form,
        "error_form": form if form.is_bound else None,
    }
    status = 400 if form.is_bound else 200
    return render(request, "feedback/organisation/insight_list.html", context, status=status)


@login_required
@require_GET
def organisation_insight_list(request: HttpRequest) -> HttpResponse:
    """The organisation-wide insights, and a search to gather parts into a new one."""
    organisation_admin_or_403(user=request.user)
    return _list(request)


@login_required
@require_POST
def organisation_insight_create(request: HttpRequest) -> HttpResponse:
    organisation_admin_or_403(user=request.user)
    query = request.POST.get("q", "").strip()[:80]
    form = OrganisationInsightForm(request.POST, candidates=insight_list_part_search(query=query))
    if not form.is_valid():
        return _list(request, form=form)
    try:
        insight = services.insight_organisation_create(
            parts=form.cleaned_data["parts"], title=form.cleaned_data["title"]
        )
    except ValidationError as error:
        form.add_error("parts", error)
        return _list(request, form=form)
    messages.success(request, _("The organisation-wide insight was made."))
    return redirect("feedback:organisation_insight", pk=insight.pk)


def _context(request: HttpRequest, insight: Insight, *, curates: bool, **forms) -> dict:
    context = {
        "insight": insight,
        "curates": curates,
        "area_counts": organisation_area_counts(insight=insight),
    }
    if curates:
        query = request.GET.get("q", "").strip()[:80]
        context |= {
            "parts": organisation_parts(insight=insight),
            "query": query,
            "actions": insight.actions.order_by("-updated_at"),
            "link_form": forms.get("link_form")
            or PartLinkForm(candidates=insight_list_link_candidates(insight=insight, query=query)),
            "rename_form": forms.get("rename_form")
            or InsightRenameForm(initial={"title": insight.title}),
            "summary_form": forms.get("summary_form")
            or InsightSummaryForm(
                initial={
                    "status": insight.status,
                    "summary_fi": insight.summary_fi,
                    "summary_sv": insight.summary_sv,
                    "summary_en": insight.summary_en,
                }
            ),
            "error_form": next(iter(forms.values()), None),
        }
    return context


@login_required
@require_GET
def organisation_insight_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole to an admin; to a manager of a part, each area's count of notes only."""
    _unit_ids, curates = managed_unit_ids_or_organisation_403(user=request.user)
    if curates:
        insight = get_in_scope_or_404(insight_list_organisation(), pk=pk)
    else:
        insight = get_in_scope_or_404(
            insight_list_organisation_for_manager(user=request.user), pk=pk
        )
    return render(
        request,
        "feedback/organisation/insight_detail.html",
        _context(request, insight, curates=curates),
    )


def _invalid(request: HttpRequest, insight: Insight, **forms) -> HttpResponse:
    context = _context(request, insight, curates=True, **forms)
    return render(request, "feedback/organisation/insight_detail.html", context, status=400)


@login_required
@require_POST
def organisation_insight_rename(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_for_admin(request, pk)
    form = InsightRenameForm(request.POST)
    if not form.is_valid():
        return _invalid(request, insight, rename_form=form)
    workspace.insight_rename(insight=insight, title=form.cleaned_data["title"])
    messages.success(request, _("The title was changed."))
    return redirect("feedback:organisation_insight", pk=insight.pk)


@login_required
@require_POST
def organisation_insight_summary(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_for_admin(request, pk)
    form = InsightSummaryForm(request.POST)
    if not form.is_valid():
        return _invalid(request, insight, summary_form=form)
    workspace.insight_update_summary(insight=insight, **form.cleaned_data)
    messages.success(request, _("The summary was saved. It is not published automatically."))
    return redirect("feedback:organisation_insight", pk=insight.pk)


@login_required
@require_POST
def organisation_part_link(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_for_admin(request, pk)
    form = PartLinkForm(
        request.POST,
        candidates=insight_list_link_candidates(
            insight=insight, query=request.POST.get("q", "").strip()[:80]
        ),
    )
    if not form.is_valid():
        return _invalid(request, insight, link_form=form)
    try:
        services.insight_part_link(part=form.cleaned_data["part"], organisation_insight=insight)
    except ValidationError as error:
        form.add_error("part", error)
        return _invalid(request, insight, link_form=form)
    messages.success(request, _("The insight is now a part of this organisation-wide matter."))
    return redirect("feedback:organisation_insight", pk=insight.pk)


@login_required
@require_POST
def organisation_part_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_for_admin(request, pk)
    form = PartUnlinkForm(request.POST, parts=organisation_parts(insight=insight))
    if not form.is_valid():
        messages.error(request, _("Choose one of the insights in the list."))
        return redirect("feedback:organisation_insight", pk=insight.pk)
    services.insight_part_unlink(part=form.cleaned_data["part"])
    messages.success(request, _("The insight was taken out of this organisation-wide matter."))
    return redirect("feedback:organisation_insight", pk=insight.pk)
