"""PostgreSQL with a deadline on every round trip a web request makes.

libpq has a connect timeout (DATABASE_CONNECT_TIMEOUT) but no read timeout, and
PostgreSQL's statement_timeout is enforced by the server. Neither helps when the server,
or the network to it, hangs with the connection open: a query then waits for ever, every
gunicorn thread in turn, and gunicorn's own timeout never fires for threaded workers.

So while a request runs (kumppanuus.middleware.ServiceUnavailableMiddleware sets the
deadline), each query, commit, rollback and connection health check is watched. One still
waiting after DATABASE_REQUEST_TIMEOUT seconds has its socket shut down by a watchdog
thread; psycopg then raises OperationalError and the request answers 503
(kumppanuus.outages). Celery tasks and management commands set no deadline: their long
statements are bounded by the server's statement_timeout alone.

Settings use this engine when DATABASE_URL is a PostgreSQL one.
"""

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from itertools import count

from django.db import OperationalError
from django.db.backends.postgresql import base

from kumppanuus.outages import database_outage

_local = threading.local()


@contextlib.contextmanager
def request_deadline(seconds: float | None) -> Iterator[None]:
    """Within the block, this thread's database round trips each get `seconds` at most."""
    previous = getattr(_local, "seconds", None)
    _local.seconds = seconds
    try:
        yield
    finally:
        _local.seconds = previous


class _Watchdog:
    """One thread per process that shuts down the socket of a round trip past its deadline.

    arm() and disarm() cost a lock and a dict entry; the thread sleeps while nothing is
    watched and checks four times a second while something is.
    """

    TICK = 0.25

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, list] = {}  # token -> [deadline, fd, fired]
        self._wake = threading.Event()
        self._tokens = count()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def arm(self, fd: int, seconds: float) -> int:
        token = next(self._tokens)
        with self._lock:
            self._watched[token] = [time.monotonic() + seconds, fd, False]
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._pid = os.getpid()
                self._thread = threading.Thread(
                    target=self._run, name="database-deadline", daemon=True
                )
                self._thread.start()
            self._wake.set()
        return token

    def disarm(self, token: int) -> bool:
        """Stop watching; True if the deadline had passed and the socket was shut down."""
        with self._lock:
            entry = self._watched.pop(token, None)
        return bool(entry and entry[2])

    def _run(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                for entry in self._watched.values():
                    deadline, fd, fired = entry
                    if not fired and now >= deadline:
                        entry[2] = True
                        _shut_down(fd)
                if not self._watched:
                    self._wake.clear()


def _shut_down(fd: int) -> None:
    """Wake whoever waits on the socket: both directions end, the read sees the end."""
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=os.dup(fd))
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.close()


_watchdog = _Watchdog()


class _Watch:
    fired = False


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self._execute_within_deadline)

    @contextlib.contextmanager
    def _deadline(self, seconds: float | None = None) -> Iterator[_Watch]:
        """Watch the round trips in the block: the request's deadline, else `seconds`."""
        watch = _Watch()
        seconds = getattr(_local, "seconds", None) or seconds
        fd = None
        if seconds and self.connection is not None:
            with contextlib.suppress(Exception):
                fd = self.connection.fileno()
        if fd is None:
            yield watch
            return
        token = _watchdog.arm(fd, seconds)
        try:
            yield watch
        except Exception as error:
            if _watchdog.disarm(token):
                self.errors_occurred = True
                raise OperationalError(f"PostgreSQL did not answer within {seconds:g} s") from error
            raise
        finally:
            # Disarming twice is harmless; the first answer is the one that counts.
            watch.fired = _watchdog.disarm(token) or watch.fired
        if watch.fired:
            self.errors_occurred = True

    def _execute_within_deadline(self, execute, sql, params, many, context):
        with self._deadline():
            result = execute(sql, params, many, context)
        if database_outage.is_down:
            database_outage.succeeded()
        return result

    def is_usable(self) -> bool:
        """The health check of a kept connection (a request's first query, and after errors).

        Watched everywhere, with the connect timeout outside requests. Past its deadline in a
        request the server hangs: say so at once, rather than return False and have Django
        wait for a new connection to the same hung server. (Outside a request, in Django's
        request_started/finished handlers, False closes the connection: raising there would
        escape the request's error handling.)
        """
        with self._deadline(self.settings_dict["OPTIONS"].get("connect_timeout")) as watch:
            usable = super().is_usable()
        if watch.fired and getattr(_local, "seconds", None):
            raise OperationalError("PostgreSQL did not answer the connection health check")
        return usable

    def _commit(self):
        with self._deadline():
            return super()._commit()

    def _rollback(self):
        with self._deadline():
            return super()._rollback()

    def _set_autocommit(self, autocommit):
        with self._deadline():
            return super()._set_autocommit(autocommit)
