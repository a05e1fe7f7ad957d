"""Bulk writing of demo notes on PostgreSQL: reserved ids, COPY lines, deferred indexes."""

import json
import queue
from contextlib import contextmanager
from datetime import UTC, datetime

from django.core.management.base import CommandError
from django.db import connection, models, transaction

from encounters.models import Encounter, UncountedEncounter
from feedback.models import Note, NoteEvent

BATCH = 5000


# Notes per COPY round on PostgreSQL: large enough that round trips do not matter.
COPY_BATCH = 50_000


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# COPY's text format: backslash, tab, newline and carriage return are escaped.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


NULL = "\\N"


PHONE_JSON = '["phone"]'


def reserve_ids(cursor, model, count: int) -> int:
    """Take ``count`` consecutive ids from the table's sequence; returns the first.

    Meant for the demo seed: another session inserting into the same table at the same
    moment could take an id in between, which the seed does not guard against.
    """
    table = model._meta.db_table
    cursor.execute(
        "SELECT setval(seq, nextval(seq) + %s - 1) FROM pg_get_serial_sequence(%s, 'id') AS seq",
        [count, table],
    )
    return cursor.fetchone()[0] - count + 1


# The tables a seed fills. Into empty ones (a fresh database), the COPY goes without their
# secondary indexes, which are built again afterwards: building an index over a million
# rows at once takes a fraction of what keeping it up to date row by row does.
SEEDED_MODELS = (Encounter, UncountedEncounter, Note, Note.themes.through, NoteEvent)


SECONDARY_INDEXES = """
    SELECT index.indexrelid::regclass::text, pg_get_indexdef(index.indexrelid)
    FROM pg_index index
    WHERE index.indrelid = %s::regclass
      AND NOT index.indisprimary AND NOT index.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
"""


@contextmanager
def secondary_indexes_deferred(*, enabled: bool):
    """Drop the seeded tables' secondary indexes while inside, if the tables are empty.

    Indexes that back a constraint (primary and unique keys) stay, so every row is still
    checked as it arrives. The others are built again on the way out, also after an error.
    Only outside a transaction: inside one, the rows' deferred foreign-key checks would
    still be pending when the indexes are built, which PostgreSQL refuses.
    """
    models_ = SEEDED_MODELS
    if (
        not enabled
        or connection.in_atomic_block
        or any(model.objects.exists() for model in models_)
    ):
        yield
        return
    with connection.cursor() as cursor:
        definitions = []
        for model in models_:
            cursor.execute(SECONDARY_INDEXES, [model._meta.db_table])
            definitions += cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, definition in definitions:
                cursor.execute(definition)


def copy_text(field, value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return NULL
    if isinstance(field, models.JSONField):
        return json.dumps(value).translate(COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).translate(COPY_ESCAPES)


def columns(model, filled: str) -> tuple[str, str]:
    """The column list for COPY and the line ending that adds the other columns' defaults.

    ``filled`` names the columns the caller writes; every other concrete column except an
    unlisted primary key gets its model default, the value bulk_create would have used.
    """
    names = [name.strip() for name in filled.split(",")]
    rest = [
        field
        for field in model._meta.concrete_fields
        if field.column not in names and not field.primary_key
    ]
    for field in rest:
        if field.unique and field.has_default():
            # One default per batch would repeat in every row.
            raise CommandError(
                f"seed_demo must fill the unique column {model.__name__}.{field.name}"
            )
    columns = ", ".join([*names, *(field.column for field in rest)])
    ending = "".join(f"\t{copy_text(field, field.get_default())}" for field in rest)
    return columns, ending + "\n"


def copy_send(tables: dict) -> None:
    """COPY one batch's lines, all tables in one transaction, in the calling thread."""
    with transaction.atomic(), connection.cursor() as cursor:
        for (model, columns), lines in tables.items():
            if not lines:
                continue
            with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(lines), 10_000):
                    copy.write("".join(lines[start : start + 10_000]))


def copy_writer(pending: queue.Queue, failure: list) -> None:
    """The writer thread: COPY batches from the queue until None; keep the first error."""
    try:
        while (tables := pending.get()) is not None:
            if not failure:
                copy_send(tables)
    except BaseException as error:  # reported by the main thread
        failure.append(error)
        while pending.get() is not None:
            pass
    finally:
        connection.close()
