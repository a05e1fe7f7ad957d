"""A form submitted twice at the same moment creates one note (real PostgreSQL, threads)."""

import threading

import pytest
from django.db import connection

from encounters.models import Channel, Encounter
from feedback.models import Note, NoteEvent
from feedback.notes.services import capture_token_new, note_create

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_simultaneous_retries_create_exactly_one_note(require_postgres, worker, unit):
    token = capture_token_new()
    barrier = threading.Barrier(6)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                note_create(
                    worker=worker,
                    unit=unit,
                    channel=Channel.HOME,
                    kind="idea",
                    client_text="Sama lomake kuusi kertaa yhtä aikaa.",
                    token=token,
                )
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Note.objects.count() == 1
    assert Encounter.objects.count() == 1
    assert NoteEvent.objects.count() == 1
    assert {result.note.pk for result in results} == {Note.objects.get().pk}
    assert sum(result.created for result in results) == 1
