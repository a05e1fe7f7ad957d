"""The managers' action pages over the persona matrix, with negative tests for each POST."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.conftest import make_insight
from feedback.models import Action, ActionEvent, ActionStatus, NoteStatus

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager"]


def _expected(persona: str, *, scoped: bool) -> int:
    """anonymous: login; the unit's manager: allowed; a worker: 403; another unit's
    manager: 404 for this unit's action, allowed for their own list pages."""
    if persona == "anonymous":
        return 302
    if persona == "manager":
        return 200
    if persona in {"worker", "other_worker"}:
        return 403
    return 404 if scoped else 200


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["actions", "action_create"])
def test_manager_list_pages(client_as, personas, action, persona, name):
    response = client_as(personas[persona]).get(reverse(f"feedback:{name}"))
    assert response.status_code == _expected(persona, scoped=False)
    if persona == "other_manager":
        assert action.title_fi not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["action_detail", "action_publish"])
def test_action_pages_are_for_the_units_managers(client_as, personas, action, persona, name):
    response = client_as(personas[persona]).get(
        reverse(f"feedback:{name}", kwargs={"pk": action.pk})
    )
    assert response.status_code == _expected(persona, scoped=True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_manager_can_change_the_status(client_as, personas, action, persona):
    response = client_as(personas[persona]).post(
        reverse("feedback:action_status", kwargs={"pk": action.pk}), {"status": "done"}
    )
    action.refresh_from_db()
    if persona == "manager":
        assert response.status_code == 302 and action.status == ActionStatus.DONE
    else:
        assert response.status_code == _expected(persona, scoped=True)
        assert action.status == ActionStatus.PLANNED


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_manager_can_publish_and_unpublish(client_as, personas, action, persona):
    client = client_as(personas[persona])
    publish = client.post(reverse("feedback:action_publish", kwargs={"pk": action.pk}))
    action.refresh_from_db()
    assert action.is_published == (persona == "manager")
    unpublish = client.post(reverse("feedback:action_unpublish", kwargs={"pk": action.pk}))
    action.refresh_from_db()
    assert not action.is_published
    if persona != "manager":
        assert publish.status_code == unpublish.status_code == _expected(persona, scoped=True)


@pytest.mark.parametrize(
    ("name", "method"),
    [("action_status", "get"), ("action_unpublish", "get"), ("action_publish", "put")],
)
def test_wrong_methods_are_refused(client, manager, action, name, method):
    client.force_login(manager)
    response = getattr(client, method)(reverse(f"feedback:{name}", kwargs={"pk": action.pk}))
    assert response.status_code == 405


def test_bad_status_input_is_refused_with_the_form(client, manager, action):
    client.force_login(manager)
    url = reverse("feedback:action_status", kwargs={"pk": action.pk})
    assert client.post(url, {"status": "exploded"}).status_code == 400
    response = client.post(url, {"status": "not_possible"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_manager_creates_an_action_through_the_form(client, manager, insight, unit):
    client.force_login(manager)
    response = client.post(
        reverse("feedback:action_create"),
        {
            "insights": [insight.pk],
            "unit": unit.pk,
            "title_fi": "Takaisinsoitto",
            "text_fi": "Soitamme takaisin samana päivänä.",
            "responsible": manager.pk,
            "due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{action.pk}/")
    assert set(insight.notes.values_list("status", flat=True)) == {NoteStatus.ACTION_PLANNED}


def test_the_create_form_refuses_another_units_insight(client, other_manager, insight):
    client.force_login(other_manager)
    response = client.post(
        reverse("feedback:action_create"),
        {"insights": [insight.pk], "title_fi": "x", "text_fi": "y"},
    )
    assert response.status_code == 200
    assert "insights" in response.context["form"].errors
    assert not Action.objects.exists()


def test_an_action_attaches_only_insights_the_workspace_shows(client, manager, worker, unit):
    """One rule: an insight of the manager's service area that holds no note of their
    units is neither in their workspace nor attachable to their action."""
    from encounters.models import Membership, Unit
    from feedback.insights.selectors import insight_list_for_manager
    from feedback.models import Insight, InsightScope

    neighbour = Unit.objects.create(service_area=unit.service_area, name="Naapuri", slug="naapuri")
    Membership.objects.create(user=worker, unit=neighbour)
    theirs, _codes = make_insight(worker=worker, unit=neighbour, texts=["Naapurin asia."])
    Insight.objects.filter(pk=theirs.pk).update(unit=None, scope=InsightScope.AREA)
    ours, _codes = make_insight(worker=worker, unit=unit, texts=["Oma asia."])
    shown = set(insight_list_for_manager(user=manager).values_list("pk", flat=True))
    assert shown == {ours.pk}
    client.force_login(manager)
    assert client.get(reverse("feedback:insight", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("feedback:action_create"),
        {
            "insights": [theirs.pk],
            "title_fi": "Takaisinsoitto",
            "text_fi": "Soitamme takaisin.",
            "responsible": manager.pk,
            "due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "insights" in response.context["form"].errors
    assert not Action.objects.exists()


def test_publish_preview_shows_exactly_the_public_text_in_each_language(client, manager, action):
    client.force_login(manager)
    html = client.get(
        reverse("feedback:action_publish", kwargs={"pk": action.pk}), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Soitamme takaisin samana päivänä." in html  # Finnish, and Swedish falls back
    assert "We call you back on the same day." in html
    assert "Puhelimeen oli vaikea päästä läpi." in html
    assert "Fewer than 5" in html


def test_an_identity_code_blocks_publishing(client, manager, action):
    Action.objects.filter(pk=action.pk).update(text_fi="Asiakas 131052-308T soitti.")
    client.force_login(manager)
    response = client.post(reverse("feedback:action_publish", kwargs={"pk": action.pk}))
    assert response.status_code == 400
    action.refresh_from_db()
    assert not action.is_published


def test_name_like_words_warn_and_need_confirmation(client, manager, action):
    Action.objects.filter(pk=action.pk).update(text_fi="Hoitaja Maija Meikäläinen soittaa.")
    client.force_login(manager)
    url = reverse("feedback:action_publish", kwargs={"pk": action.pk})
    assert client.post(url).status_code == 400
    action.refresh_from_db()
    assert not action.is_published
    assert client.post(url, {"confirm": "on"}).status_code == 302
    action.refresh_from_db()
    assert action.is_published


def test_publish_and_unpublish_are_recorded_with_who_and_when(client, manager, action):
    client.force_login(manager)
    client.post(reverse("feedback:action_publish", kwargs={"pk": action.pk}))
    client.post(reverse("feedback:action_unpublish", kwargs={"pk": action.pk}))
    events = list(ActionEvent.objects.filter(action=action).exclude(kind="status").order_by("id"))
    assert [(e.kind, e.user) for e in events] == [("published", manager), ("unpublished", manager)]
    assert all(e.created_at for e in events)


def test_action_list_queries_do_not_grow(
    client, manager, worker, unit, django_assert_max_num_queries
):
    from feedback.actions.services import action_create

    for number in range(15):
        insight, _ = make_insight(worker=worker, unit=unit, texts=[f"Asia {number}"])
        action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi=f"Toimenpide {number}",
            text_fi="Teemme.",
            responsible=manager,
            due_date=timezone.localdate() - timedelta(days=1),
        )
    client.force_login(manager)
    # A fixed number (session, user, the manager's scope for each of the three lists),
    # whatever the number of actions: 30 rows here.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("feedback:actions"))
    assert response.content.decode().count("Toimenpide") >= 30


def _edit_data(action, insight, unit, manager, **changes):
    data = {
        "insights": [insight.pk],
        "unit": unit.pk,
        "title_fi": action.title_fi,
        "text_fi": action.text_fi,
        "responsible": manager.pk,
        "due_date": action.due_date.isoformat(),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_units_manager_can_edit(
    client_as, personas, action, insight, unit, manager, persona
):
    client = client_as(personas[persona])
    url = reverse("feedback:action_edit", kwargs={"pk": action.pk})
    assert client.get(url).status_code == _expected(persona, scoped=True)
    response = client.post(url, _edit_data(action, insight, unit, manager, text_fi="Uusi teksti."))
    action.refresh_from_db()
    if persona == "manager":
        assert response.status_code == 302 and action.text_fi == "Uusi teksti."
    else:
        assert response.status_code == _expected(persona, scoped=True)
        assert action.text_fi == "Soitamme takaisin samana päivänä."


def test_editing_a_published_action_takes_it_off_the_public_pages(
    client, action, insight, unit, manager
):
    from feedback.actions.services import action_publish

    action_publish(action=action, user=manager)
    client.force_login(manager)
    url = reverse("feedback:action_edit", kwargs={"pk": action.pk})
    client.post(url, _edit_data(action, insight, unit, manager, text_fi="Korjattu teksti."))
    action.refresh_from_db()
    assert not action.is_published and action.text_fi == "Korjattu teksti."
    assert list(action.events.values_list("kind", flat=True)) == [
        "status",
        "published",
        "unpublished",
    ]


def test_editing_refuses_bad_input(client, action, insight, unit, manager):
    client.force_login(manager)
    url = reverse("feedback:action_edit", kwargs={"pk": action.pk})
    data = _edit_data(action, insight, unit, manager, text_fi="", due_date="x")
    response = client.post(url, data)
    assert response.status_code == 200
    assert {"text_fi", "due_date"} <= set(response.context["form"].errors)
    action.refresh_from_db()
    assert action.text_fi == "Soitamme takaisin samana päivänä."
