"""The production path: hashed static files with far-future caching, the gunicorn config
and an access log that never prints a query string or a receipt code."""

import gzip
import importlib.util
import io
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from gunicorn.config import Config

from kumppanuus.gunicorn_logging import RedactingLogger, redact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def collected_static(settings, tmp_path):
    """Production static files: collectstatic with the manifest storage into a tmp folder."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def _hashed_css_url() -> str:
    from django.templatetags.static import static

    url = static("css/app.css")
    assert url != "/static/css/app.css", "the manifest storage should hash the name"
    return url


@pytest.mark.django_db
def test_hashed_static_file_is_cached_for_a_year_or_more(collected_static):
    response = Client().get(_hashed_css_url())
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600


@pytest.mark.django_db
def test_unhashed_static_name_is_cached_only_briefly(collected_static):
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.django_db
def test_static_file_is_served_gzip_compressed_when_asked(collected_static):
    response = Client().get(_hashed_css_url(), headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == (collected_static / _hashed_css_url().removeprefix("/static/")).read_bytes()


@pytest.mark.django_db
def test_static_file_is_served_brotli_compressed_when_asked(collected_static):
    brotli = pytest.importorskip("brotli")
    response = Client().get(_hashed_css_url(), headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    compressed = b"".join(response.streaming_content)
    plain = brotli.decompress(compressed)
    assert len(compressed) < len(plain)


def _gunicorn_config(monkeypatch, **env) -> Config:
    for key in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = Config()
    for name in dir(module):
        if name in config.settings:
            config.set(name, getattr(module, name))
    return config


def test_gunicorn_config_scales_with_cpus_and_takes_overrides(monkeypatch):
    import multiprocessing

    default = _gunicorn_config(monkeypatch)
    assert default.workers == 2 * multiprocessing.cpu_count() + 1
    assert default.threads == 2
    assert default.timeout == 30
    overridden = _gunicorn_config(
        monkeypatch, GUNICORN_WORKERS="3", GUNICORN_THREADS="4", GUNICORN_BIND="127.0.0.1:9"
    )
    assert (overridden.workers, overridden.threads) == (3, 4)
    assert overridden.address == [("127.0.0.1", 9)]


def test_gunicorn_access_log_format_has_no_query_string_or_referer(monkeypatch):
    config = _gunicorn_config(monkeypatch)
    fmt = config.access_log_format
    for atom in ("%(q)s", "%(r)s", "%(f)s", "{referer}i", "{raw_uri}e"):
        assert atom not in fmt
    assert config.logger_class is RedactingLogger


def _access_line(monkeypatch, path: str, query: str = "", referer: str = "-") -> str:
    config = _gunicorn_config(monkeypatch)
    logger = RedactingLogger(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]
    logger.access_log.setLevel(logging.INFO)
    logger._access_log_enabled = True

    class Response:
        status = "200 OK"
        sent = 123
        headers = [("Content-Type", "text/html")]

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}" if query else path,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "test",
    }
    request_headers = [("REFERER", referer), ("USER-AGENT", "test")]
    logger.access(Response(), request_headers, environ, timedelta(milliseconds=5))
    return stream.getvalue()


def test_access_log_never_prints_a_receipt_code(monkeypatch):
    line = _access_line(monkeypatch, "/r/7KQM2XWD9R", referer="https://x.fi/fi/r/7KQM2XWD9R")
    assert "7KQM2XWD9R" not in line
    assert "/r/-" in line
    line = _access_line(monkeypatch, "/fi/r/7KQM2XWD9R/")
    assert "7KQM2XWD9R" not in line and "/fi/r/-/" in line


def test_access_log_never_prints_a_query_string(monkeypatch):
    line = _access_line(monkeypatch, "/fi/work/notes/", query="page=2&code=7KQM2XWD9R")
    assert "/fi/work/notes/" in line
    assert "page=2" not in line and "7KQM2XWD9R" not in line


def test_redact_leaves_other_paths_alone():
    assert redact("/fi/work/capture/") == "/fi/work/capture/"
    assert redact("/static/css/app.abc123.css") == "/static/css/app.abc123.css"
    assert redact("GET /sv/r/ABCD-EFGH-JK?x=1") == "GET /sv/r/-?x=1"


@pytest.mark.django_db
def test_bench_hello_does_not_exist_in_production(client):
    assert client.get("/bench/hello").status_code == 404
    assert client.get("/fi/bench/hello").status_code == 404


def test_bench_hello_view_refuses_without_the_flag(rf, settings):
    from django.http import Http404

    from kumppanuus.views import bench_hello

    settings.BENCH_HELLO = False
    with pytest.raises(Http404):
        bench_hello(rf.get("/bench/hello"))
    settings.BENCH_HELLO = True
    response = bench_hello(rf.get("/bench/hello"))
    assert response.status_code == 200 and response.content == b"hello"


@pytest.mark.django_db
def test_bench_floor_saves_one_note_and_exists_only_with_the_flag(
    rf, settings, worker, unit, monkeypatch
):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import Http404

    from feedback.models import Note
    from kumppanuus import views
    from kumppanuus.views import bench_floor

    monkeypatch.setattr(views, "_FLOOR_ENCOUNTER", {})

    assert Client().post("/bench/floor").status_code == 404

    def post():
        request = rf.post("/bench/floor", {"unit": unit.pk, "client_text": "Hyvä."})
        request.user, request.session = worker, SessionStore()
        return bench_floor(request)

    settings.BENCH_HELLO = False
    with pytest.raises(Http404):
        post()
    assert Note.objects.count() == 0
    settings.BENCH_HELLO = True
    assert post().status_code == 302
    assert post().status_code == 302
    assert Note.objects.count() == 2
    assert Note.objects.values("encounter").distinct().count() == 1


def test_access_log_escapes_a_cr_lf_in_the_path(monkeypatch):
    forged = '/fi/x\r\n127.0.0.1 [01/Dec/2026:00:00:00 +0000] "GET /fi/admin/ HTTP/1.1" 200'
    line = _access_line(monkeypatch, forged)
    assert line.count("\n") == 1 and "\r" not in line
    assert "/fi/x\\r\\n127.0.0.1" in line
    line = _access_line(monkeypatch, "/r/CODE\x1b[31m\u2028")
    assert "CODE" not in line and "\x1b" not in line and "\u2028" not in line
