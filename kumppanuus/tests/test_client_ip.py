"""The proxy set-up of deploy/: behind nginx, each client has its own receipt limit and
login lock-out, and a forged X-Forwarded-For gets nobody a bucket of their own.

Requests carry what nginx (deploy/nginx/kumppanuus.conf) hands gunicorn: REMOTE_ADDR
127.0.0.1 and X-Forwarded-For = whatever the client sent, then the client's address
($proxy_add_x_forwarded_for).
"""

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from kumppanuus.lib.http import client_ip

NGINX = "127.0.0.1"
ALICE, BOB = "203.0.113.10", "203.0.113.20"


def through_nginx(client_address: str, sent_by_client: str = "") -> dict:
    forwarded = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_nginx(settings):
    """The production settings for the shipped nginx (deploy/kumppanuus.env.example)."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "client-ip-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


def _address(count: int, **meta) -> str:
    from django.test import override_settings

    with override_settings(TRUSTED_PROXY_COUNT=count):
        return client_ip(RequestFactory().get("/", **meta))


def test_client_ip_takes_the_entry_the_trusted_proxies_added():
    assert _address(0, **through_nginx(ALICE, "10.9.9.9")) == NGINX
    assert _address(1, **through_nginx(ALICE)) == ALICE
    assert _address(1, **through_nginx(ALICE, "10.9.9.9, 10.8.8.8")) == ALICE
    # A load balancer in front of nginx: nginx appends the balancer's address.
    assert _address(2, **through_nginx("192.0.2.1", f"10.9.9.9, {BOB}")) == BOB
    # Not through the proxies, or nonsense: the connection's own address.
    assert _address(2, **through_nginx(ALICE)) == NGINX
    assert _address(1, REMOTE_ADDR="192.0.2.5") == "192.0.2.5"
    assert _address(1, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="not-an-address") == NGINX
    assert _address(1, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="2001:DB8::1") == "2001:db8::1"


def _lookups(client, n: int, **meta) -> list[int]:
    return [client.get("/r/ZZZZZZZZZZ", **meta).status_code for _ in range(n)]


@pytest.mark.django_db
def test_behind_nginx_each_client_has_its_own_receipt_limit(client, behind_nginx, settings):
    attempts = settings.RECEIPT_RATE_LIMITS[0][0]
    with time_machine.travel("2026-11-20 09:00:00+00:00", tick=False):
        assert set(_lookups(client, attempts, **through_nginx(ALICE))) == {404}
        assert _lookups(client, 1, **through_nginx(ALICE)) == [429]
        assert _lookups(client, 1, **through_nginx(BOB)) == [404]


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_get_a_bucket_of_its_own(
    client, behind_nginx, settings
):
    attempts = settings.RECEIPT_RATE_LIMITS[0][0]
    with time_machine.travel("2026-11-20 09:00:00+00:00", tick=False):
        answers = [
            client.get("/r/ZZZZZZZZZZ", **through_nginx(ALICE, f"198.51.100.{n}")).status_code
            for n in range(attempts + 3)
        ]
    assert answers.count(404) == attempts and answers[attempts:] == [429, 429, 429]


@pytest.mark.django_db
def test_the_login_lock_out_is_per_client_behind_nginx(client, worker, behind_nginx, settings):
    url = reverse("login")
    for n in range(settings.AXES_FAILURE_LIMIT):
        # Forged entries change every time; the address nginx added does not.
        client.post(
            url,
            {"username": "worker", "password": "wrong"},
            **through_nginx(ALICE, f"198.51.100.{n}"),
        )
    locked = client.post(url, {"username": "worker", "password": PASSWORD}, **through_nginx(ALICE))
    assert locked.status_code == 429
    # The real worker, at another address behind the same nginx, logs in.
    response = client.post(url, {"username": "worker", "password": PASSWORD}, **through_nginx(BOB))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(worker.pk)
