"""The team's monthly meeting view: what it shows, what the team records, who may."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from encounters.models import Membership, Team
from feedback.conftest import make_insight
from feedback.models import Action, ActionStatus, DecisionKind, Reflection, ReflectionDecision
from feedback.reflection.services import reflection_decision_add

NOW = datetime(2026, 12, 9, 10, 0, tzinfo=timezone.get_current_timezone())


def meeting_url(unit, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("reports:meeting", args=[unit.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def insight(now, worker, unit):
    insight, _codes = make_insight(
        worker=worker,
        unit=unit,
        texts=["Puhelimessa ei pääse läpi.", "Takaisinsoittoa sai odottaa koko päivän."],
    )
    return insight


def decision_data(insight, manager, **overrides):
    data = {
        "form": "decision",
        "decision-text": "Kokeillaan takaisinsoittoa samana päivänä.",
        "decision-kind": DecisionKind.ACTION,
        "decision-insight": insight.pk,
        "decision-title": "Takaisinsoitto samana päivänä",
        "decision-responsible": manager.pk,
        "decision-due_date": "2027-01-20",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_decision_becomes_an_action_and_next_month_shows_it(
    client_as, manager, unit, insight, now
):
    client = client_as(manager)
    response = client.get(meeting_url(unit))
    assert response.status_code == 200
    assert response.context["scope"].month == date(2026, 12, 1)
    assert insight in response.context["new_insights"]
    assert response.context["note_count"] == 2

    response = client.post(meeting_url(unit, month="2026-12"), decision_data(insight, manager))
    assert response.status_code == 302
    decision = ReflectionDecision.objects.get()
    action = decision.action
    assert decision.kind == DecisionKind.ACTION and decision.insight == insight
    assert action.unit == unit and list(action.insights.all()) == [insight]
    assert action.title_fi == "Takaisinsoitto samana päivänä"
    assert action.due_date == date(2027, 1, 20) and action.status == ActionStatus.PLANNED
    assert decision.reflection.month == date(2026, 12, 1)
    insight.refresh_from_db()
    assert insight.status == "action_planned"

    following = client.get(meeting_url(unit, month="2027-01"))
    assert following.context["last"] == decision.reflection
    assert [a for a, _overdue in following.context["actions_due"]] == [action]
    assert "Kokeillaan takaisinsoittoa samana päivänä." in following.content.decode()


@pytest.mark.django_db
def test_the_team_records_what_it_noticed_and_who_follows_up(client_as, worker, unit, now):
    client = client_as(worker)
    response = client.post(
        meeting_url(unit),
        {
            "form": "record",
            "record-noticed_about_asking": "  Kysyminen unohtui kiireessä.  ",
            "record-follow_up_by": worker.pk,
        },
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.noticed_about_asking == "Kysyminen unohtui kiireessä."
    assert reflection.follow_up_by == worker and reflection.recorded_by == worker
    page = client.get(meeting_url(unit))
    assert "Kysyminen unohtui kiireessä." in page.content.decode()


@pytest.mark.django_db
def test_a_worker_records_a_note_on_an_insight_but_not_an_action(
    client_as, worker, manager, unit, insight, now
):
    client = client_as(worker)
    response = client.post(meeting_url(unit), decision_data(insight, manager))
    assert response.status_code == 400
    assert response.context["decision_form"].errors["kind"]
    assert not Action.objects.exists() and not ReflectionDecision.objects.exists()

    response = client.post(
        meeting_url(unit), decision_data(insight, manager, **{"decision-kind": "insight_note"})
    )
    assert response.status_code == 302
    decision = ReflectionDecision.objects.get()
    assert decision.kind == DecisionKind.INSIGHT_NOTE and decision.insight == insight
    assert decision.action is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision-kind": "insight_note", "decision-insight": ""}, "insight"),
        ({"decision-due_date": ""}, "due_date"),
        ({"decision-responsible": "999999"}, "responsible"),
        ({"decision-text": ""}, "text"),
        ({"decision-text": "Asiakas 131052-308T soitti."}, "text"),
        ({"decision-kind": "wish"}, "kind"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    client_as, manager, unit, insight, now, overrides, field
):
    response = client_as(manager).post(
        meeting_url(unit), decision_data(insight, manager, **overrides)
    )
    assert response.status_code == 400
    assert response.context["decision_form"].errors[field]
    assert not ReflectionDecision.objects.exists() and not Action.objects.exists()


@pytest.mark.django_db
def test_an_insight_of_another_area_cannot_be_chosen(
    client_as, manager, unit, other_worker, other_unit, now
):
    foreign, _codes = make_insight(
        worker=other_worker, unit=other_unit, texts=["Parkkipaikkoja ei ole tarpeeksi."]
    )
    response = client_as(manager).post(meeting_url(unit), decision_data(foreign, manager))
    assert response.status_code == 400
    assert response.context["decision_form"].errors["insight"]
    assert not Action.objects.exists()


@pytest.mark.django_db
def test_earlier_meetings_are_read_only_history(client_as, manager, unit, insight, now):
    reflection_decision_add(
        unit=unit, team=None, month=date(2026, 9, 1), user=manager, kind="decision", text="Vanha"
    )
    client = client_as(manager)
    response = client.post(meeting_url(unit, month="2026-09"), decision_data(insight, manager))
    assert response.status_code == 400
    assert ReflectionDecision.objects.count() == 1
    page = client.get(meeting_url(unit, month="2026-09"))
    assert page.context["editable"] is False and "Vanha" in page.content.decode()
    history = client.get(reverse("reports:meeting_history", args=[unit.pk]))
    assert [r.month for r in history.context["reflections"]] == [date(2026, 9, 1)]


@pytest.mark.django_db
def test_a_team_meeting_counts_only_its_members_notes(
    client_as, django_user_model, manager, worker, unit, now
):
    team = Team.objects.create(unit=unit, name="Aamuvuoro")
    Membership.objects.filter(user=worker, unit=unit).update(team=team)
    make_insight(worker=worker, unit=unit, texts=["Aamulla ei ehditä."])
    make_insight(worker=manager, unit=unit, texts=["Iltaisin on hiljaista."])
    client = client_as(manager)
    assert client.get(meeting_url(unit)).context["note_count"] == 2
    response = client.get(meeting_url(unit, team=team.pk))
    assert response.context["team"] == team and response.context["note_count"] == 1
    client.post(
        meeting_url(unit, team=team.pk),
        {"form": "decision", "decision-kind": "decision", "decision-text": "Aamuvuoro kysyy."},
    )
    assert Reflection.objects.get().team == team


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("other_worker", 404), ("other_manager", 404), ("worker", 200)],
)
def test_the_meeting_view_is_for_the_units_members(client, personas, unit, persona, status, now):
    user = personas[persona]
    if user:
        client.force_login(user)
    assert client.get(meeting_url(unit)).status_code == status
    assert client.get(reverse("reports:meeting_history", args=[unit.pk])).status_code == status
    response = client.post(
        meeting_url(unit),
        {"form": "decision", "decision-kind": "decision", "decision-text": "Kysytään."},
    )
    assert response.status_code == (status if status != 200 else 302)


@pytest.mark.django_db
def test_a_user_of_no_unit_gets_403(client, django_user_model, unit):
    client.force_login(django_user_model.objects.create_user("outsider", password="x-pass-123"))
    assert client.get(meeting_url(unit)).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2026-13", "december", "1900-01"])
def test_a_bad_month_is_a_400_with_a_translated_error(client_as, worker, unit, month):
    response = client_as(worker).get(meeting_url(unit, month=month))
    assert response.status_code == 400
    assert "2026-12" in response.content.decode()


@pytest.mark.django_db
def test_a_team_of_another_unit_is_404(client_as, worker, unit, other_unit):
    team = Team.objects.create(unit=other_unit, name="Muu")
    client = client_as(worker)
    assert client.get(meeting_url(unit, team=team.pk)).status_code == 404
    assert client.get(meeting_url(unit, team="x")).status_code == 404


@pytest.mark.django_db
def test_the_meeting_views_queries_do_not_grow_with_the_data(client_as, manager, worker, unit, now):
    client = client_as(manager)
    make_insight(worker=worker, unit=unit, texts=["Yksi."])
    reflection_decision_add(
        unit=unit, team=None, month=date(2026, 11, 1), user=manager, kind="decision", text="A"
    )
    client.get(meeting_url(unit))
    with CaptureQueriesContext(connection) as small:
        client.get(meeting_url(unit))
    for n in range(8):
        make_insight(worker=worker, unit=unit, texts=[f"Kirjaus numero {n} pysäköinnistä."])
        reflection_decision_add(
            unit=unit, team=None, month=date(2026, 11, 1), user=manager, kind="decision", text="B"
        )
    with CaptureQueriesContext(connection) as large:
        client.get(meeting_url(unit))
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_a_new_insight_is_listed_once_not_also_as_growing(client_as, manager, unit, insight, now):
    response = client_as(manager).get(meeting_url(unit))
    assert response.context["new_insights"] == [insight]
    assert insight not in response.context["growing"]
