"""The shipped nginx site (deploy/nginx/kumppanuus.conf) in front of the app, for real.

Debian's nginx runs the site as shipped, with only what a test cannot have changed: plain
HTTP on a free loopback port instead of TLS, the upstream pointed at the test server, logs
and temporary files in a temporary folder. Clients connect from different loopback
addresses (127.0.0.2, 127.0.0.3, ...), so nginx sees each as its own client, as it would
see people on the internet. The app runs with TRUSTED_PROXY_COUNT = 1, as deploy/README
says for this set-up.
"""

import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from conftest import need

SITE = Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "kumppanuus.conf"
UNKNOWN = "/r/ZZZZZZZZZZ"  # no such receipt: every lookup counts against the limit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("own_cache")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_for_test(site: str, *, port: int, upstream: str, logs: Path) -> str:
    """The shipped site with TLS and fixed paths swapped for what a test can run."""
    # The port-80 server only redirects to https; the test speaks to the app's server.
    site = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"\n\s*listen \[::\]:443[^\n]*", "", site)
    site = re.sub(r"\n\s*ssl_[^\n]*", "", site)
    site = site.replace("server 127.0.0.1:8000;", f"server {upstream};")
    site = re.sub(r"/var/log/nginx/kumppanuus\.(access|error)\.log", rf"{logs}/\1.log", site)
    assert "listen 443 ssl http2;" not in site and f"server {upstream};" in site
    return site


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    need(shutil.which("nginx") is not None, "nginx (apt-get install -y nginx)")
    settings.TRUSTED_PROXY_COUNT = 1
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
    site = site_for_test(SITE.read_text(), port=port, upstream=upstream, logs=tmp_path)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\npid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        "http {\n"
        + "".join(
            f"  {kind}_temp_path {tmp_path}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {tmp_path}/site.conf;\n}}\n"
    )
    process = subprocess.Popen(  # noqa: S603 - the test's own config
        [
            shutil.which("nginx"),
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"nginx did not start: {process.stdout.read().decode()}")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(port: int, path: str, *, client: str, headers: dict | None = None):
    """GET through nginx from the loopback address `client`: (status, body)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(client, 0)
    )
    try:
        connection.request(
            "GET", path, headers={"Host": "localhost", "Accept-Language": "en", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def test_each_client_behind_nginx_has_its_own_receipt_limit(nginx, settings):
    settings.RECEIPT_RATE_LIMITS = [(3, 60)]  # below nginx's own burst, so the app answers

    first = [get(nginx, UNKNOWN, client="127.0.0.2")[0] for _ in range(4)]
    other = get(nginx, UNKNOWN, client="127.0.0.3")[0]

    assert first == [404, 404, 404, 429]
    assert other == 404


def test_a_forged_forwarded_header_does_not_open_a_new_bucket(nginx, settings):
    settings.RECEIPT_RATE_LIMITS = [(3, 60)]
    for _ in range(3):
        get(nginx, UNKNOWN, client="127.0.0.4")

    status, body = get(
        nginx, UNKNOWN, client="127.0.0.4", headers={"X-Forwarded-For": "203.0.113.9"}
    )

    assert status == 429
    assert "nginx" not in body  # the app's translated page, not nginx's own limit


@pytest.mark.parametrize("path", ["/fi/receipt/", UNKNOWN])
def test_nginx_limits_the_receipt_form_as_the_qr_address(nginx, settings, path):
    settings.RECEIPT_RATE_LIMITS = [(1000, 60)]  # the app's limit out of the way

    answers = [get(nginx, path, client="127.0.0.5")[0] for _ in range(15)]
    status, body = get(nginx, path, client="127.0.0.5")

    assert 429 not in answers[:11]  # one request and a burst of 10
    assert status == 429 and "nginx" in body
    assert get(nginx, path, client="127.0.0.6")[0] != 429
