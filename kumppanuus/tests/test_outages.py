"""A hung or dead PostgreSQL or Redis: a translated 503 within seconds, never a frozen
request or a 500, /healthz says 503, and the log gets one line per outage.

PostgreSQL is reached through a TCP proxy the test pauses (hung: connections open, nothing
answers) or closes (gone); Redis is a redis-server of the test's own, paused (SIGSTOP) or
killed. The machine's shared PostgreSQL and Redis are never touched.
"""

import json
import logging
import time

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from feedback.insights.grouping import analyser_name
from kumppanuus.outages import redis_outage
from kumppanuus.tests.faults import RedisServer, TcpProxy
from kumppanuus.views import server_error

CAPTURE = reverse("feedback:capture")


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _assert_unavailable_page(response, language="fi"):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    heading = {
        "fi": "Palvelu on tilapäisesti poissa käytöstä",
        "sv": "Tjänsten är tillfälligt otillgänglig",
        "en": "Service temporarily unavailable",
    }[language]
    assert heading in response.content.decode()


# --- PostgreSQL ------------------------------------------------------------------------


@pytest.fixture
def database_proxy(require_postgres, transactional_db, settings):
    """This process's database connection, routed through a proxy the test controls."""
    settings_dict = connection.settings_dict
    before = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(before[0] or "127.0.0.1", int(before[1] or 5432)).start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    proxy.stop()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = before


@pytest.mark.postgres
def test_a_hung_database_answers_503_within_the_request_deadline(
    database_proxy, client, worker, settings
):
    client.force_login(worker)
    assert client.get(CAPTURE).status_code == 200  # through the proxy, kept connection

    database_proxy.pause()
    response, seconds = _timed(lambda: client.get(CAPTURE))
    _assert_unavailable_page(response)
    assert settings.DATABASE_REQUEST_TIMEOUT <= seconds < settings.DATABASE_REQUEST_TIMEOUT + 2

    # A new connection to the hung server gives up after the connect timeout.
    connection.close()
    response, seconds = _timed(lambda: client.get("/sv/work/capture/"))
    _assert_unavailable_page(response, "sv")
    assert seconds < settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] + 2

    database_proxy.resume()
    connection.close()  # what request_finished does after an error, outside the test client
    assert client.get(CAPTURE).status_code == 200


@pytest.mark.postgres
def test_a_database_that_is_gone_answers_503_not_500(database_proxy, client, worker):
    client.force_login(worker)
    assert client.get(CAPTURE).status_code == 200
    database_proxy.close()
    response, seconds = _timed(lambda: client.get(CAPTURE))
    _assert_unavailable_page(response)
    assert seconds < 2
    connection.close()
    response = client.get("/en/work/capture/")  # a new connection is refused
    _assert_unavailable_page(response, "en")


@pytest.mark.postgres
def test_healthz_says_503_within_seconds_when_the_database_hangs(database_proxy, client):
    assert client.get("/healthz").status_code in (200, 503)  # connected through the proxy
    database_proxy.pause()
    response, seconds = _timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
    assert seconds < 7


def test_an_outage_raised_outside_a_view_is_a_503_page_too(db):
    """handler500: an error from a middleware (the session, the user) reaches it."""
    request = RequestFactory().get("/fi/work/capture/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    _assert_unavailable_page(response)
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


# --- Redis -----------------------------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path, settings):
    """The cache, sessions and broker on a redis-server of the test's own."""
    server = RedisServer(tmp_path).start()
    url = server.url(0)
    settings.REDIS_URL = settings.CELERY_BROKER_URL = url
    settings.SESSION_ENGINE = "kumppanuus.sessions"
    settings.CACHES = {
        "default": {
            "BACKEND": "kumppanuus.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": settings.REDIS_TIMEOUT,
                "socket_timeout": settings.REDIS_TIMEOUT,
            },
        }
    }
    outage = redis_outage(url)
    outage.probe_seconds = 1.0
    yield server
    server.stop()
    outage.succeeded()


def _login(client) -> None:
    response = client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.redis
@pytest.mark.django_db
def test_a_hung_redis_costs_one_timeout_then_pages_come_from_the_database(
    own_redis, client, worker, settings
):
    _login(client)
    assert client.get(CAPTURE).status_code == 200
    own_redis.pause()
    response, seconds = _timed(lambda: client.get(CAPTURE))
    assert response.status_code == 200  # the session's database copy
    assert seconds < settings.REDIS_TIMEOUT + 2
    response, seconds = _timed(lambda: client.get(CAPTURE))
    assert response.status_code == 200
    assert seconds < 1, "while Redis is out, requests must not wait for it again"

    response, seconds = _timed(lambda: client.get("/healthz"))
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "ok",
        "cache": "error",
        "broker": "error",
        "analyser": analyser_name(),
    }
    assert seconds < settings.REDIS_TIMEOUT + 2
    own_redis.resume()
    time.sleep(1.1)  # the next probe
    assert client.get("/healthz").status_code == 200


@pytest.mark.redis
@pytest.mark.django_db
def test_a_redis_outage_is_logged_once_not_once_per_request(own_redis, client, worker, caplog):
    _login(client)
    own_redis.kill()
    with caplog.at_level(logging.INFO):
        for _ in range(30):
            assert client.get(CAPTURE).status_code == 200
        for _ in range(3):  # a load balancer's probes
            assert client.get("/healthz").status_code == 503
        own_redis.start()
        time.sleep(1.1)
        assert client.get(CAPTURE).status_code == 200
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= 30]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(f"redis 127.0.0.1:{own_redis.port} unavailable")
    assert warnings[1].startswith(f"redis 127.0.0.1:{own_redis.port} answers again")
    assert not any(record.exc_info for record in caplog.records)


@pytest.mark.redis
@pytest.mark.django_db
def test_a_page_that_needs_redis_answers_503_while_it_is_out(own_redis, client, settings):
    """The receipt page counts attempts in Redis: without it, a translated 503."""
    own_redis.kill()
    response, seconds = _timed(lambda: client.get("/r/ABCDEFGHJK"))
    _assert_unavailable_page(response)
    assert seconds < settings.REDIS_TIMEOUT + 1
