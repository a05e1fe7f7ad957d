"""What a bench plugin gets as ``ctx``: the bench database, gunicorn on loopback, wrk, and
the measuring helpers (see bench/harness.py for the plugin contract)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable

ROW_KEYS = ("name", "value", "unit", "target", "ok", "ratio")
# "core" or "core:capture,aggregation": modules, optionally narrowed to sections.
ONLY = [item.strip() for item in os.environ.get("BENCH_ONLY", "").split(",") if item.strip()]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ORDER = ["core"]
NOT_PLUGINS = {"harness", "context", "run", "__init__", "__main__"}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Overridable so that two checkouts can bench at once without dropping each other's data.
DATABASE = os.environ.get("BENCH_DATABASE", "kumppanuus_bench")
if not re.fullmatch(r"[a-z_][a-z0-9_]*", DATABASE):
    raise SystemExit(f"BENCH_DATABASE must be a plain lower-case name, not {DATABASE!r}")
REDIS_DB = 14
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", f"redis://127.0.0.1:6379/{REDIS_DB}")
SEED_ARGS = ["--notes", "1000000", "--units", "200", "--days", "1095"]
QUICK_SEED_ARGS = ["--notes", "20000", "--units", "200", "--days", "1095"]
DEMO_PASSWORD = "kumppanuus-demo"  # noqa: S105 - seed_demo's demo users, bench database only

# Appended to every wrk script: one JSON line the harness reads back.
_WRK_REPORT = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH_JSON {\"requests\":%d,\"duration_us\":%d,\"status_errors\":%d," ..
    "\"socket_errors\":%d,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d}\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
"""


