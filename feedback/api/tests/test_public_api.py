"""The public read API: published actions and what clients said, Open311-style, cached."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.actions.services import (
    action_create,
    action_publish,
    action_set_status,
    action_unpublish,
)
from feedback.conftest import make_insight
from feedback.models import ActionStatus, ConstraintCategory, IntegrationCall

pytestmark = pytest.mark.django_db


def test_services_are_the_areas_and_active_units(api, unit, other_unit):
    other_unit.is_active = False
    other_unit.save()
    response = api("GET", "/public/services?lang=en")

    assert response.status_code == 200
    codes = {item["service_code"]: item for item in response.json()}
    assert set(codes) == {"area:kotihoito", "area:suun-terveydenhuolto", "unit:keskusta"}
    assert codes["unit:keskusta"]["group"] == "Home care"
    assert codes["unit:keskusta"]["area_code"] == "area:kotihoito"
    assert codes["unit:keskusta"]["url"].endswith("/en/unit/keskusta/")


def test_nothing_is_public_before_the_manager_publishes(api, action):
    listing = api("GET", "/public/requests")

    assert listing.json()["items"] == []
    assert api("GET", f"/public/requests/{action.pk}").status_code == 404


def test_a_published_action_says_what_you_said_and_what_we_do(api, action, manager, insight):
    action_publish(action=action, user=manager)
    response = api("GET", "/public/requests?lang=en")

    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["service_request_id"] == action.pk
    assert item["service_code"] == "unit:keskusta"
    assert item["status"] == "open" and item["action_status"] == "planned"
    assert item["title"] == "Call-back on the same day"
    assert item["description"] == "We call you back on the same day."
    assert item["you_said"]["summaries"] == ["It was hard to get through on the phone."]
    assert item["you_said"]["people"] is None
    assert item["you_said"]["people_text"] == "Fewer than 5 people said this"
    assert item["languages"]["title"] == "en"
    assert item["url"].endswith(f"/en/unit/keskusta/#entry-{action.pk}")
    # Never a note: not the client's words, not a receipt.
    body = response.content.decode()
    assert "Puhelimessa ei pääse läpi" not in body and "Takaisinsoittoa" not in body
    assert not IntegrationCall.objects.exists()  # public reads need no key and leave no row


def test_language_from_lang_or_accept_language_with_finnish_fallback(api, action, manager):
    action_publish(action=action, user=manager)
    swedish = api("GET", "/public/requests", headers={"Accept-Language": "sv"})
    english = api("GET", "/public/requests?lang=en", headers={"Accept-Language": "sv"})

    assert swedish["Content-Language"] == "sv" and english["Content-Language"] == "en"
    item = swedish.json()["items"][0]
    assert item["title"] == "Takaisinsoitto samana päivänä"
    assert item["languages"]["title"] == "fi"  # no Swedish text was written
    assert item["status_name"] == "planerad"
    assert english.json()["items"][0]["title"] == "Call-back on the same day"


def test_five_or_more_people_are_counted(api, worker, manager, unit):
    insight, _ = make_insight(worker=worker, unit=unit, texts=[f"Asia {n}" for n in range(6)])
    action = action_create(
        user=manager,
        insights=[insight],
        unit=unit,
        title_fi="Iso asia",
        text_fi="Teemme.",
        responsible=manager,
        due_date=timezone.localdate(),
    )
    action_publish(action=action, user=manager)
    you_said = api("GET", f"/public/requests/{action.pk}?lang=en").json()["you_said"]

    assert you_said["people"] == 6
    assert you_said["people_text"] == "About 6 people said this"


def test_not_possible_says_why_and_what_instead(api, action, manager):
    action_set_status(
        action=action,
        user=manager,
        status=ActionStatus.NOT_POSSIBLE,
        constraint_category=ConstraintCategory.LAW,
        justification_fi="Laki määrää soittoajat.",
        instead_fi="Kerromme soittoajat kirjeessä.",
    )
    action_publish(action=action, user=manager)
    item = api("GET", f"/public/requests/{action.pk}?lang=fi").json()

    assert item["status"] == "closed"
    assert item["status_notes"] == "Laki määrää soittoajat."
    assert item["instead"] == "Kerromme soittoajat kirjeessä."
    assert item["reason"]["code"] == "law"
    assert item["description"] == ""


def test_requests_by_unit_area_and_theme(api, action, manager, unit, other_unit, insight):
    action_publish(action=action, user=manager)

    def ids(query: str) -> list[int]:
        response = api("GET", f"/public/requests?{query}")
        assert response.status_code == 200
        return [item["service_request_id"] for item in response.json()["items"]]

    assert ids("service_code=unit:keskusta") == [action.pk]
    assert ids("service_code=area:kotihoito") == [action.pk]
    assert ids(f"service_code=unit:{other_unit.slug}") == []
    assert ids("theme=booking-access") == []
    assert api("GET", "/public/requests?service_code=unit:ei-ole").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "service_code=keskusta",
        "service_code=unit:%00",
        "theme=a%20b",
        "page=0",
        "page=x",
        "lang=de",
    ],
)
def test_bad_filters_answer_400_json(api, query):
    response = api("GET", f"/public/requests?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_etag_answers_304_and_changes_on_publish(api, action, manager, insight, unit):
    first = api("GET", "/public/requests")
    etag = first["ETag"]
    again = api("GET", "/public/requests", headers={"If-None-Match": etag})

    assert again.status_code == 304 and again.content == b""
    assert "public" in first["Cache-Control"] and "Accept-Language" in first["Vary"]

    action_publish(action=action, user=manager)
    after = api("GET", "/public/requests", headers={"If-None-Match": etag})
    assert after.status_code == 200 and after["ETag"] != etag
    assert [item["service_request_id"] for item in after.json()["items"]] == [action.pk]

    action_unpublish(action=action, user=manager)
    assert api("GET", "/public/requests").json()["items"] == []


def test_cached_answers_take_no_database_queries(
    api, action, manager, worker, unit, django_assert_max_num_queries
):
    for number in range(8):
        insight, _ = make_insight(worker=worker, unit=unit, texts=[f"Asia {number}"])
        extra = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi=f"Muutos {number}",
            text_fi="Teemme.",
            responsible=manager,
            due_date=timezone.localdate() + timedelta(days=number),
        )
        action_publish(action=extra, user=manager)
    with django_assert_max_num_queries(6):
        first = api("GET", "/public/requests")
    with django_assert_max_num_queries(0):
        second = api("GET", "/public/requests")

    assert len(first.json()["items"]) == 8
    assert second.content == first.content


def test_public_api_refuses_writes(api, action, manager):
    action_publish(action=action, user=manager)

    assert api("POST", "/public/requests", body={}).status_code == 405
    assert api("DELETE", f"/public/requests/{action.pk}").status_code == 405
    response = api("GET", "/no-such-thing")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_public_api_answers_from_the_database_while_redis_is_out(
    api, action, manager, monkeypatch
):
    from django.core.cache.backends.locmem import LocMemCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Redis is out")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(LocMemCache, name, down)
    action_publish(action=action, user=manager)
    response = api("GET", "/public/requests")
    assert response.status_code == 200
    assert [item["service_request_id"] for item in response.json()["items"]] == [action.pk]
