"""The bench harness: one run on loopback PostgreSQL and Redis, one table, one JSON file.

Plugin contract: every module ``bench/<topic>.py`` other than ``harness``, ``context`` and ``run``
exposes ``run(ctx) -> list[dict]`` (bench/context.py holds what ``ctx`` is); each dict has
the keys of ``ROW_KEYS``:

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
import importlib
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench.context import (
    BENCH_DIR,
    DATABASE,
    NOT_PLUGINS,
    ONLY,
    ORDER,
    PG_URL,
    QUICK_SEED_ARGS,
    REDIS_URL,
    RESULTS_DIR,
    ROOT,
    ROW_KEYS,
    SEED_ARGS,
    VENV_BIN,
    Context,
    _check_loopback,
    _free_port,
    row,
)


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
                with contextlib.suppress(Exception):  # evaluate_grouping's (bench/aggregation.py)
                    self._admin(f"DROP DATABASE IF EXISTS test_{DATABASE} WITH (FORCE)")
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
