"""The public "you said, we did" pages, feeds and poster: no login, cached, published only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.actions.services import (
    action_create,
    action_publish,
    action_set_status,
    action_unpublish,
)
from feedback.conftest import make_insight
from feedback.models import ActionStatus, ConstraintCategory, Theme
from feedback.tests.insight_support import seed_reference_data

pytestmark = pytest.mark.django_db


def test_nothing_is_public_before_the_manager_publishes(client, action, manager):
    assert "Call-back on the same day" not in client.get("/en/").content.decode()
    action_publish(action=action, user=manager)
    html = client.get("/en/").content.decode()
    assert "Call-back on the same day" in html
    action_unpublish(action=action, user=manager)
    assert "Call-back on the same day" not in client.get("/en/").content.decode()


def test_an_entry_says_what_you_said_and_what_we_did(client, action, manager):
    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    action_publish(action=action, user=manager)
    html = client.get("/en/").content.decode()
    assert "You said" in html and "It was hard to get through on the phone." in html
    assert "Fewer than 5 people said this" in html
    assert "We did" in html and "We call you back on the same day." in html
    assert "Quick change" in html
    assert "Last updated" in html


def test_fallback_to_finnish_and_swedish_page_language(client, action, manager):
    action_publish(action=action, user=manager)
    html = client.get("/sv/").content.decode()
    assert '<html lang="sv">' in html
    # No Swedish text: the Finnish one shows, marked as Finnish for screen readers.
    assert '<span lang="fi">Takaisinsoitto samana päivänä</span>' in html
    assert '<span lang="en">Call-back on the same day</span>' in client.get("/en/").content.decode()


def test_five_or_more_people_are_counted(client, worker, manager, unit):
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
    assert "About 6 people said this" in client.get("/en/").content.decode()


def test_not_possible_says_why_and_what_instead(client, action, manager):
    action_set_status(
        action=action,
        user=manager,
        status=ActionStatus.NOT_POSSIBLE,
        constraint_category=ConstraintCategory.LAW,
        justification_fi="Laki määrää soittoajat.",
        instead_fi="Kerromme soittoajat kirjeessä.",
    )
    action_publish(action=action, user=manager)
    html = client.get("/en/").content.decode()
    assert "We cannot change this now, because…" in html
    assert "Laki määrää soittoajat." in html and "Kerromme soittoajat kirjeessä." in html


def test_unit_and_area_pages_and_filters(client, action, manager, unit, other_unit, worker):
    action_publish(action=action, user=manager)
    assert "Call-back" in client.get(f"/en/unit/{unit.slug}/").content.decode()
    assert "Call-back" in client.get(f"/en/area/{unit.service_area.slug}/").content.decode()
    assert "Call-back" not in client.get(f"/en/unit/{other_unit.slug}/").content.decode()
    assert "Call-back" not in client.get(f"/en/?unit={other_unit.pk}").content.decode()
    assert "Call-back" in client.get(f"/en/?area={unit.service_area_id}").content.decode()
    assert client.get("/en/unit/no-such-unit/").status_code == 404
    assert client.get("/en/area/no-such-area/").status_code == 404
    assert client.get("/en/?unit=abc&area=x").status_code == 200
    assert client.get("/en/?unit=abc&area=%00").status_code == 400  # the clear 400 page


def test_theme_filter(client, action, manager, insight):
    seed_reference_data()  # a transactional test before this one may have flushed it
    theme = Theme.objects.first()
    action_publish(action=action, user=manager)
    assert "Call-back" not in client.get(f"/en/?theme={theme.slug}").content.decode()
    insight.themes = {theme.slug: 2}
    insight.save(update_fields=["themes"])
    client.get("/en/")  # a cached page ...
    action_publish(action=action, user=manager)  # ... is dropped on publish
    assert "Call-back" in client.get(f"/en/?theme={theme.slug}").content.decode()


def test_pages_are_cached_per_language_and_invalidated_on_publish(client, action, manager):
    first = client.get("/en/")
    assert "public" in first["Cache-Control"]
    assert "Call-back" not in first.content.decode()
    action.refresh_from_db()
    action_publish(action=action, user=manager)
    assert "Call-back" in client.get("/en/").content.decode()
    assert '<html lang="fi">' in client.get("/fi/").content.decode()
    # Cached pages are shared by everyone: they carry no CSRF token.
    assert "csrfmiddlewaretoken" not in client.get("/en/").content.decode()


def test_pages_are_made_from_the_database_while_redis_is_out(client, action, manager, monkeypatch):
    """Redis out: "you said, we did" still answers, uncached, and publishing still works."""
    from django.core.cache.backends.locmem import LocMemCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Redis is out")

    for name in ("get", "set", "add", "incr"):
        monkeypatch.setattr(LocMemCache, name, down)
    action_publish(action=action, user=manager)
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Call-back" in response.content.decode()


def test_public_home_is_paginated_and_queries_do_not_grow(
    client, manager, worker, unit, django_assert_max_num_queries
):
    for number in range(12):
        insight, _ = make_insight(worker=worker, unit=unit, texts=[f"Asia {number}"])
        action = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi=f"Muutos numero {number}",
            text_fi="Teimme.",
            responsible=manager,
            due_date=timezone.localdate() + timedelta(days=3),
        )
        action_publish(action=action, user=manager)
    with django_assert_max_num_queries(10):
        html = client.get("/fi/").content.decode()
    assert html.count("Muutos numero") == 10
    assert "Muutos numero 1<" in client.get("/fi/?page=2").content.decode()


def test_atom_feeds_for_the_organisation_and_a_unit(client, action, manager, unit):
    action_publish(action=action, user=manager)
    for path in ("/en/feed/", f"/en/unit/{unit.slug}/feed/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert "<feed" in body and "Call-back on the same day" in body
    assert client.get("/en/unit/nope/feed/").status_code == 404


def test_the_feed_sends_action_texts_as_plain_text(client, action, manager, unit):
    """Markup in an action's text is text in the feed: no feed reader runs it."""
    from xml.etree import ElementTree

    from feedback.models import Action

    markup = "<svg/onload=alert(1)> & <b>bold</b>"
    Action.objects.filter(pk=action.pk).update(text_en=markup)
    action_publish(action=action, user=manager, confirmed=True)
    body = client.get("/en/feed/").content.decode()
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.fromstring(body)  # noqa: S314 (our own response)
    summary = feed.find("atom:entry/atom:summary", namespace)
    assert summary.get("type") == "text"
    assert summary.text == markup
    assert 'type="html"' not in body


