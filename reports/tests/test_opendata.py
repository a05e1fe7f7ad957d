"""Open data: monthly notes per unit and theme, suppressed below five, as JSON and CSV."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from feedback.tests.insight_support import capture
from reports.opendata import opendata_last_month, week_month

TODAY = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.get_current_timezone())
OCTOBER_WEEK = datetime(2026, 10, 6, 10, 0, tzinfo=timezone.get_current_timezone())
# Wednesday 30 September: its week's Thursday is 1 October, so it counts in October.
SEPTEMBER_30 = datetime(2026, 9, 30, 10, 0, tzinfo=timezone.get_current_timezone())


def note_at(when, worker, unit, themes=()):
    with time_machine.travel(when, tick=False):
        capture(worker, unit, "Kirjaus", themes=themes)


@pytest.fixture
def figures(worker, other_worker, unit, other_unit, own_cache):
    """October: 6 + 2 notes in the unit (3 about waiting), 1 in the other unit; one in
    November, which is not published yet."""
    for number in range(6):
        note_at(OCTOBER_WEEK, worker, unit, themes=["waiting"] if number < 3 else ())
    for _ in range(2):
        note_at(SEPTEMBER_30, worker, unit)
    note_at(OCTOBER_WEEK, other_worker, other_unit)
    note_at(TODAY - timedelta(days=1), worker, unit)
    with time_machine.travel(TODAY, tick=False):
        call_command("aggregate_notes", "--full")


def get(client, path, **params):
    with time_machine.travel(TODAY, tick=False):
        return client.get(f"/api/v1/open-data/{path}", params)


def rows_of(response) -> list[tuple]:
    return [
        (row["month"], row["unit"], row["theme"], row["notes"], row["suppressed"])
        for row in response.json()["rows"]
    ]


@pytest.mark.django_db
def test_monthly_json_counts_whole_weeks_and_suppresses_small_counts(client, figures):
    response = get(client, "monthly.json", lang="en")

    assert response.status_code == 200
    data = response.json()
    assert (data["since"], data["until"]) == ("2025-11", "2026-10")
    assert rows_of(response) == [
        ("2026-10", "keskusta", None, 8, False),
        ("2026-10", "keskusta", "waiting", None, True),
        ("2026-10", "hammashoitola", None, None, True),
    ]
    row = next(row for row in data["rows"] if row["unit"] == "keskusta" and row["theme"])
    assert row["theme_name"] == "Waiting" and row["service_area"] == "kotihoito"
    assert "1 to 4" in data["description"]


@pytest.mark.django_db
def test_monthly_csv_reads_like_the_dashboards_exports(client, figures):
    response = get(client, "monthly.csv", lang="fi", unit="keskusta")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Kuukausi;Palvelualue;Palvelualueen tunnus;Yksikkö;Yksikön tunnus;Teema;Teeman tunnus;"
        "Kirjaukset"
    )
    assert lines[1] == "2026-10;Kotihoito;kotihoito;Keskustan kotihoito;keskusta;Kaikki teemat;;8"
    assert lines[2].endswith(";waiting;alle 5")
    assert len(lines) == 3


@pytest.mark.django_db
def test_filters_by_area_unit_and_months(client, figures):
    assert len(get(client, "monthly.json", area="kotihoito").json()["rows"]) == 2
    assert len(get(client, "monthly.json", unit="hammashoitola").json()["rows"]) == 1
    assert get(client, "monthly.json", since="2026-11").status_code == 400
    assert get(client, "monthly.json", until="2026-09").json()["rows"] == []
    # A later month than the latest published one is only the latest.
    assert get(client, "monthly.json", until="2030-01").json()["until"] == "2026-10"


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2026-13"},
        {"until": "26-10"},
        {"unit": "a b"},
        {"lang": "de"},
        {"since": "1990-01"},
    ],
)
@pytest.mark.django_db
def test_bad_parameters_answer_400_json(client, own_cache, params):
    response = get(client, "monthly.json", **params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_inactive_units_are_left_out(client, figures, other_unit):
    other_unit.is_active = False
    other_unit.save()

    assert {row["unit"] for row in get(client, "monthly.json").json()["rows"]} == {"keskusta"}


@pytest.mark.django_db
def test_open_data_is_cached_with_an_etag(client, figures, django_assert_max_num_queries):
    first = get(client, "monthly.json")
    with django_assert_max_num_queries(1):  # the latest aggregation run, for the version
        again = get(client, "monthly.json", **{})
    with time_machine.travel(TODAY, tick=False):
        not_modified = client.get(
            "/api/v1/open-data/monthly.json", headers={"If-None-Match": first["ETag"]}
        )

    assert again.content == first.content
    assert not_modified.status_code == 304


@pytest.mark.parametrize(
    ("today", "latest"),
    [
        (date(2026, 11, 1), date(2026, 9, 1)),  # October's last week ends on this Sunday
        (date(2026, 11, 2), date(2026, 10, 1)),
        (date(2026, 1, 15), date(2025, 12, 1)),
    ],
)
def test_a_month_is_published_once_its_last_week_has_ended(today, latest):
    assert opendata_last_month(today=today) == latest


def test_a_week_counts_in_the_month_of_its_thursday():
    assert week_month(date(2026, 9, 28)) == date(2026, 10, 1)
    assert week_month(date(2026, 10, 26)) == date(2026, 10, 1)
    assert week_month(date(2026, 12, 28)) == date(2026, 12, 1)
    assert week_month(date(2025, 12, 29)) == date(2026, 1, 1)
