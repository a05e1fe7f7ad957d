"""Proof with a real Celery worker process against the real Redis that nothing is lost or
counted twice: broker down then back, SIGKILL mid-run, two runs at once, rebuild equality.

The worker runs as a subprocess on the test database (passed through DATABASE_URL); the
tests commit their data (transaction=True) so that the worker sees it.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum

from encounters.models import Encounter, UncountedEncounter
from feedback.models import Note
from feedback.tests.insight_support import seed_reference_data
from reports.aggregation import aggregation_run
from reports.models import ALL_THEMES, NO_NOTE, AggregationRun, WeeklyUnitStat
from reports.tests.support import snapshot

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def _env(redis_url: str, **extra: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kumppanuus.settings_test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


class Workers:
    def __init__(self, tmp_path: Path, redis_url: str) -> None:
        self.tmp_path, self.redis_url, self.processes = tmp_path, redis_url, []

    def start(self, name: str, *, beat: bool = False, **env: str) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kumppanuus",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "INFO",
            "-n",
            f"{name}@%h",
        ]
        if beat:
            command += ["-B", "--schedule", str(self.tmp_path / f"{name}-beat")]
        process = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            cwd=ROOT,
            env=_env(self.redis_url, **env),
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.processes.append(process)
        _wait(lambda: "ready." in log.read_text() or process.poll() is not None, 60, log)
        assert process.poll() is None, log.read_text()
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)


def _wait(condition, seconds: float, log: Path | None = None, step: float = 0.05) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    pytest.fail(f"timed out after {seconds} s" + (f"; log:\n{log.read_text()}" if log else ""))


@pytest.fixture
def workers(tmp_path, require_redis, settings):
    # Jobs queued by earlier tests' captures would run on this test's data: drop them.
    # (Flushing the Redis database would also drop kombu's queue bindings.)
    _celery(require_redis, "purge", "-f")
    seed_reference_data()
    # The in-process captures of these tests should not queue jobs of their own.
    settings.FEEDBACK_CAPTURE_HOOKS = []
    pool = Workers(tmp_path, require_redis)
    pool.send = lambda: _celery(require_redis, "call", "reports.tasks.aggregate_notes")
    yield pool
    pool.stop_all()


def _celery(redis_url: str, *args: str) -> None:
    """The celery command line in a process of its own: publishing does not depend on the
    state other tests left the in-process Celery app in."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "kumppanuus", *args],
        cwd=ROOT,
        env=_env(redis_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def _seed(notes: int) -> None:
    call_command("seed_demo", notes=notes, units=8, days=120, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _all_done() -> bool:
    return (
        not Note.objects.filter(aggregated_at__isnull=True).exists()
        and not UncountedEncounter.objects.exists()
    )


def _assert_counted_once() -> None:
    notes = (
        WeeklyUnitStat.objects.exclude(kind=NO_NOTE)
        .filter(theme=ALL_THEMES)
        .aggregate(n=Sum("notes"))["n"]
    )
    asked = WeeklyUnitStat.objects.filter(kind=NO_NOTE).aggregate(n=Sum("encounters_asked"))["n"]
    assert notes == Note.objects.count()
    assert asked == Encounter.objects.filter(client_asked=True).count()
    # Every note went under review once: two timeline events, never three.
    events = Note.objects.annotate(n=Count("events")).values_list("n", flat=True)
    assert set(events) == {2}
    assert not Note.objects.filter(insight__isnull=True).exists()


def test_a_note_saved_while_the_broker_is_down_is_aggregated_when_it_is_back(workers, worker, unit):
    # Save through the real capture service in a process whose broker does not answer.
    script = (
        "from django.contrib.auth import get_user_model;"
        "from encounters.models import Unit;"
        "from feedback.notes.services import capture_token_new, note_create;"
        "note_create(worker=get_user_model().objects.get(username='worker'),"
        f" unit=Unit.objects.get(pk={unit.pk}), channel='phone', kind='problem',"
        " client_text='Puhelimessa ei pääse läpi, takaisinsoittoa ei tule.',"
        " token=capture_token_new())"
    )
    down = _env("redis://127.0.0.1:1/0")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=down,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "aggregation not queued" in result.stderr
    note = Note.objects.get()
    assert note.aggregated_at is None and note.insight_id is None

    # The broker is back: the worker's beat sweep finds the note in the outbox.
    process = workers.start("sweeper", beat=True, AGGREGATION_SWEEP_SECONDS="1")
    _wait(lambda: Note.objects.filter(aggregated_at__isnull=False).exists(), 60, process.log)
    _wait(_all_done, 30, process.log)
    note.refresh_from_db()
    assert note.insight is not None and note.status == "under_review"
    _assert_counted_once()


@pytest.mark.postgres
def test_a_worker_killed_mid_run_and_restarted_leaves_the_uninterrupted_result(
    workers, require_postgres
):
    _seed(1500)
    total = Note.objects.count()
    process = workers.start("victim", AGGREGATION_BATCH_SIZE="10")
    workers.send()
    _wait(
        lambda: Note.objects.filter(aggregated_at__isnull=False).count() >= 100,
        300,
        process.log,
        0.01,
    )
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    done_at_kill = Note.objects.filter(aggregated_at__isnull=False).count()
    assert 0 < done_at_kill < total, "the kill has to land in the middle of the run"

    # Restarted; the unacknowledged task waits for the visibility timeout, so the beat
    # sweep (or the next capture) is what finishes the outbox.
    restarted = workers.start("restarted", beat=True, AGGREGATION_SWEEP_SECONDS="1")
    _wait(_all_done, 300, restarted.log)
    _wait(lambda: AggregationRun.objects.filter(finished_at__isnull=False).exists(), 30)
    workers.stop_all()
    after_kill = snapshot()
    _assert_counted_once()
    aggregation_run(full=True)
    assert snapshot() == after_kill


@pytest.mark.postgres
def test_two_runs_at_the_same_time_count_nothing_twice(workers, require_postgres):
    _seed(1500)
    first = workers.start("first", AGGREGATION_BATCH_SIZE="25")
    second = workers.start("second", AGGREGATION_BATCH_SIZE="25")
    workers.send()
    workers.send()
    _wait(
        lambda: AggregationRun.objects.filter(finished_at__isnull=False).count() == 2,
        300,
        first.log,
    )
    runs = list(AggregationRun.objects.order_by("started_at"))
    assert runs[1].started_at < runs[0].finished_at, "the two runs did not overlap"
    assert sum(run.notes_grouped for run in runs) == Note.objects.count()
    assert sum(run.encounters_counted for run in runs) == Encounter.objects.count()
    workers.stop_all()
    concurrent = snapshot()
    _assert_counted_once()
    # Full rebuild equals the incremental result, table for table.
    call_command("aggregate_notes", "--full", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert snapshot() == concurrent
    assert second.returncode is not None


# Captures through the real capture service, one every tenth of a second for SECONDS, in a
# process of their own whose cache and broker are the test's Redis: the capture hook
# debounces and queues aggregation runs as in production.
_CAPTURE_LOAD = """
import time
from django.contrib.auth import get_user_model
from encounters.models import Unit
from feedback.notes.services import capture_token_new, note_create
worker = get_user_model().objects.get(username="worker")
unit = Unit.objects.get(pk={unit})
deadline, saved = time.monotonic() + {seconds}, 0
while time.monotonic() < deadline:
    note_create(worker=worker, unit=unit, channel="phone", kind="problem",
                client_text=f"Takaisinsoittoa sai odottaa koko päivän {{saved}}.",
                token=capture_token_new())
    saved += 1
    time.sleep(0.1)
print("saved", saved)
"""


@pytest.fixture
def own_redis(tmp_path, settings):
    from kumppanuus.tests.faults import RedisServer

    server = RedisServer(tmp_path).start()
    seed_reference_data()
    settings.FEEDBACK_CAPTURE_HOOKS = []
    yield server
    server.stop()


def test_the_worker_survives_redis_dying_under_capture_load_and_the_outbox_drains(
    tmp_path, own_redis, worker, unit
):
    """Issue 14: with Celery 5.7.0 the worker (and the beat inside it) exited with
    "Unrecoverable error: AttributeError('NoneType' object has no attribute 'hostname')"
    whenever Redis went away while it held an unacknowledged task."""
    pool = Workers(tmp_path, own_redis.url())
    extra = {"AGGREGATION_DEBOUNCE_SECONDS": "1", "AGGREGATION_SWEEP_SECONDS": "2"}
    try:
        process = pool.start("survivor", beat=True, **extra)
        load = subprocess.Popen(  # noqa: S603 - our own command line
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                _CAPTURE_LOAD.format(unit=unit.pk, seconds=10),
            ],
            cwd=ROOT,
            env=_env(own_redis.url(), **extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # The worker holds a debounced run (a countdown task, unacknowledged) when Redis dies.
        _wait(lambda: "received" in process.log.read_text(), 30, process.log)
        own_redis.kill()
        time.sleep(3)  # captures go on meanwhile, their runs unqueued
        own_redis.start()
        output, _ = load.communicate(timeout=120)
        assert load.returncode == 0, output
        saved = int(output.split("saved")[-1])
        assert Note.objects.count() == saved > 20

        _wait(_all_done, 90, process.log)
        log = process.log.read_text()
        assert process.poll() is None, log
        assert "Unrecoverable error" not in log, log
        assert "Connection to broker lost" in log, "Redis has to die under the worker"
    finally:
        pool.stop_all()
    _assert_counted_once()
