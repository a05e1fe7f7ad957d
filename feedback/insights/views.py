"""The managers' insight workspace: review, curate and summarise collective insights.

Only managers of the units concerned see an insight: every view loads it through
_get_insight_for_user, which asks the one rule (selectors.insight_list_for_manager).
Every change is a POST that redirects back to the insight.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from encounters.selectors import managed_unit_ids
from feedback.models import Insight

from . import services
from .forms import (
    InsightMergeForm,
    InsightRenameForm,
    InsightSplitForm,
    InsightSummaryForm,
    NoteMoveForm,
)
from .panels import insight_detail_panels
from .selectors import insight_list_for_manager, insight_merge_targets, insight_notes_for_manager


def _get_insight_for_user(request: HttpRequest, pk: int) -> Insight:
    """An insight the manager may see and act on; a non-manager gets 403, others 404."""
    managed_unit_ids_or_403(user=request.user)
    return get_in_scope_or_404(insight_list_for_manager(user=request.user), pk=pk)


@login_required
@require_GET
def insight_list(request: HttpRequest) -> HttpResponse:
    """Insights of the manager's units, new and growing first, with a "new since" marker."""
    managed_unit_ids_or_403(user=request.user)
    insights = list(insight_list_for_manager(user=request.user)[:200])
    last_visit = services.insight_visit_record(user=request.user)
    for insight in insights:
        insight.is_new_since_visit = last_visit is None or (
            insight.last_note_at is not None and insight.last_note_at > last_visit
        )
    return render(
        request, "feedback/insight_list.html", {"insights": insights, "last_visit": last_visit}
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
        # What the teams of the user's units said about it in their monthly meetings.
        "team_notes": insight.reflection_decisions.filter(
            reflection__unit_id__in=managed_unit_ids(user=request.user)
        )
        .select_related("reflection__unit", "reflection__team", "action")
        .order_by("-created_at")[:20],
        **insight_detail_panels(insight=insight, user=request.user),
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
    try:
        withdrawn = services.insight_update_summary(
            insight=insight, user=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _invalid(request, insight, summary_form=form)
    if withdrawn:
        messages.success(
            request,
            _(
                "The summary was saved. The public pages showed it with an action: the "
                "action is off them until you check the preview and publish it again."
            ),
        )
        return redirect("feedback:action_publish", pk=withdrawn[0].pk)
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
