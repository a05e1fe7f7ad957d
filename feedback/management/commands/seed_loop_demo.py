"""Demo follow-up actions on the largest insights, published, so the public pages have
something to show. Run after seed_demo and aggregate_notes; does nothing if actions exist."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from encounters.models import Membership
from feedback.action_services import action_create, action_publish, action_set_status
from feedback.models import Action, ActionStatus, ConstraintCategory, Insight

# (status, what we do) for the largest insights, in order.
PLANS = [
    (ActionStatus.DONE, "Muutimme toimintaa asiakkaiden palautteen perusteella."),
    (ActionStatus.DONE, "Kokeilimme uutta tapaa ja jatkamme sitä."),
    (ActionStatus.IN_PROGRESS, "Selvitämme asiaa ja kerromme, mitä päätimme."),
    (ActionStatus.NOT_POSSIBLE, "Halusimme muuttaa tätä."),
    (ActionStatus.PLANNED, "Suunnittelemme muutosta."),
]


class Command(BaseCommand):
    help = "Create and publish demo actions for the largest insights (demo data only)."

    def handle(self, *args, **options) -> None:
        if Action.objects.exists():
            self.stdout.write("Actions exist already; nothing done.")
            return
        membership = (
            Membership.objects.filter(role=Membership.Role.MANAGER)
            .select_related("user")
            .order_by("user__username", "unit_id")
            .first()
        )
        if membership is None:
            self.stdout.write("No manager to act; run seed_demo first.")
            return
        manager = membership.user
        managed = set(
            Membership.objects.filter(user=manager, role=Membership.Role.MANAGER).values_list(
                "unit_id", flat=True
            )
        )
        areas = set(
            Membership.objects.filter(unit_id__in=managed).values_list(
                "unit__service_area_id", flat=True
            )
        )
        insights = (
            Insight.objects.filter(merged_into__isnull=True, note_count__gte=2)
            .filter(Q(unit_id__in=managed) | Q(unit__isnull=True, service_area_id__in=areas))
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
        self.stdout.write(f"{len(insights)} demo actions published by {manager.get_username()}.")
