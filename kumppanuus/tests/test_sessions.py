"""Sessions read from the cache, kept in the database (kumppanuus/sessions.py): the idle limit
holds exactly, the database copy never outlives it, and logging out ends both copies."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from kumppanuus.cache import RedisCache
from kumppanuus.sessions import DB_REFRESH_SECONDS

CAPTURE = reverse("feedback:capture")


@pytest.fixture(autouse=True)
def cached_sessions(settings, own_cache):
    """The production setting with Redis, on this process's own cache."""
    settings.SESSION_ENGINE = "kumppanuus.sessions"


def _login(client) -> str:
    client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    return client.cookies["sessionid"].value


def _db_expiry(key: str):
    return Session.objects.get(session_key=key).expire_date


@pytest.mark.django_db
def test_idle_session_expires_on_time_and_activity_renews_it(client, worker, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client)
    idle = timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    with time_machine.travel(start + idle - timedelta(seconds=5), tick=False):
        assert client.get(CAPTURE).status_code == 200  # activity renews
    with time_machine.travel(start + 2 * idle - timedelta(seconds=10), tick=False):
        assert client.get(CAPTURE).status_code == 200
    # One second past the idle limit, though the cache still holds the session.
    with time_machine.travel(start + 3 * idle - timedelta(seconds=9), tick=False):
        response = client.get(CAPTURE)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_the_database_copy_is_written_at_most_once_a_minute_for_expiry_alone(client, worker):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        key = _login(client)
        written = _db_expiry(key)
    with time_machine.travel(start + timedelta(seconds=DB_REFRESH_SECONDS - 10), tick=False):
        client.get(CAPTURE)
        assert _db_expiry(key) == written  # only the cache moved
    with time_machine.travel(start + timedelta(seconds=DB_REFRESH_SECONDS + 10), tick=False):
        client.get(CAPTURE)
        assert _db_expiry(key) > written


@pytest.mark.django_db
def test_a_change_to_the_session_data_is_written_to_the_database_at_once(client, worker):
    key = _login(client)
    client.post(reverse("set_language"), {"language": "sv", "next": "/sv/work/capture/"})
    session = client.session
    session["marker"] = "kept"
    session.save()
    cache.clear()  # Redis lost everything
    assert client.session["marker"] == "kept"
    assert Session.objects.get(session_key=key).get_decoded()["marker"] == "kept"


@pytest.mark.django_db
def test_a_lost_cache_ends_a_session_early_never_late(client, worker, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _login(client)
    idle = timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    # The last request moved only the cache copy's expiry, to start + idle + 59 s.
    with time_machine.travel(start + timedelta(seconds=DB_REFRESH_SECONDS - 1), tick=False):
        assert client.get(CAPTURE).status_code == 200
    cache.clear()  # Redis lost everything
    with time_machine.travel(start + idle - timedelta(seconds=1), tick=False):
        assert client.get(CAPTURE).status_code == 200  # the database copy still holds
    cache.clear()
    with time_machine.travel(start + idle + timedelta(seconds=1), tick=False):
        assert client.get(CAPTURE).status_code == 200  # renewed by the request above
    cache.clear()
    # Idle again: the database copy ends it at its own expiry, 58 s before the cache's.
    renewed = start + idle + timedelta(seconds=1)
    with time_machine.travel(renewed + timedelta(seconds=DB_REFRESH_SECONDS - 2), tick=False):
        assert client.get(CAPTURE).status_code == 200  # moves only the cache copy
    cache.clear()
    with time_machine.travel(renewed + idle + timedelta(seconds=1), tick=False):
        response = client.get(CAPTURE)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_logging_out_ends_both_copies(client, worker):
    key = _login(client)
    assert client.get(CAPTURE).status_code == 200
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # a copied cookie is worth nothing now
    response = client.get(CAPTURE)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_logging_in_and_out_works_while_redis_is_down(client, worker):
    down = {
        "default": {
            "BACKEND": "kumppanuus.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing answers here
        }
    }
    with override_settings(CACHES=down):
        key = _login(client)
        assert client.get(CAPTURE).status_code == 200  # read from the database
        client.post(reverse("logout"))
        assert not Session.objects.filter(session_key=key).exists()
        response = client.get(CAPTURE)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    backend = RedisCache("redis://127.0.0.1:6379/15", {})
    client = backend._cache.get_client(write=True)  # builds no connection yet
    assert backend._cache.get_client(write=True) is client
    assert backend._cache.get_client() is client  # one server: reads use the same pool
