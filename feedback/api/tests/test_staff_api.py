"""Staff integrations: the insights and actions of a key's units, and what a note offers."""

import pytest

from feedback.conftest import make_insight
from feedback.models import IntegrationCall, Theme

from .conftest import tampered

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_insight(other_worker, other_unit):
    insight, _codes = make_insight(
        worker=other_worker, unit=other_unit, texts=["Hammashoitolaan ei pääse pyörätuolilla."]
    )
    return insight


def test_key_lists_the_insights_of_its_units_without_any_note_text(
    api, api_key, insight, other_insight
):
    response = api("GET", "/insights", key=api_key)

    assert response.status_code == 200
    data = response.json()
    assert [item["id"] for item in data["items"]] == [insight.pk]
    item = data["items"][0]
    assert item["note_count"] == 2 and item["summary"]["fi"] == insight.summary_fi
    assert item["unit"] == {"code": "keskusta", "name": "Keskustan kotihoito"}
    assert "Puhelimessa ei pääse läpi" not in response.content.decode()
    call = IntegrationCall.objects.get()
    assert (call.operation, call.outcome, call.unit_ids) == (
        "insight_list",
        "read",
        [insight.unit_id],
    )


def test_insight_of_another_unit_is_not_found(api, api_key, insight, other_insight):
    assert api("GET", f"/insights/{insight.pk}", key=api_key).status_code == 200
    response = api("GET", f"/insights/{other_insight.pk}", key=api_key)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_key_lists_its_units_actions_published_or_not(api, api_key, other_key, action):
    mine = api("GET", "/actions", key=api_key)
    theirs = api("GET", "/actions", key=other_key)

    assert mine.status_code == 200
    item = mine.json()["items"][0]
    assert item["id"] == action.pk and item["published_at"] is None
    assert item["title"]["en"] == "Call-back on the same day"
    assert item["insight_ids"] == [action.insights.get().pk]
    assert theirs.json()["items"] == []
    assert api("GET", f"/actions/{action.pk}", key=api_key).status_code == 200
    assert api("GET", f"/actions/{action.pk}", key=other_key).status_code == 404


@pytest.mark.parametrize("path", ["/insights", "/actions", "/insights/1", "/actions/1"])
def test_key_without_the_read_scope_is_refused(api, notes_only_key, insight, path):
    response = api("GET", path, key=notes_only_key)

    assert response.status_code == 403
    assert response.json()["code"] == "scope"


@pytest.mark.parametrize("persona", ["anonymous", "tampered", "revoked", "worker_session"])
@pytest.mark.parametrize("path", ["/insights", "/actions", "/key"])
def test_reads_need_a_valid_key(api, client, api_key, revoked_key, manager, insight, persona, path):
    key = {
        "anonymous": None,
        "tampered": tampered(api_key.secret),
        "revoked": revoked_key,
        "worker_session": None,
    }[persona]
    if persona == "worker_session":
        client.force_login(manager)
    response = api("GET", path, key=key)

    assert response.status_code == 401
    assert "Puhelin" not in response.content.decode()


@pytest.mark.parametrize("path", ["/insights/0", "/insights/99999999999999999999", "/actions/x"])
def test_bad_ids_answer_json_not_a_server_error(api, api_key, path):
    response = api("GET", path, key=api_key)

    assert response.status_code in {400, 404}
    assert "code" in response.json()


def test_key_info_offers_its_units_themes_kinds_and_channels_translated(api, api_key, unit):
    Theme.objects.create(name="Odottaminen", name_sv="Väntan", slug="odottaminen")
    response = api("GET", "/key?lang=sv", key=api_key, headers={"Accept-Language": "sv"})

    assert response.status_code == 200
    data = response.json()
    assert data["key_id"] == api_key.key.prefix and data["may_read"] is True
    assert data["units"] == [{"code": unit.slug, "name": "Centrums hemvård"}]
    assert {"code": "odottaminen", "name": "Väntan"} in data["themes"]
    assert {"code": "idea", "name": "utvecklingsidé"} in data["kinds"]
    assert api_key.secret not in response.content.decode()


def test_insight_list_takes_a_fixed_number_of_queries(
    api, api_key, worker, unit, django_assert_max_num_queries
):
    for number in range(12):
        make_insight(worker=worker, unit=unit, texts=[f"Asia numero {number}"])
    with django_assert_max_num_queries(9):
        response = api("GET", "/insights", key=api_key)

    assert len(response.json()["items"]) == 12


def test_action_list_takes_a_fixed_number_of_queries(
    api, api_key, action, manager, unit, insight, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from feedback.actions.services import action_create

    for number in range(10):
        action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi=f"Muutos {number}",
            text_fi="Teemme muutoksen.",
            responsible=manager,
            due_date=timezone.localdate() + timedelta(days=number),
        )
    with django_assert_max_num_queries(10):
        response = api("GET", "/actions", key=api_key)

    assert len(response.json()["items"]) == 11


def test_key_info_shows_only_the_keys_own_units(api, other_key, unit, other_unit):
    data = api("GET", "/key", key=other_key).json()

    assert [item["code"] for item in data["units"]] == [other_unit.slug]
