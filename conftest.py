"""Personas and service checks shared by every app's tests.

Tests that need PostgreSQL, Redis, a Celery worker or Chromium skip with a reason where
those are missing, except when KUMPPANUUS_REQUIRE_SERVICES=1 (set by CI): then every skip,
of any kind, fails the run.

With KUMPPANUUS_PERSONAS=sso the personas are single sign-on users instead: no password,
their memberships given by sign-in groups (GroupMapping) through the same service a real
sign-in calls, and the run keeps only the persona matrix (tests that use `personas`).
"""

import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation

from encounters.models import Membership, ServiceArea, Unit

REQUIRE_SERVICES = os.environ.get("KUMPPANUUS_REQUIRE_SERVICES") == "1"
SSO_PERSONAS = os.environ.get("KUMPPANUUS_PERSONAS") == "sso"
PASSWORD = "persona-password-1"  # noqa: S105


def need(condition: bool, reason: str) -> None:
    """Skip (or, in CI, fail) the calling test when a service it needs is absent."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing in CI: {reason}")
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {report.longrepr}"


def pytest_collection_modifyitems(config, items):
    if not SSO_PERSONAS:
        return
    matrix = [item for item in items if "personas" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in matrix])
    items[:] = matrix


@pytest.fixture
def require_postgres(settings):
    from django.db import connection

    need(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def require_redis(settings):
    url = os.environ.get("REDIS_URL", "")
    need(bool(url), "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        need(False, f"Redis at REDIS_URL does not answer: {error}")
    return url


@pytest.fixture(scope="session")
def chromium_path():
    path = (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    need(bool(path), "needs Debian's chromium: apt-get install -y chromium")
    return path


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Finnish: a request in another language leaves that language
    active in the test's thread, and reverse() would otherwise follow it."""
    translation.activate("fi")
    yield
    translation.deactivate()


@pytest.fixture
def own_cache(settings):
    """A cache of this process's own, empty before and after the test, so that parallel
    test processes never share cached pages, rate-limit counters or sessions."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_as(client):
    """The test client logged in as a persona of the matrix (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def area(db):
    return ServiceArea.objects.create(
        name="Kotihoito", name_sv="Hemvård", name_en="Home care", slug="kotihoito"
    )


@pytest.fixture
def other_area(db):
    return ServiceArea.objects.create(name="Suun terveydenhuolto", slug="suun-terveydenhuolto")


@pytest.fixture
def unit(area):
    return Unit.objects.create(
        service_area=area, name="Keskustan kotihoito", name_sv="Centrums hemvård", slug="keskusta"
    )


@pytest.fixture
def other_unit(other_area):
    return Unit.objects.create(service_area=other_area, name="Hammashoitola", slug="hammashoitola")


def _member(username: str, unit: Unit, role: str):
    if SSO_PERSONAS:
        return _sso_member(username, unit, role)
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _sso_member(username: str, unit: Unit, role: str):
    """A persona as a single sign-on user: a group mapped to the unit role, a sign-in."""
    from encounters.models import GroupMapping
    from encounters.sso.services import user_sign_in

    grant = {
        Membership.Role.WORKER: GroupMapping.Grant.UNIT_WORKER,
        Membership.Role.MANAGER: GroupMapping.Grant.UNIT_MANAGER,
    }[role]
    mapping, _ = GroupMapping.objects.get_or_create(
        group=f"/{unit.slug}/{role}", unit=unit, defaults={"grant": grant}
    )
    user = user_sign_in(
        issuer="https://sso.personas.test",
        claims={
            "sub": f"persona-{username}",
            "preferred_username": username,
            "groups": [mapping.group],
        },
    )
    assert not user.has_usable_password()
    return user


@pytest.fixture
def worker(unit):
    return _member("worker", unit, Membership.Role.WORKER)


@pytest.fixture
def other_worker(other_unit):
    return _member("other-worker", other_unit, Membership.Role.WORKER)


@pytest.fixture
def manager(unit):
    return _member("manager", unit, Membership.Role.MANAGER)


@pytest.fixture
def other_manager(other_unit):
    return _member("other-manager", other_unit, Membership.Role.MANAGER)


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def personas(worker, other_worker, manager, other_manager):
    """The persona matrix: name -> user (None for anonymous)."""
    return {
        "anonymous": None,
        "worker": worker,
        "other_worker": other_worker,
        "manager": manager,
        "other_manager": other_manager,
    }


from kumppanuus.tests.browser import browser, phone_page  # noqa: E402,F401  (fixtures for browser tests)


@pytest.fixture
def page_queries(django_assert_max_num_queries, settings):
    """A page's query budget, whatever the session store: production (with Redis) reads
    sessions from the cache, while the database store (SQLite runs, no Redis) adds the
    session's SELECT and its UPDATE (SESSION_SAVE_EVERY_REQUEST) to every request."""
    extra = 2 if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db" else 0

    def budget(count: int):
        return django_assert_max_num_queries(count + extra)

    return budget
