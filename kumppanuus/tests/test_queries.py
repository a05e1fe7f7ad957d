"""rows_fetch: the ORM's statement compiled once, run with each request's values."""

import pytest

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
        assert rows == list(_themes_of(*ids[:count]))
        assert all(isinstance(row, Theme) and row.name for row in rows)


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
