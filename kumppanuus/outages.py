"""When PostgreSQL or Redis is down or hung: a quick 503 page, and one log line per outage.

A request that meets an unavailable service answers 503 with the translated "temporarily
unavailable" page and a Retry-After header, within the timeouts set in settings (Redis
socket timeouts, PostgreSQL's connect timeout and the per-request database deadline of
kumppanuus/postgresql). The staff member's draft stays on their device (static/js/app.js).

Each service's outage is logged once when it begins and once when it ends, not once per
request: a Redis outage used to print a traceback for every request.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class Outage:
    """One service's state in this process: up, or down since a moment.

    failed() logs the first failure of an outage (one line, no traceback) and nothing more
    until succeeded() logs its end. While it is down, callers that can fail fast ask
    should_skip(): True except for one probe every `probe_seconds`, so that a hung service
    costs one timeout per interval instead of one per request.
    """

    def __init__(self, name: str, *, probe_seconds: float = 5.0) -> None:
        self.name = name
        self.probe_seconds = probe_seconds
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self._next_probe = 0.0

    @property
    def is_down(self) -> bool:
        return self.down_since is not None

    def should_skip(self) -> bool:
        """While down: True, except for the first caller after each probe interval."""
        if self.down_since is None:
            return False
        with self._lock:
            now = time.monotonic()
            if now < self._next_probe:
                return True
            self._next_probe = now + self.probe_seconds
            return False

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = time.monotonic()
            self._next_probe = now + self.probe_seconds
            if self.down_since is not None:
                return
            self.down_since = now
        logger.error(
            "%s unavailable, logged once until it answers again: %s: %s",
            self.name,
            type(error).__name__,
            str(error).splitlines()[0] if str(error) else "",
        )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is None:
                return
            seconds, self.down_since = time.monotonic() - self.down_since, None
        logger.warning("%s answers again after %.0f s", self.name, seconds)


database_outage = Outage("database")
_redis_outages: dict[str, Outage] = {}
_registry_lock = threading.Lock()


def redis_outage(url: str) -> Outage:
    """The outage state of the Redis server at `url` (one per host and port)."""
    parts = urlsplit(url)
    where = f"{parts.hostname or parts.path}:{parts.port or 6379}"
    with _registry_lock:
        if where not in _redis_outages:
            _redis_outages[where] = Outage(f"redis {where}")
        return _redis_outages[where]


def _redis_errors() -> tuple[type[BaseException], ...]:
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a pinned dependency
        return ()
    return (RedisConnectionError, RedisTimeoutError)


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as BrokerError

    return (BrokerError,)


REDIS_ERRORS = _redis_errors()


def outage_for(error: BaseException) -> Outage | None:
    """The outage an exception means, or None for an ordinary error (a bug: 500)."""
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_outage
    if isinstance(error, DatabaseError) and isinstance(
        error.__cause__, (OperationalError, InterfaceError)
    ):
        return database_outage
    if isinstance(error, REDIS_ERRORS + _broker_errors()):
        return redis_outage(settings.REDIS_URL or settings.CELERY_BROKER_URL)
    return None


def unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    """The translated 503 page, rendered without the database, the session or Redis.

    No RequestContext: its context processors would read the user, and so the session
    and the database, which may be what is down.
    """
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # The outage is logged once (Outage.failed), not once per request by django.request.
    response._has_been_logged = True
    return response


def response_for(error: BaseException) -> HttpResponse | None:
    """A 503 response for an exception that means an outage, after logging it once."""
    outage = outage_for(error)
    if outage is None:
        return None
    outage.failed(error)
    return unavailable_response()
