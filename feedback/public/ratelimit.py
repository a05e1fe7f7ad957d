"""A small fixed-window rate limiter on Django's cache (Redis in production).

Used where guessing must be expensive: the client's receipt page. Each limit is a number
of attempts per window of seconds; an attempt counts against every limit at once. Client
addresses are hashed before they become cache keys, so the cache holds no addresses.
"""

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from kumppanuus.lib.http import client_ip


def client_address(request: HttpRequest) -> str:
    """The client's address from the one trusted source the login lock-out also uses:
    REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the entry the outermost one added."""
    return client_ip(request)


def rate_limit_hit(*, scope: str, key: str, limits: Iterable[tuple[int, int]]) -> int:
    """Count one attempt by `key`; return 0 if it is allowed, else the seconds to wait.

    `limits` holds (attempts, seconds) pairs such as ((10, 60), (100, 86400)).
    """
    now = int(timezone.now().timestamp())
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    wait = 0
    for attempts, seconds in limits:
        window = now // seconds
        cache_key = f"ratelimit:{scope}:{seconds}:{window}:{digest}"
        cache.add(cache_key, 0, timeout=seconds + 60)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # evicted between add and incr
            cache.set(cache_key, 1, timeout=seconds + 60)
            count = 1
        if count > attempts:
            wait = max(wait, (window + 1) * seconds - now)
    return wait
