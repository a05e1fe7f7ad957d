"""New rows that refer to each other, saved in one round trip on PostgreSQL.

The capture is the busiest write of the service: an encounter, its mark for the daily
counts, the note, its themes and its first event. Saved one by one they cost a BEGIN, five
INSERTs and a COMMIT, seven round trips through the ORM. `rows_insert` sends them to
PostgreSQL as one statement of data-modifying CTEs instead, each INSERT compiled by
Django's own compiler from the model instances (so defaults, `auto_now` and field
conversions are the ORM's), the references between them resolved inside the statement.
One statement is atomic by itself: with no transaction open, none is begun.

Elsewhere (SQLite in `make demo` and its tests) the rows are saved in a transaction, one
INSERT per model. Either way no `save()` override or model signal runs: use it only for models
that have none.
"""

from __future__ import annotations

from contextlib import nullcontext
from itertools import groupby

from django.db import connections, transaction
from django.db.models import Field, Model
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery


def rows_insert(*objs: Model, using: str = "default") -> None:
    """Insert new model instances in order; a foreign key to an earlier one of them is
    filled in with its new primary key. All are saved, or none (IntegrityError)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with transaction.atomic(using=using):
            for model, run in groupby(objs, key=type):
                run = list(run)
                if len(run) == 1:
                    run[0].save(force_insert=True, using=using)
                else:  # a note's themes: one INSERT
                    model._base_manager.using(using).bulk_create(run)
        return
    references = _references(objs)
    parts, params = [], []
    for index, obj in enumerate(objs):
        sql, part_params = _insert_sql(obj, connection, references[index])
        parts.append(f'"r{index}" AS ({sql})')
        params.extend(part_params)
    selects = ", ".join(f'(SELECT "pk" FROM "r{index}")' for index in range(len(objs)))  # noqa: S608
    statement = f"WITH {', '.join(parts)} SELECT {selects}"
    # Inside a transaction (a test, a caller's atomic block) a failed statement must not
    # break it: a savepoint. In autocommit the statement is its own transaction.
    with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            keys = cursor.fetchone()
    for index, (obj, key) in enumerate(zip(objs, keys, strict=True)):
        for field, earlier in references[index]:
            setattr(obj, field.attname, objs[earlier].pk)
        obj.pk = key
        obj._state.adding = False
        obj._state.db = using


def _references(objs: tuple[Model, ...]) -> list[list[tuple]]:
    """Per object, (foreign key field, index of the earlier object it points to)."""
    found = []
    for index, obj in enumerate(objs):
        links = []
        for field in obj._meta.concrete_fields:
            if not field.is_relation or not field.is_cached(obj):
                continue
            target = field.get_cached_value(obj)
            for earlier in range(index):
                if objs[earlier] is target:
                    links.append((field, earlier))
                    break
        found.append(links)
    return found


# Per model, database and references to earlier rows: the compiled INSERT and the fields
# whose values are its parameters, in order. Compiling costs more than the rest of a
# capture's insert; the values are prepared as the compiler prepares them.
_statements: dict[tuple, tuple[str, tuple[Field, ...]]] = {}


def _insert_sql(obj: Model, connection, links: list[tuple]) -> tuple[str, list]:
    """The ORM's own INSERT of one instance, returning its primary key as "pk"; a foreign
    key in `links` refers to the row of an earlier CTE instead of a value."""
    key = (type(obj), connection.alias, tuple((field.attname, earlier) for field, earlier in links))
    cached = _statements.get(key)
    if cached is not None:
        sql, fields = cached
        values = [field.pre_save(obj, add=True) for field in fields]
        if not any(hasattr(value, "resolve_expression") for value in values):
            return sql, [
                field.get_db_prep_save(value, connection=connection)
                for field, value in zip(fields, values, strict=True)
            ]
    meta = obj._meta
    fields = [
        field
        for field in meta.local_concrete_fields
        if field is not meta.auto_field and not field.generated
    ]
    linked = {field.attname for field, _earlier in links}
    try:
        for field, earlier in links:
            # Names made of list positions only; every value goes as a parameter.
            reference = f'(SELECT "pk" FROM "r{earlier}")'  # noqa: S608
            setattr(obj, field.attname, RawSQL(reference, ()))  # noqa: S611
        query = InsertQuery(type(obj))
        query.insert_values(fields, [obj])
        compiler = query.get_compiler(connection=connection)
        [(sql, params)] = compiler.as_sql()
    finally:
        for field, _earlier in links:
            setattr(obj, field.attname, None)
    sql = f'{sql} RETURNING {connection.ops.quote_name(meta.pk.column)} AS "pk"'
    valued = tuple(field for field in fields if field.attname not in linked)
    # Kept only when every other value went in as one plain parameter (no expression, no
    # database default, no field with a placeholder of its own).
    if len(params) == len(valued) and not any(
        hasattr(field, "get_placeholder")
        or hasattr(getattr(obj, field.attname), "resolve_expression")
        for field in valued
    ):
        _statements[key] = (sql, valued)
    return sql, list(params)
