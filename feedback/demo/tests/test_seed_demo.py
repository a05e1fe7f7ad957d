"""seed_demo: the demo organisation and notes, idempotent, the same rows on every database."""

from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import F

from encounters.models import Encounter, Membership, Unit
from feedback.demo import bulk, seeding
from feedback.models import Note, NoteEvent, NoteStatus


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


_NOT_COMPARED = {"id", "updated_at", "receipt_hash", "encounter", "unit", "author"}


def _fields(obj) -> tuple:
    """Every concrete column of a row but ids and what is random or written at save time."""
    return tuple(
        (field.name, repr(getattr(obj, field.attname)))
        for field in type(obj)._meta.concrete_fields
        if field.name not in _NOT_COMPARED and not field.name.endswith("_id")
    )


def _snapshot() -> list[tuple]:
    """What a note and its encounter say, without ids or random receipt hashes."""
    return sorted(
        (
            _fields(note),
            _fields(note.encounter),
            note.unit.slug,
            note.author.username,
            note.kind,
            note.client_text,
            note.worker_observation,
            note.may_publish,
            note.has_receipt,
            tuple(note.privacy_flags),
            note.created_at,
            note.encounter.occurred_at,
            note.encounter.channel,
            note.encounter.unit_id == note.unit_id,
            tuple(sorted(theme.slug for theme in note.themes.all())),
            tuple(event.status for event in note.events.all()),
        )
        for note in Note.objects.select_related("unit", "author", "encounter").prefetch_related(
            "themes", "events"
        )
    )


def _assert_consistent(notes: int) -> None:
    assert Note.objects.count() == notes
    assert NoteEvent.objects.filter(status=NoteStatus.RECEIVED).count() == notes
    assert Encounter.objects.filter(nothing_to_add=False).count() == notes
    assert Encounter.objects.filter(nothing_to_add=True).exists()
    # Every note's encounter is its own: same unit, same worker, not "nothing to add".
    assert not Note.objects.exclude(encounter__unit=F("unit")).exists()
    assert not Note.objects.exclude(encounter__worker=F("author")).exists()
    # Every author works in the note's unit.
    for note in Note.objects.all()[:200]:
        assert Membership.objects.filter(user_id=note.author_id, unit_id=note.unit_id).exists()


@pytest.mark.django_db
def test_seed_demo_creates_the_organisation_staff_and_notes():
    output = _seed("--notes", "300")
    assert Unit.objects.count() == 8
    assert Membership.objects.filter(user__username="demo-worker").count() == 2
    _assert_consistent(300)
    assert "8 units, 300 notes (300 new)" in output
    assert "demo-worker" in output


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    _seed("--notes", "200")
    counts = (Unit.objects.count(), Membership.objects.count(), Encounter.objects.count())
    output = _seed("--notes", "200")
    assert "200 notes (0 new)" in output
    assert (Unit.objects.count(), Membership.objects.count(), Encounter.objects.count()) == counts
    assert Note.objects.count() == 200


@pytest.mark.django_db
def test_seed_demo_tops_up_to_the_requested_total():
    _seed("--notes", "100")
    output = _seed("--notes", "250")
    assert "250 notes (150 new)" in output
    _assert_consistent(250)


@pytest.mark.django_db
def test_seed_demo_bench_sizes_add_units_and_the_bench_worker():
    _seed("--notes", "250", "--units", "20", "--days", "30")
    assert Unit.objects.count() == 20
    assert Membership.objects.filter(user__username="demo-bench-worker").count() == 12
    _assert_consistent(250)


@pytest.mark.django_db
def test_seed_demo_bulk_create_reports_progress_by_batch(monkeypatch):
    monkeypatch.setattr(seeding, "BATCH", 100)
    monkeypatch.setattr(seeding.DemoSeeder, "_use_copy", staticmethod(lambda: False))
    output = _seed("--notes", "250")
    assert "  200/250 notes" in output
    _assert_consistent(250)


@pytest.mark.django_db
def test_seed_demo_refuses_nonsense_sizes():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _seed("--units", "0")


@pytest.mark.postgres
@pytest.mark.django_db
def test_seed_demo_copy_writes_the_same_rows_as_bulk_create(require_postgres, monkeypatch):
    with time_machine.travel("2026-03-02 12:00:00+00:00", tick=False):
        _seed("--notes", "400", "--units", "12", "--days", "90", "--seed", "7")
        copied = _snapshot()
        _assert_consistent(400)
        Note.objects.all().delete()
        Encounter.objects.all().delete()
        monkeypatch.setattr(seeding.DemoSeeder, "_use_copy", staticmethod(lambda: False))
        _seed("--notes", "400", "--units", "12", "--days", "90", "--seed", "7")
        created = _snapshot()
    assert copied == created


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_demo_copy_in_several_batches_uses_the_writer_thread(require_postgres, monkeypatch):
    monkeypatch.setattr(seeding, "COPY_BATCH", 150)
    output = _seed("--notes", "400", "--units", "10")
    assert "  300/400 notes" in output
    _assert_consistent(400)
    assert "400 notes (0 new)" in _seed("--notes", "400", "--units", "10")


def _indexes() -> set[tuple[str, str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
            [[model._meta.db_table for model in bulk.SEEDED_MODELS]],
        )
        return set(cursor.fetchall())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_demo_into_empty_tables_builds_every_index_again(require_postgres, monkeypatch):
    monkeypatch.setattr(seeding, "COPY_BATCH", 150)
    before = _indexes()
    dropped = []
    send = bulk.copy_send

    def watch(tables):
        dropped.append(before - _indexes())
        send(tables)

    monkeypatch.setattr(bulk, "copy_send", watch)
    _seed("--notes", "300", "--units", "10")
    names = {name for name, _ in dropped[0]}
    assert {"note_unaggregated", "note_unit_time_counts", "encounter_worker_recent"} <= names
    # Keys stay, so that every row is still checked as it arrives.
    assert not names & {"feedback_note_pkey", "note_receipt_hash_unique"}
    assert "encounter_idempotency_key_unique" not in names
    assert _indexes() == before
    _assert_consistent(300)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_seed_demo_builds_the_indexes_again_after_a_failed_load(require_postgres, monkeypatch):
    monkeypatch.setattr(seeding, "COPY_BATCH", 150)
    before = _indexes()

    def broken(tables):
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "copy_send", broken)
    with pytest.raises(CommandError):
        _seed("--notes", "300", "--units", "10")
    assert _indexes() == before
