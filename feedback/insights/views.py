"""The managers' insight workspace: review, curate and summarise collective insights.

Only managers of the units concerned see an insight: every view loads it through
_get_insight_for_user, which asks the one rule (selectors.insight_list_for_manager).
Every change is a POST that redirects back to the insight.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from encounters.models import Unit
from feedback.models import CurationUndo, Insight, NoteStatus, Theme

from . import services
from .forms import (
    InsightMergeForm,
    InsightRenameForm,
    InsightSplitForm,
    InsightSummaryForm,
    NoteMoveForm,
    RelocateForm,
)
from .panels import insight_detail_panels
from .selectors import insight_list_for_units, insight_merge_targets, insight_notes_for_manager
from .workspace import (
    PAGE_SIZE,
    SEARCH_WORDS,
    InsightFilterForm,
    attach_places,
    insight_workspace,
)

NOTES_PAGE_SIZE = 20
RELOCATE_RESULTS = 20

SINCE_SESSION_KEY = "insights_since"


def _load(request: HttpRequest, pk: int) -> tuple[Insight, set[int]]:
    """An insight the manager may see and act on, with the units they manage; a
    non-manager gets 403, an insight outside their units 404."""
    unit_ids = managed_unit_ids_or_403(user=request.user)
    return get_in_scope_or_404(insight_list_for_units(unit_ids=unit_ids), pk=pk), unit_ids


def _get_insight_for_user(request: HttpRequest, pk: int) -> Insight:
    return _load(request, pk)[0]


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
    page.object_list = list(page.object_list)
    attach_places(page.object_list, units=units)
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


def _detail_context(request: HttpRequest, insight: Insight, unit_ids: set[int], **forms) -> dict:
    notes = insight_notes_for_manager(insight=insight, user=request.user, unit_ids=unit_ids)
    page = Paginator(notes, NOTES_PAGE_SIZE).get_page(request.GET.get("page"))
    actions = list(insight.actions.order_by("-updated_at", "-id"))
    undo = services.curation_undo_latest(user=request.user)
    if undo is not None and insight.pk not in (undo.source_id, undo.target_id):
        undo = None
    return {
        "insight": insight,
        "notes": page.object_list,
        "page": page,
        "hidden_count": insight.note_count - page.paginator.count,
        "actions": actions,
        # Recurrence: notes that joined after the action was done or found not possible.
        "after_change": notes.filter(status=NoteStatus.AFTER_CHANGE).count() if actions else 0,
        "undo": undo,
        "undo_text": undo_sentence(undo) if undo else "",
        "relocate_form": RelocateForm(notes=notes, targets=Insight.objects.none()),
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
        # What the teams of the user's units said about it in their monthly meetings.
        "team_notes": insight.reflection_decisions.filter(reflection__unit_id__in=unit_ids)
        .select_related("reflection__unit", "reflection__team", "action")
        .order_by("-created_at")[:20],
        **insight_detail_panels(insight=insight, user=request.user),
    }


@login_required
@require_GET
def insight_detail(request: HttpRequest, pk: int) -> HttpResponse:
    insight, unit_ids = _load(request, pk)
    context = _detail_context(request, insight, unit_ids)
    return render(request, "feedback/insight_detail.html", context)


def _invalid(request: HttpRequest, insight: Insight, **forms) -> HttpResponse:
    unit_ids = managed_unit_ids_or_403(user=request.user)
    context = _detail_context(request, insight, unit_ids, **forms)
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
    return summary_save(request, insight, form, invalid=_invalid, done="feedback:insight")


def summary_save(request, insight: Insight, form, *, invalid, done: str) -> HttpResponse:
    """Save a valid summary form; shared by the area and the organisation-wide insight.

    A summary changed under a published action takes the action off the public pages until
    the manager has seen it in the publish preview, where this sends them.
    """
    data = form.cleaned_data
    if insight.actions.exists():
        data["status"] = ""  # the action's status leads; the insight follows it
    try:
        withdrawn = services.insight_update_summary(insight=insight, user=request.user, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return invalid(request, insight, summary_form=form)
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
    return redirect(done, pk=insight.pk)


@login_required
@require_POST
def insight_merge(request: HttpRequest, pk: int) -> HttpResponse:
    insight = _get_insight_for_user(request, pk)
    form = InsightMergeForm(
        request.POST, targets=insight_merge_targets(insight=insight, user=request.user)
    )
    if not form.is_valid():
        return _invalid(request, insight, merge_form=form)
    target = services.insight_merge(
        source=insight, target=form.cleaned_data["target"], user=request.user
    )
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
        insight=insight,
        notes=form.cleaned_data["notes"],
        title=form.cleaned_data["title"],
        user=request.user,
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
    services.note_move(
        note=form.cleaned_data["note"], target=form.cleaned_data["target"], user=request.user
    )
    messages.success(request, _("The note was moved."))
    return redirect("feedback:insight", pk=insight.pk)


def _sentence(*, form: RelocateForm, insight: Insight) -> str:
    """What confirming will do, in words: the manager confirms exactly this."""
    data = form.cleaned_data
    if data["what"] == RelocateForm.WHAT_ALL:
        return ngettext(
            "Merge “%(source)s” into “%(target)s”: its %(count)s note moves there.",
            "Merge “%(source)s” into “%(target)s”: its %(count)s notes move there.",
            insight.note_count,
        ) % {"source": insight.title, "target": data["target"].title, "count": insight.note_count}
    count = len(data["note"])
    if data.get("new_title"):
        return ngettext(
            "Move %(count)s note from “%(source)s” to a new insight “%(target)s”.",
            "Move %(count)s notes from “%(source)s” to a new insight “%(target)s”.",
            count,
        ) % {"count": count, "source": insight.title, "target": data["new_title"]}
    return ngettext(
        "Move %(count)s note from “%(source)s” to “%(target)s”.",
        "Move %(count)s notes from “%(source)s” to “%(target)s”.",
        count,
    ) % {"count": count, "source": insight.title, "target": data["target"].title}


def undo_sentence(record: CurationUndo) -> str:
    """The last change, in words, next to its "Undo" button."""
    if record.kind == CurationUndo.Kind.MERGE:
        return _("You merged “%(source)s” into “%(target)s”.") % {
            "source": record.source.title,
            "target": record.target.title,
        }
    return ngettext(
        "You moved %(count)s note from “%(source)s” to “%(target)s”.",
        "You moved %(count)s notes from “%(source)s” to “%(target)s”.",
        record.note_count,
    ) % {"count": record.note_count, "source": record.source.title, "target": record.target.title}


def _relocate(request: HttpRequest, insight: Insight, form: RelocateForm) -> HttpResponse:
    data = form.cleaned_data
    if data["what"] == RelocateForm.WHAT_ALL:
        target = services.insight_merge(source=insight, target=data["target"], user=request.user)
        messages.success(request, _("The insights were merged."))
        return redirect("feedback:insight", pk=target.pk)
    if data.get("new_title"):
        new = services.insight_split(
            insight=insight, notes=data["note"], title=data["new_title"], user=request.user
        )
        messages.success(request, _("A new insight was made of the chosen notes."))
        return redirect("feedback:insight", pk=new.pk)
    services.notes_move(
        notes=data["note"], source=insight, target=data["target"], user=request.user
    )
    messages.success(request, _("The notes were moved."))
    return redirect("feedback:insight", pk=insight.pk)


@login_required
@require_http_methods(["GET", "POST"])
def insight_relocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Move chosen notes or merge the whole insight: find where, confirm in words, do.

    The insight page opens this in a dialog; without JavaScript it is a page of its own.
    GET searches and confirms, only the POST changes anything.
    """
    insight, unit_ids = _load(request, pk)
    notes = insight_notes_for_manager(insight=insight, user=request.user, unit_ids=unit_ids)
    targets = insight_merge_targets(insight=insight, user=request.user, unit_ids=unit_ids)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = RelocateForm(data, notes=notes, targets=targets)
    valid = form.is_bound and form.is_valid()
    if request.method == "POST" and valid and form.destination_chosen:
        return _relocate(request, insight, form)
    found = targets
    for word in (form.cleaned_data.get("q", "") if valid else "").split()[:SEARCH_WORDS]:
        found = found.filter(title__icontains=word)
    results = list(found[:RELOCATE_RESULTS])
    context = {
        "insight": insight,
        "form": form,
        "results": results,
        "result_count": found.count() if len(results) == RELOCATE_RESULTS else len(results),
        "chosen_notes": form.cleaned_data.get("note", []) if valid else [],
        "confirm": valid and form.destination_chosen,
        "sentence": _sentence(form=form, insight=insight)
        if valid and form.destination_chosen
        else "",
    }
    status = 400 if form.is_bound and not valid else 200
    return render(request, "feedback/insight_relocate.html", context, status=status)


@login_required
@require_POST
def insight_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back the manager's own last move or merge; only the latest, and only once."""
    managed_unit_ids_or_403(user=request.user)
    record = get_in_scope_or_404(CurationUndo.objects.filter(user=request.user), pk=pk)
    latest = services.curation_undo_latest(user=request.user)
    if latest is None or latest.pk != record.pk:
        messages.error(request, _("Only your latest change can be undone, and only once."))
        return redirect("feedback:insight", pk=record.target_id)
    source = services.curation_undo(record=record)
    messages.success(request, _("The change was undone."))
    return redirect("feedback:insight", pk=source.pk)
