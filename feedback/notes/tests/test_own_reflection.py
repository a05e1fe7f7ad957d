"""The worker's own page: what their notes led to this month, and what the team decided."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from encounters.models import Membership, Team
from feedback.actions.services import action_set_status
from feedback.models import ActionStatus
from feedback.reflection.services import reflection_decision_add

OWN = reverse("feedback:own")
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.mark.django_db
def test_own_page_counts_notes_that_led_to_a_change_this_month(client, worker, manager, action):
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        action_set_status(action=action, status=ActionStatus.DONE, user=manager)
    with time_machine.travel(NOW, tick=False):
        client.force_login(worker)
        response = client.get(OWN)
    assert response.context["changed_count"] == 2
    assert response.context["changed_this_month"] == 0

    action.refresh_from_db()
    with time_machine.travel(NOW, tick=False):
        action_set_status(action=action, status=ActionStatus.IN_PROGRESS, user=manager)
        action_set_status(action=action, status=ActionStatus.DONE, user=manager)
        response = client.get("/en" + OWN[3:])
    assert response.context["changed_this_month"] == 2
    assert "2 of your notes led to a change this month." in response.content.decode()


@pytest.mark.django_db
def test_own_page_shows_the_latest_decisions_of_the_workers_unit_and_team(
    worker_client, worker, manager, unit, other_unit, other_manager
):
    team = Team.objects.create(unit=unit, name="Aamu")
    other_team = Team.objects.create(unit=unit, name="Ilta")
    Membership.objects.filter(user=worker).update(team=team)
    for month, text in ((date(2026, 10, 1), "Vanha päätös"), (date(2026, 11, 1), "Uusi päätös")):
        reflection_decision_add(
            unit=unit, team=None, month=month, user=manager, kind="decision", text=text
        )
    reflection_decision_add(
        unit=unit, team=team, month=date(2026, 11, 1), user=manager, kind="decision", text="Aamun"
    )
    reflection_decision_add(
        unit=unit,
        team=other_team,
        month=date(2026, 11, 1),
        user=manager,
        kind="decision",
        text="Illan",
    )
    reflection_decision_add(
        unit=other_unit,
        team=None,
        month=date(2026, 11, 1),
        user=other_manager,
        kind="decision",
        text="Toisen yksikön",
    )
    html = worker_client.get(OWN).content.decode()
    assert "Uusi päätös" in html and "Aamun" in html
    for hidden in ("Vanha päätös", "Illan", "Toisen yksikön"):
        assert hidden not in html


@pytest.mark.django_db
def test_a_note_on_an_insight_shows_on_the_insight_for_the_units_manager(
    client_as, manager, unit, insight
):
    reflection_decision_add(
        unit=unit,
        team=None,
        month=date(2026, 11, 1),
        user=manager,
        kind="insight_note",
        text="Tiimi huomasi saman puhelimessa.",
        insight=insight,
    )
    url = reverse("feedback:insight", args=[insight.pk])
    assert "Tiimi huomasi saman puhelimessa." in client_as(manager).get(url).content.decode()
