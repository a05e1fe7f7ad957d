"""Django's Redis cache backend, keeping its redis-py client instead of building one per call.

Django's RedisCacheClient.get_client() constructs a new redis.Redis for every cache call,
and the constructor builds its table of response callbacks each time: about a tenth of a
millisecond of CPU per call, several calls per request (the session read and write, the
aggregation debounce). redis.Redis is safe to share between threads, and Django already
keeps the connection pool, so the client over each pool is kept too.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
