"""Demo follow-up actions on the largest insights, published, so that the public pages have
something to show. Run after the demo notes are grouped; does nothing if actions exist.

The texts are written in Finnish, Swedish and English (public_texts.py). The actions are
dated as a team would have worked: planned two weeks after the matter's first note, moved
on and published two weeks later, so the dashboard's response times read as weeks, not as
the half year the demo's notes span.
"""

from datetime import timedelta

from django.utils import timezone

from encounters.models import Membership
from feedback.actions.services import action_create, action_publish, action_set_status
from feedback.insights.selectors import insight_list_for_manager
from feedback.models import (
    Action,
    ActionEvent,
    ActionStatus,
    ConstraintCategory,
    Insight,
    NoteEvent,
)

from .public_texts import NOT_POSSIBLE, texts_for

# The statuses of the largest insights' actions, in order.
PLANS = [
    ActionStatus.DONE,
    ActionStatus.DONE,
    ActionStatus.IN_PROGRESS,
    ActionStatus.NOT_POSSIBLE,
    ActionStatus.PLANNED,
]
PLANNED_AFTER = timedelta(days=14)
ACTED_AFTER = timedelta(days=28)


def _insight_texts(insight: Insight) -> dict:
    texts = texts_for(insight.concept.slug if insight.concept_id else None)
    summary = texts["summary"]
    if not insight.summary_fi:
        insight.summary_fi, insight.summary_sv, insight.summary_en = (
            summary["fi"],
            summary["sv"],
            summary["en"],
        )
        insight.save(update_fields=["summary_fi", "summary_sv", "summary_en", "updated_at"])
    return texts


def _backdate(*, action: Action, insight: Insight, index: int, started) -> None:
    """Date the action's steps from its insight's first note (never in the future)."""
    latest = timezone.now() - timedelta(days=1)
    first = insight.first_note_at or latest
    planned = min(first + PLANNED_AFTER + timedelta(days=3 * index), latest)
    acted = min(first + ACTED_AFTER + timedelta(days=3 * index), latest)
    Action.objects.filter(pk=action.pk).update(
        created_at=planned,
        updated_at=acted,
        published_at=acted,
        done_at=acted if action.status == ActionStatus.DONE else None,
    )
    ActionEvent.objects.filter(action=action).update(created_at=acted)
    NoteEvent.objects.filter(note__insight=insight, created_at__gte=started).update(
        created_at=acted
    )


def loop_demo_seed() -> str:
    """Plan, move on and publish an action for each of the manager's largest insights."""
    if Action.objects.exists():
        return "Actions exist already; nothing done."
    membership = (
        Membership.objects.filter(role=Membership.Role.MANAGER)
        .select_related("user")
        .order_by("user__username", "unit_id")
        .first()
    )
    if membership is None:
        return "No manager to act; run seed_demo first."
    manager = membership.user
    started = timezone.now()
    insights = (
        insight_list_for_manager(user=manager)
        .filter(note_count__gte=2)
        .select_related("concept")
        .order_by("-note_count", "id")[: len(PLANS)]
    )
    for index, (insight, status) in enumerate(zip(insights, PLANS, strict=False)):
        texts = _insight_texts(insight)
        title, change = texts["title"], texts["change"]
        action = action_create(
            user=manager,
            insights=[insight],
            unit=insight.unit,
            title_fi=(title["fi"] or insight.title)[:200],
            title_sv=title["sv"],
            title_en=title["en"],
            text_fi=change["fi"],
            text_sv=change["sv"],
            text_en=change["en"],
            responsible=manager,
            due_date=timezone.localdate(
                (insight.first_note_at or timezone.now()) + ACTED_AFTER + timedelta(days=14)
            ),
        )
        if status != ActionStatus.PLANNED:
            extra = {}
            if status == ActionStatus.NOT_POSSIBLE:
                why, instead = NOT_POSSIBLE["justification"], NOT_POSSIBLE["instead"]
                extra = {
                    "constraint_category": ConstraintCategory.MONEY,
                    **{f"justification_{code}": why[code] for code in ("fi", "sv", "en")},
                    **{f"instead_{code}": instead[code] for code in ("fi", "sv", "en")},
                }
            action = action_set_status(action=action, user=manager, status=status, **extra)
        action = action_publish(action=action, user=manager, confirmed=True)
        _backdate(action=action, insight=insight, index=index, started=started)
    return f"{len(insights)} demo actions published by {manager.get_username()}."
