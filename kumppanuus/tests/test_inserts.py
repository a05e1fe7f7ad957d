"""rows_insert: rows that refer to each other, saved together or not at all."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Now
from django.utils import timezone

from encounters.models import Channel, Encounter, UncountedEncounter
from feedback.models import Note, NoteEvent, NoteKind, NoteStatus, Theme
from kumppanuus.lib import inserts
from kumppanuus.lib.inserts import rows_insert


def _rows(worker, unit, key: str, themes=()):
    encounter = Encounter(
        unit=unit,
        worker=worker,
        channel=Channel.PHONE,
        occurred_at=timezone.now(),
        idempotency_key=key,
    )
    note = Note(
        encounter=encounter,
        unit=unit,
        author=worker,
        kind=NoteKind.IDEA,
        client_text="Ovikello ei kuulu keittiöön.",
        privacy_flags=["phone"],
    )
    links = [Note.themes.through(note=note, theme=theme) for theme in themes]
    event = NoteEvent(note=note, status=NoteStatus.RECEIVED)
    return encounter, UncountedEncounter(encounter=encounter), note, *links, event


@pytest.mark.django_db
def test_every_row_is_saved_with_the_new_keys_of_the_rows_it_refers_to(worker, unit):
    themes = list(Theme.objects.all()[:2])
    assert len(themes) == 2  # the migrations' starter themes
    encounter, uncounted, note, *links, event = _rows(worker, unit, "k1", themes)

    rows_insert(encounter, uncounted, note, *links, event)

    saved = Note.objects.get()
    assert (note.pk, note.encounter_id, encounter.pk) == (
        saved.pk,
        saved.encounter_id,
        saved.encounter_id,
    )
    assert saved.encounter.idempotency_key == "k1"
    assert saved.privacy_flags == ["phone"]
    assert saved.status == NoteStatus.RECEIVED  # the model's default
    assert saved.updated_at is not None  # auto_now, as the ORM's save sets it
    assert set(saved.themes.all()) == set(themes)
    assert UncountedEncounter.objects.get().pk == encounter.pk
    assert NoteEvent.objects.get().note_id == saved.pk
    assert not note._state.adding and not encounter._state.adding


@pytest.mark.django_db
def test_a_postgresql_save_is_one_round_trip(worker, unit, django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("one statement on PostgreSQL only; SQLite saves one INSERT per model")
    rows = _rows(worker, unit, "k1", Theme.objects.all()[:2])

    # Within the test's transaction: a savepoint, the statement, its release.
    with django_assert_num_queries(3) as captured:
        rows_insert(*rows)

    assert captured.captured_queries[1]["sql"].startswith("WITH ")


@pytest.mark.django_db(transaction=True)
def test_a_conflict_saves_none_of_the_rows(worker, unit):
    rows_insert(*_rows(worker, unit, "same"))

    with pytest.raises(IntegrityError):
        rows_insert(*_rows(worker, unit, "same"))

    assert Encounter.objects.count() == 1
    assert Note.objects.count() == 1
    assert NoteEvent.objects.count() == 1
    assert UncountedEncounter.objects.count() == 1


@pytest.mark.django_db
def test_a_conflict_inside_a_transaction_leaves_it_usable(worker, unit):
    with transaction.atomic():
        rows_insert(*_rows(worker, unit, "same"))
        with pytest.raises(IntegrityError):
            rows_insert(*_rows(worker, unit, "same"))
        assert Note.objects.count() == 1


def _saved(note: Note) -> dict:
    """A saved note and its encounter, less what differs between two saves."""
    saved = Note.objects.select_related("encounter").get(pk=note.pk)
    skip = {"id", "encounter", "created_at", "updated_at", "idempotency_key", "occurred_at"}
    values = {
        field.attname: getattr(saved, field.attname)
        for field in Note._meta.concrete_fields
        if field.name not in skip
    }
    values.update(
        (f"encounter.{field.attname}", getattr(saved.encounter, field.attname))
        for field in Encounter._meta.concrete_fields
        if field.name not in skip
    )
    values["themes"] = sorted(saved.themes.values_list("pk", flat=True))
    return values


@pytest.mark.django_db
def test_a_statement_compiled_once_saves_what_the_compiler_would(worker, unit, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("statements are kept on PostgreSQL only; SQLite saves through the ORM")
    monkeypatch.setattr(inserts, "_statements", {})
    themes = list(Theme.objects.all()[:2])
    first = _rows(worker, unit, "k1", themes)
    rows_insert(*first)
    compiled = dict(inserts._statements)
    assert compiled  # the next save of the same shape takes the kept statements
    second = _rows(worker, unit, "k2", themes)

    rows_insert(*second)

    assert inserts._statements == compiled
    assert _saved(second[2]) == _saved(first[2])
    assert second[2].encounter_id == second[0].pk != first[0].pk
    assert (
        Note.objects.get(pk=second[2].pk).updated_at > Note.objects.get(pk=first[2].pk).updated_at
    )


@pytest.mark.django_db
def test_an_expression_in_a_kept_shape_is_compiled_again(worker, unit, monkeypatch):
    monkeypatch.setattr(inserts, "_statements", {})
    rows_insert(*_rows(worker, unit, "k1"))
    encounter, *rest = _rows(worker, unit, "k2")
    encounter.occurred_at = Now()

    rows_insert(encounter, *rest)

    assert Encounter.objects.get(pk=encounter.pk).occurred_at is not None
