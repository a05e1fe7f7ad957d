"""The bench harness: one run on loopback PostgreSQL and Redis, one table, one JSON file.

Plugin contract: every module ``bench/<topic>.py`` other than ``harness`` and ``run``
exposes ``run(ctx) -> list[dict]``; each dict has the keys of ``ROW_KEYS``:

- ``name`` (str), ``value`` (number, or a string such as "n/a"), ``unit`` (str);
- ``target``: the target as text ("≥ 0.4 × baseline", "≤ 60 KB") or None;
- ``ok``: True/False against the target, None when there is no target or no figure;
- ``ratio``: the figure over what it is compared with (the baseline for throughput, the
  target limit elsewhere), or None.

Modules run in ``ORDER`` first, then the rest alphabetically. A module that raises becomes
one failed row; the run goes on. ``row()`` builds a dict with the right keys.
``BENCH_ONLY=core`` (comma-separated) runs only the named modules; ``core:capture`` runs
only that section of a module that asks ``ctx.wants(module, section)``.

What ``ctx`` offers (``Context``): ``quick``, ``base_url``, ``baseline_rps``, ``seed``,
``manage(args, env=None) -> (wall s, peak RSS MB)``, ``wrk(path, *, duration_s,
connections, script=None, headers=None) -> dict``, ``login(username, password) ->
cookies``, ``cookie_header(cookies)``, ``get(path, ...)``, ``gunicorn_worker_pids()``,
``rss_mb(pid)``, ``requests_served`` and ``cpu_per_request(run)``. Every loop is bounded
in count and time; every address is loopback.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
NOT_PLUGINS = {"harness", "run", "__init__", "__main__"}
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


class Bench:
    """Set up the bench database and server, run the plugins, report, tear down."""

    def __init__(self, quick: bool) -> None:
        _check_loopback(PG_URL)
        _check_loopback(REDIS_URL)
        self.quick = quick
        self.port = _free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "GUNICORN_", "CELERY_", "SECURE_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "kumppanuus.settings",
                "DEBUG": "false",
                "SECRET_KEY": f"bench-{secrets.token_urlsafe(40)}",
                "RECEIPT_CODE_KEY": f"bench-{secrets.token_urlsafe(20)}",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": f"{PG_URL}/{DATABASE}",
                "REDIS_URL": REDIS_URL,
                "CELERY_BROKER_URL": REDIS_URL,
                "BENCH_HELLO": "1",
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_MAX_REQUESTS": "0",  # measure steady memory, no recycling
                "LOG_LEVEL": "WARNING",
                # On loopback every request comes from 127.0.0.1, so the per-address limit
                # of receipt lookups would measure 429 answers; the limit itself is tested
                # in the suite. BENCH_RECEIPT_RATE_LIMITS= (empty) keeps the real limit.
                "RECEIPT_RATE_LIMITS": os.environ.get(
                    "BENCH_RECEIPT_RATE_LIMITS", "100000000/60,100000000/86400"
                ),
            }
        )
        if not env["RECEIPT_RATE_LIMITS"]:
            env.pop("RECEIPT_RATE_LIMITS")
        self.ctx = Context(quick=quick, env=env)
        self.ctx.base_url = f"http://127.0.0.1:{self.port}"
        self.started = datetime.now(tz=UTC)
        # Other work on the machine skews every figure: the load is printed with the table.
        self.load = {"start": os.getloadavg()[0]}

    # -- database and Redis -------------------------------------------------------------
    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def _redis_flush(self) -> None:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).flushdb()

    def _setup_database(self) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        self._admin(f"CREATE DATABASE {DATABASE}")
        self._redis_flush()
        self.ctx.manage(["migrate", "--noinput"])
        self.ctx.manage(["compiletranslations"])
        self.ctx.manage(["collectstatic", "--noinput"])
        _say("seeding " + " ".join(QUICK_SEED_ARGS if self.quick else SEED_ARGS))
        args = QUICK_SEED_ARGS if self.quick else SEED_ARGS
        wall, peak = self.ctx.manage(["seed_demo", *args])
        self.ctx.seed = {"args": args, "seconds": wall, "peak_mb": peak, "notes": int(args[1])}
        # Measure a settled database, as in production a day after an import: without this,
        # autovacuum and the checkpoint after a million inserts run during the load tests.
        _say("vacuum analyze + checkpoint")
        self._settle()

    def _settle(self) -> None:
        import psycopg

        self.ctx.vacuum()
        with psycopg.connect(f"{PG_URL}/{DATABASE}", autocommit=True) as connection:
            connection.execute("CHECKPOINT")
            self.ctx.seed["database_mb"] = (
                connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
                / 1024
                / 1024
            )

    def _django(self) -> None:
        """This process speaks to the bench database too (tokens, counts)."""
        os.environ.update(self.ctx.env)
        import django

        django.setup()

    # -- gunicorn -----------------------------------------------------------------------
    def _start_gunicorn(self) -> None:
        log = (self.ctx.workdir / "gunicorn.log").open("wb")
        self.ctx.gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**self.ctx.env, "GUNICORN_ACCESS_LOG": str(self.ctx.workdir / "access.log")},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.ctx.gunicorn.poll() is not None:
                raise RuntimeError(
                    "gunicorn exited: " + (self.ctx.workdir / "gunicorn.log").read_text()
                )
            with contextlib.suppress(OSError):
                status, _, body = self.ctx.get("/healthz")
                if status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def _stop_gunicorn(self) -> None:
        process = self.ctx.gunicorn
        if process and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def _baseline(self) -> None:
        seconds = 4 if self.quick else 10
        self.ctx.wrk("/bench/hello", duration_s=2, connections=16)  # warm-up
        result, cpu = self.ctx.cpu_per_request(
            lambda: self.ctx.wrk("/bench/hello", duration_s=seconds, connections=16)
        )
        if result["status_errors"] or result["requests"] == 0:
            raise RuntimeError(f"baseline run had errors: {result}")
        self.ctx.baseline_rps = result["rps"]
        self.ctx.baseline = result | {"cpu_ms": cpu}

    # -- plugins ------------------------------------------------------------------------
    @staticmethod
    def plugin_names() -> list[str]:
        found = sorted(
            path.stem
            for path in BENCH_DIR.glob("*.py")
            if path.stem not in NOT_PLUGINS and not path.stem.startswith("_")
        )
        names = [name for name in ORDER if name in found] + [n for n in found if n not in ORDER]
        if ONLY:
            wanted = {item.split(":", 1)[0] for item in ONLY}
            unknown = wanted - set(names)
            if unknown:
                raise SystemExit(f"BENCH_ONLY names no bench module: {', '.join(sorted(unknown))}")
            names = [name for name in names if name in wanted]
        return names

    def _plugins(self) -> list[dict]:
        rows = []
        for name in self.plugin_names():
            _say(f"running bench/{name}.py")
            started = time.monotonic()
            try:
                module = importlib.import_module(f"bench.{name}")
                produced = module.run(self.ctx)
                for item in produced:
                    missing = set(ROW_KEYS) - set(item)
                    if missing:
                        raise ValueError(f"row {item.get('name')!r} lacks {sorted(missing)}")
                    rows.append({key: item[key] for key in ROW_KEYS} | {"module": name})
            except Exception as error:  # one failed row, the run goes on
                traceback.print_exc(file=sys.stderr)
                rows.append(
                    row(f"{name}: failed", "error", "", ok=False)
                    | {"module": name, "error": f"{type(error).__name__}: {error}"}
                )
            _say(f"bench/{name}.py took {time.monotonic() - started:.0f} s")
        return rows

    # -- report -------------------------------------------------------------------------
    def _write(self, rows: list[dict]) -> Path:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"bench-{stamp}{'-quick' if self.quick else ''}.json"
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        path.write_text(
            json.dumps(
                {
                    "started": self.started.isoformat(),
                    "quick": self.quick,
                    "commit": commit,
                    "machine": {
                        "cpus": os.cpu_count(),
                        "python": platform.python_version(),
                        "platform": platform.platform(),
                    },
                    "seed": self.ctx.seed,
                    "load_average_1min": self.load,
                    "requests_served": self.ctx.requests_served,
                    "rows": rows,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
        return path

    def run(self) -> int:
        rows: list[dict] = []
        try:
            self._setup_database()
            self._django()
            self._start_gunicorn()
            self._baseline()
            rows = self._plugins()
        finally:
            self._stop_gunicorn()
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            if os.environ.get("BENCH_KEEP") != "1":
                with contextlib.suppress(Exception):
                    self._admin(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
                with contextlib.suppress(Exception):
                    self._redis_flush()
        self.load["end"] = os.getloadavg()[0]
        print_table(rows, quick=self.quick, load=self.load)
        path = self._write(rows)
        _say(f"written {path.relative_to(ROOT)}")
        # A missed target is a finding, shown in the table, not a crash of `make bench`.
        return 0


def _say(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


def _format_value(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def print_table(rows: list[dict], *, quick: bool, load: dict | None = None) -> None:
    """The one table: figure, target, ratio, verdict."""
    header = ("", "measure", "value", "unit", "target", "ratio")
    lines = [header]
    for item in rows:
        verdict = {True: "ok", False: "FAIL", None: "·"}[item["ok"]]
        ratio = "" if item["ratio"] is None else f"{item['ratio']:.2f}"
        lines.append(
            (
                verdict,
                item["name"],
                _format_value(item["value"]),
                item["unit"],
                item["target"] or "",
                ratio,
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = sys.stdout
    title = "Kumppanuus bench" + (" (BENCH_QUICK=1: small sizes)" if quick else "")
    if load:
        title += f"; load average {load['start']:.1f} at start, {load.get('end', 0):.1f} at end"
        title += f" on {os.cpu_count()} CPUs"
    out.write(f"\n{title}\n")
    for index, line in enumerate(lines):
        cells = [
            str(cell).rjust(width) if column in (2, 5) else str(cell).ljust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
        if index == 0:
            out.write("  ".join("-" * width for width in widths) + "\n")
    out.flush()
