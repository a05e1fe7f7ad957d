import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from feedback.public.ratelimit import rate_limit_hit

LIMITS = ((3, 60), (5, 3600))


def _hit(key: str, scope: str = "t") -> int:
    return rate_limit_hit(RequestFactory().get("/"), scope=scope, key=key, limits=LIMITS)


def test_attempts_within_the_limits_pass_and_the_next_waits_for_the_window():
    with time_machine.travel("2026-11-27 10:00:10+00:00", tick=False) as traveller:
        assert [_hit("a") for _ in range(3)] == [0, 0, 0]
        wait = _hit("a")
        assert 0 < wait <= 60
        assert _hit("b") == 0
        assert _hit("a", scope="other") == 0
        traveller.shift(wait + 1)
        assert _hit("a") == 0  # the short window has passed


def test_the_longer_window_holds_when_the_short_one_resets():
    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False) as traveller:
        answers = []
        for _ in range(3):
            answers += [_hit("a"), _hit("a")]
            traveller.shift(61)
        # Two per minute never trip the short limit; the sixth in the hour trips the long one.
        assert answers[:5] == [0] * 5
        assert 60 < answers[5] <= 3600
        traveller.shift(3600)
        assert _hit("a") == 0


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_cache_keys_hold_no_client_address():
    _hit("192.0.2.55")
    assert cache._cache
    assert not any("192.0.2.55" in str(key) for key in cache._cache)


@pytest.mark.redis
def test_the_limiter_counts_in_redis_as_in_production(settings, require_redis):
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": require_redis,
        }
    }
    from django.core.cache import cache as redis_cache

    scope = f"test-{uuid.uuid4().hex}"
    with time_machine.travel("2026-11-27 10:00:10+00:00", tick=False):
        answers = [_hit("a", scope=scope) for _ in range(4)]
    assert answers[:3] == [0, 0, 0] and answers[3] > 0
    redis_cache.close()
