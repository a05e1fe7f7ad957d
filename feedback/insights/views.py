"""The managers' insight workspace: review, curate and summarise collective insights.

Only managers of the units concerned see an insight: every view loads it through
_get_insight_for_user, which asks the one rule (selectors.insight_list_for_manager).
Every change is a POST that redirects back to the insight.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from encounters.models import Unit
from feedback.models import Insight, Theme

from . import services
from .forms import (
    InsightMergeForm,
    InsightRenameForm,
    InsightSplitForm,
    InsightSummaryForm,
    NoteMoveForm,
)
from .selectors import insight_list_for_manager, insight_merge_targets, insight_notes_for_manager
from .workspace import PAGE_SIZE, InsightFilterForm, insight_workspace

SINCE_SESSION_KEY = "insights_since"


def _get_insight_for_user(request: HttpRequest, pk: int) -> Insight:
    """An insight the manager may see and act on; a non-manager gets 403, others 404."""
    managed_unit_ids_or_403(user=request.user)
    return get_in_scope_or_404(insight_list_for_manager(user=request.user), pk=pk)


def _since_last_visit(request: HttpRequest) -> datetime | None:
    """The previous visit, for "new since my last visit". A plain look at the list counts as
    a visit; paging and filtering keep the moment the session's landing saw, so that the
    "new" marks stay put while the manager works through them."""
    stored = request.session.get(SINCE_SESSION_KEY)
    if request.GET and stored is not None:
        return datetime.fromisoformat(stored) if stored else None
    previous = services.insight_visit_record(user=request.user)
    request.session[SINCE_SESSION_KEY] = previous.isoformat() if previous else ""
    return previous


@login_required
@require_GET
def insight_list(request: HttpRequest) -> HttpResponse:
    """The manager's insights: search, filters, order and pages with counts."""
    unit_ids = managed_unit_ids_or_403(user=request.user)
    units = list(Unit.objects.filter(id__in=unit_ids).select_related("service_area"))
    themes = list(Theme.objects.filter(is_active=True))
    form = InsightFilterForm(request.GET or None, units=units, themes=themes)
    status = 200
    filters: dict = {}
    if form.is_bound:
        if form.is_valid():
            filters = form.cleaned_data
        else:
            status = 400
    last_visit = _since_last_visit(request)
    insights = insight_workspace(unit_ids=unit_ids, filters=filters, since=last_visit)
    page = Paginator(insights, PAGE_SIZE).get_page(filters.get("page") or 1)
    for insight in page.object_list:
        insight.is_new_since_visit = last_visit is None or (
            insight.last_note_at is not None and insight.last_note_at > last_visit
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/insight_list.html",
        {
            "form": form,
            "page": page,
            "insights": page.object_list,
            "last_visit": last_visit,
            "query": query.urlencode(),
            "filtered": bool({k: v for k, v in filters.items() if v and k not in ("sort", "page")}),
        },
        status=status,
    )


def _detail_context(request: HttpRequest, insight: Insight, **forms) -> dict:
    notes = insight_notes_for_manager(insight=insight, user=request.user)
    targets = insight_merge_targets(insight=insight, user=request.user)
    return {
        "insight": insight,
        "notes": notes,
        "hidden_count": insight.note_count - notes.count(),
        "targets": targets,
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
        "merge_form": forms.get("merge_form") or InsightMergeForm(targets=targets),
        "split_form": forms.get("split_form") or InsightSplitForm(notes=notes),
        "error_form": next(iter(forms.values()), None),
    }


@login_required
@require_GET
def insight_detail(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    return render(request, "feedback/insight_detail.html", _detail_context(request, insight))


def _invalid(request: HttpRequest, insight: Insight, **forms) -> HttpResponse:
    context = _detail_context(request, insight, **forms)
    return render(request, "feedback/insight_detail.html", context, status=400)


@login_required
@require_POST
def insight_rename(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = InsightRenameForm(request.POST)
    if not form.is_valid():
        return _invalid(request, insight, rename_form=form)
    services.insight_rename(insight=insight, title=form.cleaned_data["title"])
    messages.success(request, _("The title was changed."))
    return redirect("feedback:insight", pk=insight.pk)


@login_required
@require_POST
def insight_lock(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    locked = request.POST.get("locked") == "1"
    services.insight_set_locked(insight=insight, locked=locked)
    messages.success(
        request,
        _("The insight is locked: no new notes are added automatically.")
        if locked
        else _("The insight is unlocked."),
    )
    return redirect("feedback:insight", pk=insight.pk)


@login_required
@require_POST
def insight_review(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    services.insight_mark_reviewed(insight=insight, manager=request.user)
    messages.success(request, _("Marked as reviewed."))
    return redirect("feedback:insight", pk=insight.pk)


@login_required
@require_POST
def insight_summary(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = InsightSummaryForm(request.POST)
    if not form.is_valid():
        return _invalid(request, insight, summary_form=form)
    services.insight_update_summary(insight=insight, **form.cleaned_data)
    messages.success(request, _("The summary was saved. It is not published automatically."))
    return redirect("feedback:insight", pk=insight.pk)


@login_required
@require_POST
def insight_merge(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = InsightMergeForm(
        request.POST, targets=insight_merge_targets(insight=insight, user=request.user)
    )
    if not form.is_valid():
        return _invalid(request, insight, merge_form=form)
    target = services.insight_merge(source=insight, target=form.cleaned_data["target"])
    messages.success(request, _("The insights were merged."))
    return redirect("feedback:insight", pk=target.pk)


@login_required
@require_POST
def insight_split(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = InsightSplitForm(
        request.POST, notes=insight_notes_for_manager(insight=insight, user=request.user)
    )
    if not form.is_valid():
        return _invalid(request, insight, split_form=form)
    new = services.insight_split(
        insight=insight, notes=form.cleaned_data["notes"], title=form.cleaned_data["title"]
    )
    messages.success(request, _("A new insight was made of the chosen notes."))
    return redirect("feedback:insight", pk=new.pk)


@login_required
@require_POST
def note_move(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = NoteMoveForm(
        request.POST,
        notes=insight_notes_for_manager(insight=insight, user=request.user),
        targets=insight_merge_targets(insight=insight, user=request.user),
    )
    if not form.is_valid():
        return _invalid(request, insight, move_form=form)
    services.note_move(note=form.cleaned_data["note"], target=form.cleaned_data["target"])
    messages.success(request, _("The note was moved."))
    return redirect("feedback:insight", pk=insight.pk)
