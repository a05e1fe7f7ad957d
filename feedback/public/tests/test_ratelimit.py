import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from feedback.public.ratelimit import rate_limit_hit

LIMITS = ((3, 60), (5, 3600))


def test_attempts_within_the_limits_pass_and_the_next_waits_for_the_window():
    with time_machine.travel("2026-11-27 10:00:10+00:00", tick=False):
        assert [rate_limit_hit(scope="t", key="a", limits=LIMITS) for _ in range(3)] == [0, 0, 0]
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 50
        assert rate_limit_hit(scope="t", key="b", limits=LIMITS) == 0
        assert rate_limit_hit(scope="other", key="a", limits=LIMITS) == 0


def test_the_longer_window_holds_when_the_short_one_resets():
    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False) as traveller:
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0
        traveller.shift(60)
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 3600 - 60
    with time_machine.travel("2026-11-27 11:00:00+00:00", tick=False):
        assert rate_limit_hit(scope="t", key="a", limits=LIMITS) == 0


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_cache_keys_hold_no_client_address():

    rate_limit_hit(scope="t", key="192.0.2.55", limits=LIMITS)
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
        answers = [rate_limit_hit(scope=scope, key="a", limits=LIMITS) for _ in range(4)]
    assert answers == [0, 0, 0, 50]
    redis_cache.close()
