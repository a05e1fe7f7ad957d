"""Settings cannot ship insecurely: checked in fresh processes with real environments."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "kumppanuus.example.fi",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    # Drop what the test settings put into this process's environment.
    test_only = ("DJANGO_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_", "RECEIPT_CODE_KEY")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(test_only)}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "kumppanuus.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_start_up_stops_without_secret_key_or_allowed_hosts(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_check_deploy_passes_with_production_like_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout


def test_debug_settings_start_without_secrets():
    result = run_manage("check", env={"DEBUG": "true", "DATABASE_URL": "sqlite:///unused.sqlite3"})
    assert result.returncode == 0, result.stderr


def test_malformed_value_fails_loudly():
    result = run_manage("check", env={**PRODUCTION_ENV, "SESSION_IDLE_MINUTES": "half an hour"})
    assert result.returncode != 0
    assert "invalid literal" in result.stderr or "SESSION_IDLE_MINUTES" in result.stderr


def test_sqlite_default_waits_for_locks_and_uses_immediate_transactions():
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        "print(o['transaction_mode'], o['timeout'])"
    )
    env = {"DEBUG": "true"}
    result = run_manage("shell", "-c", code, env={**env, "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    mode, timeout = result.stdout.strip().splitlines()[-1].split()
    assert mode == "IMMEDIATE" and int(timeout) >= 5


def test_receipt_rate_limits_are_parsed_and_malformed_ones_refused():
    from django.core.exceptions import ImproperlyConfigured

    from kumppanuus.settings import _rate_limits

    assert _rate_limits("10/60,100/86400") == [(10, 60), (100, 86400)]
    for bad in ("", "ten/60", "10", "10/0", "10/60,"):
        with pytest.raises(ImproperlyConfigured):
            _rate_limits(bad)


def test_postgresql_and_redis_get_timeouts_from_the_environment():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "c = settings.CACHES['default']['OPTIONS'];"
        "b = settings.CELERY_BROKER_TRANSPORT_OPTIONS;"
        "print(d['ENGINE'], d['OPTIONS']['connect_timeout'], repr(d['OPTIONS']['options']),"
        " settings.DATABASE_REQUEST_TIMEOUT, c['socket_timeout'], c['socket_connect_timeout'],"
        " b['socket_timeout'], b['socket_connect_timeout'])"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x?options=-c%20search_path%3Dpublic",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_CONNECT_TIMEOUT": "4",
        "DATABASE_STATEMENT_TIMEOUT": "120",
        "DATABASE_REQUEST_TIMEOUT": "2.5",
        "REDIS_TIMEOUT": "1.5",
    }
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "kumppanuus.postgresql",
        "4",
        "'-c",
        "search_path=public",
        "-c",
        "statement_timeout=120s'",
        "2.5",
        *["1.5"] * 4,
    ]


def test_a_negative_trusted_proxy_count_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "-1"})
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr
