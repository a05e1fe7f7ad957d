"""Rate limits on Django's cache (Redis in production), counted by django-ratelimit.

Used where guessing must be expensive: the client's receipt page (per client address) and
the Integration API (per address for wrong keys, per key for calls). Each limit is a
number of attempts per window of seconds; an attempt counts against every limit at once.
django-ratelimit hashes the counted value into the cache key, so the cache holds no
addresses.
"""

from collections.abc import Iterable

from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from kumppanuus.lib.http import client_ip


def client_address(request: HttpRequest) -> str:
    """The client's address from the one trusted source the login lock-out also uses:
    REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the entry the outermost one added."""
    return client_ip(request)


def rate_limit_hit(
    request: HttpRequest, *, scope: str, key: str, limits: Iterable[tuple[int, int]]
) -> int:
    """Count one attempt by `key`; return 0 if it is allowed, else the seconds to wait.

    `limits` holds (attempts, seconds) pairs such as ((10, 60), (100, 86400)).
    """
    wait = 0
    for attempts, seconds in limits:
        usage = get_usage(
            request,
            group=f"kumppanuus.{scope}",
            key=lambda _group, _request: key,
            rate=(attempts, seconds),
            method=ALL,
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            wait = max(wait, usage["time_left"], 1)
    return wait
