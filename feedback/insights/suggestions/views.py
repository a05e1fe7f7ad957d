"""Suggestions: the queue of every open one, and accept or reject, one POST each.

On the insight page a suggestion loads through its insight (insight_list_for_manager, the
workspace's one rule); in the queue through the manager's units (suggestion_list_open,
which shows only insights the manager sees, or a matter's insight still empty). Anything
outside answers 404. A decision returns to where it was made.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from feedback.models import Suggestion

from ..selectors import insight_list_for_manager
from . import services
from .selectors import (
    suggestion_list_open,
    suggestion_list_open_for_insight,
    suggestion_list_open_for_notes,
    suggestion_note_ids_open,
)

QUEUE_PAGE_SIZE = 20


@login_required
@require_GET
def suggestion_list(request: HttpRequest) -> HttpResponse:
    """The notes grouping was not sure about, in the manager's units, each with where it
    probably belongs and why; the likeliest first, a note at a time."""
    unit_ids = managed_unit_ids_or_403(user=request.user)
    page = Paginator(suggestion_note_ids_open(unit_ids=unit_ids), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cards = suggestion_list_open_for_notes(note_ids=list(page.object_list), unit_ids=unit_ids)
    return render(request, "feedback/suggestion_list.html", {"page": page, "cards": cards})


def _decided_at(request: HttpRequest, pk: int | None) -> HttpResponse:
    """Back to the insight page, or to the queue's page the decision was made on."""
    if pk is not None:
        return redirect("feedback:insight", pk=pk)
    url = reverse("feedback:suggestions")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() and page != "1" else url)


def _get_suggestion_for_user(
    request: HttpRequest, pk: int | None, suggestion_pk: int
) -> Suggestion:
    unit_ids = managed_unit_ids_or_403(user=request.user)
    if pk is None:
        return get_in_scope_or_404(suggestion_list_open(unit_ids=unit_ids), pk=suggestion_pk)
    insight = get_in_scope_or_404(insight_list_for_manager(user=request.user), pk=pk)
    return get_in_scope_or_404(
        suggestion_list_open_for_insight(insight=insight, unit_ids=unit_ids), pk=suggestion_pk
    )


@login_required
@require_POST
def suggestion_accept(
    request: HttpRequest, suggestion_pk: int, pk: int | None = None
) -> HttpResponse:
    suggestion = _get_suggestion_for_user(request, pk, suggestion_pk)
    try:
        services.suggestion_accept(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if pk is None:
            messages.success(
                request,
                _("The note was added to the insight “%(title)s”")
                % {"title": suggestion.insight.title},
            )
        else:
            messages.success(request, _("The note was added to this insight."))
    return _decided_at(request, pk)


@login_required
@require_POST
def suggestion_reject(
    request: HttpRequest, suggestion_pk: int, pk: int | None = None
) -> HttpResponse:
    suggestion = _get_suggestion_for_user(request, pk, suggestion_pk)
    try:
        services.suggestion_reject(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The suggestion was rejected. It will not be made again."))
    return _decided_at(request, pk)
