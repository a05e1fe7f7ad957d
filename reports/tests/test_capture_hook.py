"""The capture hook: with a broker, the captures of a few seconds queue one aggregation run
between them, started after the window; that run, or else the beat sweep, takes every note.

The broker is the world outside: its publish is replaced by a list of what was sent.
"""

import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from encounters.models import Encounter, UncountedEncounter
from feedback.models import Note
from feedback.tests.insight_support import PHONE_TEXTS, capture
from reports.tasks import (
    AGGREGATION_QUEUED_KEY,
    aggregate_notes,
    aggregate_sweep,
    enqueue_after_capture,
)

WINDOW = 5


@pytest.fixture
def published(settings, monkeypatch, own_cache):
    """Celery with a broker, as in production; returns the list of published runs."""
    settings.AGGREGATION_DEBOUNCE_SECONDS = WINDOW
    sent = Published()
    monkeypatch.setattr(aggregate_notes, "apply_async", sent.publish)
    with _eager(False):
        yield sent


class Published(list):
    broken = False

    def publish(self, kwargs=None, countdown=None, **options) -> None:
        if self.broken:
            raise ConnectionError("broker down")
        self.append({"kwargs": kwargs, "countdown": countdown})


@contextmanager
def _eager(eager: bool):
    conf = aggregate_notes.app.conf
    before = conf.task_always_eager
    conf.task_always_eager = eager
    try:
        yield
    finally:
        conf.task_always_eager = before


def _capture_committed(worker, unit, text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return capture(worker, unit, text)


@pytest.mark.django_db
def test_captures_within_a_window_queue_one_run_after_the_window(
    published, worker, unit, django_capture_on_commit_callbacks
):
    for text in PHONE_TEXTS:
        _capture_committed(worker, unit, text, django_capture_on_commit_callbacks)

    assert len(published) == 1
    # After the window, so that every capture that found the run queued has committed.
    assert published[0]["countdown"] == WINDOW + 1
    assert published[0]["kwargs"]["encounter_id"] == Encounter.objects.order_by("pk")[0].pk


@pytest.mark.django_db
def test_the_next_window_queues_another_run(
    published, worker, unit, django_capture_on_commit_callbacks
):
    _capture_committed(worker, unit, PHONE_TEXTS[0], django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(seconds=WINDOW + 1)):
        _capture_committed(worker, unit, PHONE_TEXTS[1], django_capture_on_commit_callbacks)
    assert len(published) == 2


@pytest.mark.django_db
def test_the_queued_run_takes_the_notes_of_the_whole_window(
    published, worker, unit, django_capture_on_commit_callbacks
):
    for text in PHONE_TEXTS:
        _capture_committed(worker, unit, text, django_capture_on_commit_callbacks)
    assert Note.objects.filter(aggregated_at__isnull=True).count() == len(PHONE_TEXTS)

    aggregate_notes(**published[0]["kwargs"])  # the worker runs what was queued

    assert not Note.objects.filter(aggregated_at__isnull=True).exists()
    assert not UncountedEncounter.objects.exists()


@pytest.mark.django_db
def test_notes_whose_run_was_lost_are_taken_by_the_sweep(
    published, worker, unit, django_capture_on_commit_callbacks
):
    # The queued run never happens (say the worker's host died); the captures that rode
    # along published nothing of their own.
    for text in PHONE_TEXTS:
        _capture_committed(worker, unit, text, django_capture_on_commit_callbacks)
    published.clear()

    aggregate_sweep()  # beat, within AGGREGATION_SWEEP_SECONDS

    assert not Note.objects.filter(aggregated_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_failed_publish_saves_the_note_and_lets_the_next_capture_try(
    published, worker, unit, django_capture_on_commit_callbacks
):
    published.broken = True
    note = _capture_committed(worker, unit, PHONE_TEXTS[0], django_capture_on_commit_callbacks)
    assert Note.objects.filter(pk=note.pk, aggregated_at__isnull=True).exists()

    published.broken = False
    _capture_committed(worker, unit, PHONE_TEXTS[1], django_capture_on_commit_callbacks)
    assert len(published) == 1  # not silenced by the failed attempt's window


class CacheCalls:
    """The cache's add and get, counted."""

    def __init__(self, monkeypatch):
        self.count = 0
        backend = caches["default"]
        for name in ("add", "get"):
            monkeypatch.setattr(backend, name, self._counted(getattr(backend, name)))

    def _counted(self, method):
        def call(*args, **kwargs):
            self.count += 1
            return method(*args, **kwargs)

        return call


@pytest.mark.django_db
def test_the_rest_of_a_window_rides_along_without_asking_the_cache(published, monkeypatch):
    calls = CacheCalls(monkeypatch)
    enqueue_after_capture(encounter_id=1, note_id=1)
    asked = calls.count
    enqueue_after_capture(encounter_id=2, note_id=2)
    enqueue_after_capture(encounter_id=3, note_id=3)
    assert (len(published), calls.count) == (1, asked)

    # A second before the window ends this process asks again; once it has ended, a new
    # window queues a new run.
    with time_machine.travel(timezone.now() + timedelta(seconds=WINDOW - 1)):
        enqueue_after_capture(encounter_id=4, note_id=4)
    assert calls.count > asked
    with time_machine.travel(timezone.now() + timedelta(seconds=WINDOW + 1)):
        enqueue_after_capture(encounter_id=5, note_id=5)
    assert len(published) == 2


@pytest.mark.django_db
def test_a_window_queued_elsewhere_is_learnt_from_the_cache(published, monkeypatch):
    # Another process (or gunicorn worker) queued the run: its key holds the window's end.
    caches["default"].add(AGGREGATION_QUEUED_KEY, time.time() + WINDOW, timeout=WINDOW)
    calls = CacheCalls(monkeypatch)
    enqueue_after_capture(encounter_id=1, note_id=1)
    assert calls.count == 2  # add refused, get learnt the end
    enqueue_after_capture(encounter_id=2, note_id=2)
    assert (published, calls.count) == ([], 2)


@pytest.mark.django_db
def test_without_a_window_every_capture_queues_a_run(published, settings):
    settings.AGGREGATION_DEBOUNCE_SECONDS = 0
    enqueue_after_capture(encounter_id=1, note_id=1)
    enqueue_after_capture(encounter_id=2, note_id=2)
    assert [item["countdown"] for item in published] == [None, None]


@pytest.mark.django_db
def test_without_a_broker_each_capture_is_aggregated_at_once(
    worker, unit, django_capture_on_commit_callbacks
):
    with _eager(True):
        for text in PHONE_TEXTS[:2]:
            note = _capture_committed(worker, unit, text, django_capture_on_commit_callbacks)
            note.refresh_from_db()
            assert note.aggregated_at is not None
