"""Reads for staff integrations (an intranet, a management dashboard): the insights and the
actions of the key's units, never a note.

Which insights: the managers' one rule (feedback.insights.selectors), for the key's units
as if it managed exactly those: only insights holding notes of them.
"""

from django.http import HttpRequest
from ninja import Router

from feedback.actions.selectors import action_list_for_units
from feedback.insights.selectors import insight_list_for_units
from feedback.models import Action, Insight

from .auth import audit_note, audited, key_auth, key_for_reading, key_units
from .errors import not_found
from .paging import Page, page_of
from .schemas import ActionOut, ActionPage, Error, InsightOut, InsightPage

router = Router(tags=["Staff integrations"], auth=key_auth)
router.add_decorator(audited, mode="view")

REFUSALS = {400: Error, 401: Error, 403: Error, 429: Error}
ID_MAX = 2**63 - 1


def _scope(request: HttpRequest) -> set[int]:
    key = key_for_reading(request)
    unit_ids = {unit.pk for unit in key_units(key)}
    audit_note(request, unit_ids=unit_ids)
    return unit_ids


def _named(obj) -> dict | None:
    return {"code": obj.slug, "name": obj.display_name} if obj is not None else None


def _texts(obj, field: str) -> dict:
    return {language: getattr(obj, f"{field}_{language}") for language in ("fi", "sv", "en")}


def _insight(insight: Insight) -> dict:
    return {
        "id": insight.pk,
        "title": insight.title,
        "status": insight.status,
        "scope": insight.scope,
        "service_area": _named(insight.service_area),
        "unit": _named(insight.unit),
        "matter": _named(insight.concept),
        "note_count": insight.note_count,
        "recent_count": insight.recent_count,
        "previous_count": insight.previous_count,
        "kinds": insight.kinds or {},
        "themes": insight.themes or {},
        "channels": insight.channels or {},
        "first_note_at": insight.first_note_at,
        "last_note_at": insight.last_note_at,
        "reviewed_at": insight.reviewed_at,
        "summary": _texts(insight, "summary"),
    }


def _action(action: Action) -> dict:
    return {
        "id": action.pk,
        "status": action.status,
        "service_area": _named(action.service_area),
        "unit": _named(action.unit),
        "title": _texts(action, "title"),
        "text": _texts(action, "text"),
        "constraint_category": action.constraint_category,
        "justification": _texts(action, "justification"),
        "instead": _texts(action, "instead"),
        "due_date": action.due_date,
        "done_at": action.done_at,
        "quick_change": action.quick_change,
        "published_at": action.published_at,
        "insight_ids": sorted(insight.pk for insight in action.insights.all()),
        "created_at": action.created_at,
        "updated_at": action.updated_at,
    }


def _actions(unit_ids: set[int]):
    return action_list_for_units(unit_ids=unit_ids).prefetch_related("insights")


@router.get(
    "/insights",
    response={200: InsightPage, **REFUSALS},
    operation_id="insight_list",
    summary="Insights",
)
def insight_list(request: HttpRequest, page: Page = 1):
    """Insights holding notes of the key's units, new and growing first; 50 a page.

    Counts and summaries only: no note's words ever leave through the API.
    """
    counts, rows = page_of(insight_list_for_units(unit_ids=_scope(request)), page)
    return {**counts, "items": [_insight(insight) for insight in rows]}


@router.get(
    "/insights/{insight_id}",
    response={200: InsightOut, 404: Error, **REFUSALS},
    operation_id="insight_detail",
    summary="One insight",
)
def insight_detail(request: HttpRequest, insight_id: int):
    """One insight of the key's units; any other answers 404, as if it did not exist."""
    insight = (
        insight_list_for_units(unit_ids=_scope(request)).filter(pk=insight_id).first()
        if 0 < insight_id <= ID_MAX
        else None
    )
    if insight is None:
        raise not_found()
    return _insight(insight)


@router.get(
    "/actions",
    response={200: ActionPage, **REFUSALS},
    operation_id="action_list",
    summary="Actions",
)
def action_list(request: HttpRequest, page: Page = 1):
    """Actions of the key's units and area-wide ones of their service areas, published
    or not, by due date; 50 a page."""
    counts, rows = page_of(_actions(_scope(request)), page)
    return {**counts, "items": [_action(action) for action in rows]}


@router.get(
    "/actions/{action_id}",
    response={200: ActionOut, 404: Error, **REFUSALS},
    operation_id="action_detail",
    summary="One action",
)
def action_detail(request: HttpRequest, action_id: int):
    """One action of the key's units; any other answers 404."""
    action = (
        _actions(_scope(request)).filter(pk=action_id).first() if 0 < action_id <= ID_MAX else None
    )
    if action is None:
        raise not_found()
    return _action(action)
