"""Accept or reject a suggestion from the insight page: one POST each, back to the page.

The insight loads through the workspace's one rule (insight_list_for_manager) and the
suggestion through the manager's units: anything outside answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from encounters.access import get_in_scope_or_404, managed_unit_ids_or_403
from feedback.models import Suggestion

from ..selectors import insight_list_for_manager
from . import services
from .selectors import suggestion_list_open_for_insight


def _get_suggestion_for_user(request: HttpRequest, pk: int, suggestion_pk: int) -> Suggestion:
    unit_ids = managed_unit_ids_or_403(user=request.user)
    insight = get_in_scope_or_404(insight_list_for_manager(user=request.user), pk=pk)
    return get_in_scope_or_404(
        suggestion_list_open_for_insight(insight=insight, unit_ids=unit_ids), pk=suggestion_pk
    )


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, pk: int, suggestion_pk: int) -> HttpResponse:
    suggestion = _get_suggestion_for_user(request, pk, suggestion_pk)
    try:
        services.suggestion_accept(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The note was added to this insight."))
    return redirect("feedback:insight", pk=pk)


@login_required
@require_POST
def suggestion_reject(request: HttpRequest, pk: int, suggestion_pk: int) -> HttpResponse:
    suggestion = _get_suggestion_for_user(request, pk, suggestion_pk)
    try:
        services.suggestion_reject(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The suggestion was rejected. It will not be made again."))
    return redirect("feedback:insight", pk=pk)
