"""Demo follow-up actions on the largest insights, published, so that the public pages have
something to show. Run after the demo notes are grouped; does nothing if actions exist."""

from datetime import timedelta

from django.utils import timezone

from encounters.models import Membership
from feedback.actions.services import action_create, action_publish, action_set_status
from feedback.insights.selectors import insight_list_for_manager
from feedback.models import Action, ActionStatus, ConstraintCategory

# (status, what we do) for the largest insights, in order.
PLANS = [
    (ActionStatus.DONE, "Muutimme toimintaa asiakkaiden palautteen perusteella."),
    (ActionStatus.DONE, "Kokeilimme uutta tapaa ja jatkamme sitä."),
    (ActionStatus.IN_PROGRESS, "Selvitämme asiaa ja kerromme, mitä päätimme."),
    (ActionStatus.NOT_POSSIBLE, "Halusimme muuttaa tätä."),
    (ActionStatus.PLANNED, "Suunnittelemme muutosta."),
]


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
    insights = (
        insight_list_for_manager(user=manager)
        .filter(note_count__gte=2)
        .order_by("-note_count", "id")[: len(PLANS)]
    )
    for insight, (status, text) in zip(insights, PLANS, strict=False):
        if not insight.summary_fi:
            insight.summary_fi = f"Asiakkaat kertoivat asiasta: {insight.title}."
            insight.save(update_fields=["summary_fi", "updated_at"])
        action = action_create(
            user=manager,
            insights=[insight],
            unit=insight.unit,
            title_fi=insight.title[:200],
            text_fi=text,
            responsible=manager,
            due_date=timezone.localdate() + timedelta(days=30),
        )
        if status != ActionStatus.PLANNED:
            extra = {}
            if status == ActionStatus.NOT_POSSIBLE:
                extra = {
                    "constraint_category": ConstraintCategory.MONEY,
                    "justification_fi": "Tähän ei ole tänä vuonna rahaa.",
                    "instead_fi": "Kerromme asiasta selvemmin ja palaamme siihen ensi vuonna.",
                }
            action_set_status(action=action, user=manager, status=status, **extra)
        action_publish(action=action, user=manager, confirmed=True)
    return f"{len(insights)} demo actions published by {manager.get_username()}."