def row(name, value, unit, target=None, ok=None, ratio=None) -> dict:
    """One table row with exactly the contract's keys."""
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
        "ratio": None if ratio is None else round(float(ratio), 3),
    }


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"bench runs on loopback only; {url} is not")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Context:
    quick: bool
    env: dict
    base_url: str = ""
    baseline_rps: float | None = None
    seed: dict = field(default_factory=dict)
    requests_served: int = 0
    gunicorn: subprocess.Popen | None = None
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bench-")))

    # -- subprocesses -------------------------------------------------------------------
    def manage(self, args: list[str], env: dict | None = None) -> tuple[float, float]:
        """Run ``python manage.py <args>`` against the bench database.

        Returns (wall seconds, peak RSS in MB of that process). Raises on failure, with
        the tail of its output. Bounded: killed after 15 minutes.
        """
        log = self.workdir / f"manage-{args[0]}-{time.monotonic_ns()}.log"
        started = time.monotonic()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [PYTHON, "manage.py", *args],
                cwd=ROOT,
                env={**self.env, **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            timer = threading.Timer(900, process.kill)
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        if process.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"manage.py {' '.join(args)} failed ({process.returncode}): {tail}")
        return wall, usage.ru_maxrss / 1024

    def manage_output(self, args: list[str]) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return result.stdout

    # -- load ---------------------------------------------------------------------------
    def wrk(
        self,
        path: str,
        *,
        duration_s: float,
        connections: int,
        script: str | None = None,
        headers: dict | None = None,
    ) -> dict:
        """Load ``path`` with wrk for ``duration_s`` seconds over ``connections`` connections.

        ``script`` is Lua source (wrk's request()/init()/setup() hooks); the harness owns
        ``done``. Every request carries X-Forwarded-Proto: https, as behind nginx.
        Returns rps, p50_ms, p90_ms, p99_ms, requests, status_errors, socket_errors.
        """
        duration = max(1, min(int(round(duration_s)), 120))
        lua = self.workdir / f"wrk-{time.monotonic_ns()}.lua"
        lua.write_text((script or "") + _WRK_REPORT)
        command = [
            "wrk",
            "--threads",
            str(min(2, connections)),
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--script",
            str(lua),
        ]
        all_headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        for name, value in all_headers.items():
            command += ["--header", f"{name}: {value}"]
        command.append(self.base_url + path)
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=False
        )
        match = re.search(r"BENCH_JSON (\{.*\})", result.stdout)
        if result.returncode != 0 or not match:
            raise RuntimeError(f"wrk failed: {result.stdout[-500:]} {result.stderr[-500:]}")
        data = json.loads(match.group(1))
        self.requests_served += data["requests"]
        seconds = data["duration_us"] / 1e6
        return {
            "rps": data["requests"] / seconds if seconds else 0.0,
            "p50_ms": data["p50_us"] / 1000,
            "p90_ms": data["p90_us"] / 1000,
            "p99_ms": data["p99_us"] / 1000,
            "requests": data["requests"],
            "status_errors": data["status_errors"],
            "socket_errors": data["socket_errors"],
            "duration_s": seconds,
        }

    def wants(self, module: str, section: str) -> bool:
        """Whether BENCH_ONLY leaves this section of the module in the run."""
        sections = [item.split(":", 1)[1] for item in ONLY if item.startswith(f"{module}:")]
        return not sections or section in sections

    # -- CPU ----------------------------------------------------------------------------
    @staticmethod
    def cpu_seconds(pid: int) -> float:
        """User + system CPU a process has used so far (0 once it is gone)."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def vacuum(self) -> None:
        """VACUUM (ANALYZE) the bench database: the state autovacuum reaches soon after a
        bulk change, with fresh planner statistics and an up-to-date visibility map."""
        import psycopg

        with psycopg.connect(f"{PG_URL}/{DATABASE}", autocommit=True) as connection:
            connection.execute("VACUUM (ANALYZE)")

    def postgres_backend_pids(self) -> list[int]:
        import psycopg

        with psycopg.connect(f"{PG_URL}/{DATABASE}", autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            ).fetchall()
        return [pid for (pid,) in rows]

    def cpu_per_request(self, run) -> tuple[dict, dict]:
        """Call ``run()`` (a wrk run) and split the CPU it cost per request, in ms.

        gunicorn's workers, the bench database's PostgreSQL backends (WAL writer and
        checkpointer not included) and wrk itself (this process's reaped children). On a
        shared machine this is the figure that other work does not inflate much.
        """
        import resource

        def sample() -> dict:
            pids = {"gunicorn": self.gunicorn_worker_pids(), "postgres": []}
            with contextlib.suppress(Exception):
                pids["postgres"] = self.postgres_backend_pids()
            return {
                group: {pid: self.cpu_seconds(pid) for pid in members}
                for group, members in pids.items()
            }

        before = sample()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = run()
        after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = sample()
        requests = max(result["requests"], 1)
        cpu = {
            group: sum(
                seconds - before[group].get(pid, 0.0) for pid, seconds in after[group].items()
            )
            for group in after
        }
        cpu["wrk"] = (after_children.ru_utime - children.ru_utime) + (
            after_children.ru_stime - children.ru_stime
        )
        return result, {group: seconds * 1000 / requests for group, seconds in cpu.items()}

    # -- single requests ----------------------------------------------------------------
    def get(
        self,
        path: str,
        *,
        method: str = "GET",
        headers: dict | None = None,
        cookies: dict | None = None,
        body: str | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """One request to the bench server, HTTPS-marked like nginx; no redirects followed."""
        url = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        all_headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            all_headers["Cookie"] = self.cookie_header(cookies)
        if body is not None:
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        self.requests_served += 1
        return response.status, response.headers, data

    @staticmethod
    def cookie_header(cookies: dict) -> str:
        return "; ".join(f"{name}={value}" for name, value in cookies.items())

    @staticmethod
    def cookies_from(headers: http.client.HTTPMessage) -> dict:
        """Cookies set by a response (Secure ones too: this is not a browser)."""
        cookies = {}
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
        return cookies

    @staticmethod
    def csrf_token_in(html: bytes) -> str:
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError("no CSRF token in the page")
        return match.group(1).decode()

    def login(self, username: str = "demo-worker", password: str = DEMO_PASSWORD) -> dict:
        """Log a user in through the real login form; returns the session's cookies."""
        status, headers, html = self.get("/fi/login/")
        if status != 200:
            raise RuntimeError(f"login page answered {status}")
        cookies = self.cookies_from(headers)
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.csrf_token_in(html),
                "username": username,
                "password": password,
                "next": "/fi/work/capture/",
            }
        )
        status, headers, _ = self.get(
            "/fi/login/",
            method="POST",
            body=body,
            cookies=cookies,
            headers={"Referer": f"https://{urlsplit(self.base_url).netloc}/fi/login/"},
        )
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}, not 302")
        cookies.update(self.cookies_from(headers))
        if "sessionid" not in cookies:
            raise RuntimeError("no session cookie after login")
        return cookies

    # -- processes ----------------------------------------------------------------------
    @staticmethod
    def children_of(pid: int) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
        return found

    def gunicorn_worker_pids(self) -> list[int]:
        return self.children_of(self.gunicorn.pid) if self.gunicorn else []

    @staticmethod
    def rss_mb(pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for {pid}")
