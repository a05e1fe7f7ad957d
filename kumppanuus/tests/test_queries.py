"""rows_fetch: the ORM's statement compiled once, run with each request's values."""

import pytest
from django.db import connection

from feedback.models import Theme
from kumppanuus.lib import queries
from kumppanuus.lib.queries import rows_fetch


def _themes_of(*ids: int):
    return Theme.objects.filter(pk__in=ids).order_by("pk")


def _themes_named(*ids: int):
    # A constant of its own among the parameters: not compiled once.
    return Theme.objects.filter(pk__in=ids).exclude(slug="no-such-theme").order_by("pk")


@pytest.mark.django_db
def test_rows_are_the_orms_for_any_number_of_values(django_assert_num_queries):
    ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    for count in (1, 2, 3, 1):
        with django_assert_num_queries(1):
            rows = rows_fetch(_themes_of, *ids[:count])
        expected = list(_themes_of(*ids[:count]))
        assert [_values(row) for row in rows] == [_values(row) for row in expected]
        assert all(isinstance(row, Theme) and not row._state.adding for row in rows)
        assert {row._state.db for row in rows} == {"default"}


def _values(row) -> dict:
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


@pytest.mark.django_db
def test_rows_that_need_converting_are_read_through_the_orms_raw_query():
    # PostgreSQL returns every column as its Python value; SQLite's dates need converters.
    statement = queries._compiled(_themes_of, 1)
    if connection.vendor == "postgresql":
        assert statement.attnames == tuple(f.attname for f in Theme._meta.concrete_fields)
    else:
        assert statement.attnames is None
    theme = Theme.objects.order_by("pk").first()
    [row] = rows_fetch(_themes_of, theme.pk)
    assert row.created_at == theme.created_at and row.created_at.tzinfo is not None


@pytest.mark.django_db
def test_a_statement_is_compiled_once_per_number_of_values():
    queries._compiled.cache_clear()
    ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    rows_fetch(_themes_of, ids[0])
    rows_fetch(_themes_of, ids[1])
    rows_fetch(_themes_of, ids[0], ids[1])
    info = queries._compiled.cache_info()
    assert (info.misses, info.hits) == (2, 1)


@pytest.mark.django_db
def test_a_statement_with_parameters_of_its_own_runs_through_the_orm():
    ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True))[:2]
    assert queries._compiled(_themes_named, 2) is None
    assert rows_fetch(_themes_named, *ids) == list(Theme.objects.filter(pk__in=ids).order_by("pk"))


@pytest.mark.django_db
def test_no_rows_when_nothing_matches():
    assert rows_fetch(_themes_of, 10**9) == []
