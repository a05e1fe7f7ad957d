"""Staff sessions: read from the cache (Redis), kept in the database too.

Sessions end after SESSION_IDLE_MINUTES without a request, so every request saves its
session to push the expiry forward (SESSION_SAVE_EVERY_REQUEST). Django's cached_db
backend would then read the cache but still write the database on every request. This one
writes the database only when the session's data changed or when the database copy's expiry
has fallen more than DB_REFRESH_SECONDS behind; otherwise a request costs one cache read and
one cache write.

The cache copy carries the exact expiry and is checked against it (not only against the
cache's own timeout). The database copy's expiry lags it by at most DB_REFRESH_SECONDS and
never leads it. So an idle session ends on time; if the cache loses a session (Redis
restarted), the database copy ends it at most DB_REFRESH_SECONDS early, never late. Logging
in or out, and any change to the data, goes to both at once.

While Redis is out, the cache fails fast (kumppanuus/cache.py) and logs the outage once;
sessions then run on the database alone and log nothing per request.

Used only with a shared cache (settings: when REDIS_URL is set). A per-process cache would
let a session logged out in one process live on in another's cache.
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from .outages import REDIS_ERRORS

logger = logging.getLogger(__name__)

DB_REFRESH_SECONDS = 60


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "kumppanuus.sessions"

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        # Expiry (POSIX seconds) of the database copy, once known.
        self._db_expiry: float | None = None

    def load(self) -> dict:
        try:
            cached = self._cache.get(self.cache_key)
        except Exception:  # an unusable key or an unreachable cache: the database decides
            cached = None
        if cached is not None:
            if cached["expiry"] > timezone.now().timestamp():
                self._db_expiry = cached["db_expiry"]
                return cached["data"]
            # Idle too long. The database copy, expiring no later, has ended as well.
            self._session_key = None
            return {}
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        self._db_expiry = stored.expire_date.timestamp()
        self._cache_set(data, expiry=self._db_expiry)
        return data

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        expiry = self.get_expiry_date().timestamp()
        if (
            must_create
            or self.modified
            or self._db_expiry is None
            or expiry - self._db_expiry > DB_REFRESH_SECONDS
        ):
            DBStore.save(self, must_create)
            self._db_expiry = expiry
        self._cache_set(self._session, expiry=expiry)
        return None

    def exists(self, session_key: str) -> bool:
        try:
            if session_key and self.cache_key_prefix + session_key in self._cache:
                return True
        except REDIS_ERRORS:
            pass  # the outage is logged once by the cache; the database decides
        return DBStore.exists(self, session_key)

    def delete(self, session_key: str | None = None) -> None:
        """Both copies; with Redis down, the database copy at least (logging out works)."""
        try:
            super().delete(session_key)
        except REDIS_ERRORS:
            # super() deleted the database row before the cache failed. A copy that Redis
            # kept on disk could come back with it, until its expiry: say so in the log.
            logger.warning("session deleted from the database only; the cache did not answer")

    def _cache_set(self, data: dict, *, expiry: float) -> None:
        record = {"data": data, "expiry": expiry, "db_expiry": self._db_expiry}
        timeout = max(1, round(expiry - timezone.now().timestamp()))
        try:
            self._cache.set(self.cache_key, record, timeout)
        except REDIS_ERRORS:
            # The database copy is still there (a lagging expiry at worst). The cache logs
            # the outage once; a line per request would drown the log.
            pass
        except Exception:
            logger.exception("session not cached")
