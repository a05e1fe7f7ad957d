"""Open data at /api/v1/open-data/: monthly notes per unit and theme, as JSON and CSV.

Public, no key. Cached like the public pages (per language and address, with an ETag),
under the latest aggregation run and the latest published month, so that new figures
show once the job has counted them.
"""

import json
from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from feedback.api.cache import cached_answer
from feedback.api.errors import ApiError
from feedback.api.schemas import SLUG_PATTERN, Error

from .exports import csv_stream
from .opendata import (
    opendata_csv_rows,
    opendata_description,
    opendata_last_month,
    opendata_monthly_rows,
    opendata_months,
)
from .selectors import aggregation_last_finished

router = Router(tags=["Open data"])

MONTH_PATTERN = r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"
CACHE_SECONDS = 60 * 60


class MonthlyRow(Schema):
    month: str = Field(description="YYYY-MM")
    service_area: str
    service_area_name: str
    unit: str
    unit_name: str
    theme: str | None = Field(description="A theme's slug; null for all notes of the unit.")
    theme_name: str
    notes: int | None = Field(description="null where the count is 1–4 (suppressed).")
    suppressed: bool


class MonthlyData(Schema):
    title: str
    description: str
    since: str
    until: str
    rows: list[MonthlyRow]


def _month(value: str | None) -> date | None:
    return date(int(value[:4]), int(value[5:7]), 1) if value else None


class Filters(Schema):
    since: str | None = Field(None, pattern=MONTH_PATTERN, description="First month, YYYY-MM.")
    until: str | None = Field(
        None, pattern=MONTH_PATTERN, description="Last month, YYYY-MM (at most the latest)."
    )
    area: str | None = Field(None, pattern=SLUG_PATTERN, description="A service area's slug.")
    unit: str | None = Field(None, pattern=SLUG_PATTERN, description="A unit's slug.")
    lang: Literal["fi", "sv", "en"] | None = Field(None, description="fi, sv or en.")


def _answer(request: HttpRequest, filters: Filters, render) -> object:
    today = timezone.localdate()
    run = aggregation_last_finished()
    version = f"{run.pk if run else 0}:{opendata_last_month(today=today):%Y%m}"

    def build():
        try:
            months = opendata_months(
                since=_month(filters.since), until=_month(filters.until), today=today
            )
        except ValueError:
            raise ApiError(
                400,
                "invalid",
                _("Choose months from since to until, at most ten years, up to last month."),
            ) from None
        rows = opendata_monthly_rows(months=months, area_slug=filters.area, unit_slug=filters.unit)
        return render(months, rows)

    return cached_answer(
        request,
        lang=filters.lang,
        build=build,
        namespace="open-data",
        version=version,
        seconds=CACHE_SECONDS,
    )


@router.get(
    "/monthly.json",
    response={200: MonthlyData, 304: None, 400: Error},
    operation_id="opendata_monthly_json",
    summary="Monthly notes per unit and theme (JSON)",
)
def monthly_json(request: HttpRequest, filters: Query[Filters]):
    """Notes per unit, theme and month (the last 12 published months unless since/until
    say otherwise). Counts of 1–4 are null with suppressed true."""

    def render(months, rows):
        data = {
            "title": _("Client notes per unit, theme and month"),
            "description": opendata_description(),
            "since": months.first.strftime("%Y-%m"),
            "until": months.last.strftime("%Y-%m"),
            "rows": [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows],
        }
        return json.dumps(data, ensure_ascii=False).encode(), "application/json"

    return _answer(request, filters, render)


@router.get(
    "/monthly.csv",
    response={200: None, 304: None, 400: Error},
    operation_id="opendata_monthly_csv",
    summary="Monthly notes per unit and theme (CSV)",
    openapi_extra={
        "responses": {
            200: {
                "description": "Semicolon-separated, UTF-8 with a byte-order mark (as Excel "
                "reads it); suppressed counts read “fewer than 5” in the language asked.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def monthly_csv(request: HttpRequest, filters: Query[Filters]):
    """The same rows as monthly.json, as CSV."""

    def render(months, rows):
        header, cells = opendata_csv_rows(rows)
        content = "".join(csv_stream(header, cells)).encode()
        return content, "text/csv; charset=utf-8"

    return _answer(request, filters, render)
