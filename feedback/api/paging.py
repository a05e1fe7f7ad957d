"""Pages of a list: a fixed page size, the count and the number of pages with every page."""

from math import ceil
from typing import Annotated

from django.db.models import QuerySet
from ninja import Query

PAGE_SIZE = 50
MAX_PAGE = 100_000


# A view's parameter: `page: Page = 1`.
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]


def page_of(queryset: QuerySet, page: int, *, size: int = PAGE_SIZE) -> tuple[dict, list]:
    """(the page's counts, its rows); a page past the last one is empty, not an error."""
    count = queryset.count()
    rows = list(queryset[(page - 1) * size : page * size]) if count else []
    return {"count": count, "page": page, "pages": max(1, ceil(count / size))}, rows