def test_the_poster_has_the_latest_changes_and_a_qr_code(client, action, manager, unit):
    action_publish(action=action, user=manager)
    html = client.get(f"/fi/unit/{unit.slug}/poster/").content.decode()
    assert "<svg" in html and "Takaisinsoitto samana päivänä" in html
    assert f"http://testserver/fi/unit/{unit.slug}/" in html


def test_public_pages_lead_to_the_pages_of_areas_and_units(client, action, manager, unit):
    action_publish(action=action, user=manager)
    area = unit.service_area
    area_url = f"/fi/area/{area.slug}/"
    unit_url = f"/fi/unit/{unit.slug}/"
    home = client.get("/fi/").content.decode()
    # The entry names its unit as a link, and the home page lists the service areas.
    assert f'<a href="{unit_url}">{unit.display_name}</a>' in home
    assert f'<a href="{area_url}">{area.display_name}</a>' in home
    area_page = client.get(area_url).content.decode()
    assert f'<a href="{unit_url}">{unit.display_name}</a>' in area_page
    unit_page = client.get(unit_url).content.decode()
    assert f'<a href="{area_url}">{area.display_name}</a>' in unit_page
    assert client.get(area_url).status_code == client.get(unit_url).status_code == 200


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("fi", "Henkilöstön kirjautuminen"),
        ("sv", "Inloggning för personalen"),
        ("en", "Staff login"),
    ],
)
def test_the_public_footer_leads_staff_to_their_login(client, worker, language, label):
    html = client.get(f"/{language}/").content.decode()
    assert f'<a href="/{language}/work/">{label}</a>' in html
    response = client.get(f"/{language}/work/")
    assert response.status_code == 302
    login = client.get(response["Location"], follow=True)
    assert login.status_code == 200 and 'name="password"' in login.content.decode()
    client.force_login(worker)
    assert label not in client.get(f"/{language}/").content.decode()


def test_the_receipt_page_shows_what_we_did_once_published(client, action, manager, insight):
    code = insight.codes[0]
    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    html = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We made a change because of this feedback." in html
    assert "We call you back" not in html  # not public yet
    action_publish(action=action, user=manager)
    html = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We did" in html and "We call you back on the same day." in html


def test_staff_still_reach_their_pages_and_log_in_to_capture(client, worker):
    from conftest import PASSWORD

    assert client.get("/fi/work/", follow=True).request["PATH_INFO"] == "/fi/login/"
    response = client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    assert response["Location"] == "/fi/work/capture/"


def test_an_area_wide_action_shows_on_every_unit_page_of_the_area(
    client, insight, manager, unit, other_unit
):
    action = action_create(
        user=manager,
        insights=[insight],
        unit=None,
        title_fi="Koko alueen muutos",
        text_fi="Muutimme kaikissa yksiköissä.",
        responsible=manager,
        due_date=timezone.localdate(),
    )
    assert action.service_area_id == unit.service_area_id
    action_publish(action=action, user=manager)
    assert "Koko alueen muutos" in client.get(f"/fi/unit/{unit.slug}/").content.decode()
    assert "Koko alueen muutos" not in client.get(f"/fi/unit/{other_unit.slug}/").content.decode()


@pytest.mark.parametrize("persona", ["anonymous", "worker", "manager", "other_manager"])
def test_public_pages_are_open_to_everyone_and_never_cached_for_staff(
    client, personas, action, manager, unit, persona
):
    action_publish(action=action, user=manager)
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    for path in ("/fi/", f"/fi/unit/{unit.slug}/", f"/fi/area/{unit.service_area.slug}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Takaisinsoitto samana päivänä" in response.content.decode()
        assert ("public" in response.get("Cache-Control", "")) == (user is None)
