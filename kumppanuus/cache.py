"""Django's Redis cache backend, with two changes.

It keeps its redis-py client instead of building one per call. Django's
RedisCacheClient.get_client() constructs a new redis.Redis for every cache call, and the
constructor builds its table of response callbacks each time: about a tenth of a
millisecond of CPU per call, several calls per request (the session read and write, the
aggregation debounce). redis.Redis is safe to share between threads, and Django already
keeps the connection pool, so the client over each pool is kept too.

And it fails fast while Redis is out. Every call has the socket timeouts of settings
(REDIS_TIMEOUT); the first call that fails marks Redis down (kumppanuus.outages, one log
line), and from then on calls raise redis.ConnectionError at once, without waiting for a
hung server, except for one probe every few seconds. The first call that succeeds again
ends the outage (one log line). Callers decide what an unavailable cache means: sessions
fall back to the database, anything else answers 503.
"""

import functools

from django.core.cache.backends import redis
from redis.exceptions import ConnectionError as RedisConnectionError

from .outages import REDIS_ERRORS, redis_outage


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        outage = self._outage
        if outage.should_skip():
            raise RedisConnectionError("Redis is unavailable (waiting before the next try)")
        try:
            result = method(self, *args, **kwargs)
        except REDIS_ERRORS as error:
            outage.failed(error)
            raise
        outage.succeeded()
        return result

    return call


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, servers, *args, **kwargs) -> None:
        super().__init__(servers, *args, **kwargs)
        self._clients: dict = {}
        self._outage = redis_outage(servers[0])

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(RedisCacheClient, _name, _guarded(getattr(redis.RedisCacheClient, _name)))


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
