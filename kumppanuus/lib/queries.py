"""Reads of the busiest requests, with the ORM's own statement compiled once per process.

Building and compiling a QuerySet costs more CPU than running a small indexed read on
PostgreSQL: reading the worker's units took 0.77 ms, 0.5 of it in the ORM. `rows_fetch`
compiles the statement of `build(stand-ins)` once per process and number of values, and
runs it with the real values. When no column needs converting (PostgreSQL returns each
as its Python value), the rows become instances through `Model.from_db`, as the ORM's own
iterator makes them; otherwise (SQLite's dates, a field with from_db_value) through
`Model.objects.raw`, which converts them.

`build` is a module-level function of positional values that returns a plain QuerySet of
its model's own columns (no select_related, annotations or values()). If the compiled
statement has any parameter other than the stand-ins, in order (a value the compiler
inlined, one of its own), the ORM runs the query each time instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.expressions import Col


@dataclass(frozen=True)
class _Statement:
    model: type[Model]
    using: str
    sql: str
    # The selected fields' attnames, when the rows need no conversion; else None.
    attnames: tuple[str, ...] | None


def rows_fetch(build: Callable[..., QuerySet], *values) -> list[Model]:
    """The rows of build(*values)."""
    statement = _compiled(build, len(values))
    if statement is None:
        return list(build(*values))
    if statement.attnames is None:
        return list(statement.model._default_manager.raw(statement.sql, values))
    with connections[statement.using].cursor() as cursor:
        cursor.execute(statement.sql, values)
        rows = cursor.fetchall()
    return [statement.model.from_db(statement.using, statement.attnames, row) for row in rows]


# Bounded: a list of ids (a form's chosen themes) gets one statement per length.
@functools.lru_cache(maxsize=64)
def _compiled(build: Callable[..., QuerySet], count: int) -> _Statement | None:
    # Distinct values no real id or key takes, so that each is found as itself.
    stand_ins = tuple(range(-1, -count - 1, -1))
    queryset = build(*stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    if tuple(params) != stand_ins:
        return None
    selected = [expression for expression, _sql, _alias in compiler.select]
    plain = all(
        isinstance(expression, Col) and expression.target.model is queryset.model
        for expression in selected
    ) and not compiler.get_converters(selected)
    attnames = tuple(expression.target.attname for expression in selected) if plain else None
    return _Statement(queryset.model, queryset.db, sql, attnames)
