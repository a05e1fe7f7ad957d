"""The dashboard's weekly time series: an inline SVG with a title, a description and a
table of the same figures; notes, clients asked and changes made per week."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from feedback.actions.services import action_create, action_set_status
from feedback.models import Insight
from reports.charts import week_chart
from reports.tests.test_dashboard import TODAY, figures, get  # noqa: F401 (fixture)


def _weeks(*values):
    return [
        {"label": f"2026-W{40 + i:02d}", "notes": n, "asked": a, "changes": c}
        for i, (n, a, c) in enumerate(values)
    ]


def test_the_chart_draws_each_series_on_a_scale_from_zero():
    chart = week_chart(_weeks((10, 20, 0), (30, 40, 2), (0, 5, 1)), shared=False)
    notes, asked, changes = chart.series
    assert [line.key for line in chart.series] == ["notes", "asked", "changes"]
    assert all(len(line.segments) == 1 for line in chart.series)
    assert len(notes.segments[0].split()) == 3
    # The axis goes to a round number at least the largest value (40 → 50).
    assert [value for _, value in chart.y_ticks] == [0, 25, 50]
    # A zero sits on the axis' floor, the top value under the ceiling.
    floor = float(chart.y_ticks[0][0])
    assert notes.segments[0].split()[2].endswith(f",{floor}")
    assert all(marker.count("M") == 3 for marker in (notes.markers, asked.markers))


def test_a_shared_view_does_not_draw_counts_under_five():
    chart = week_chart(_weeks((10, 20, 0), (3, 40, 2), (12, 5, 1)), shared=True)
    notes, asked, changes = chart.series
    # 3 notes in the middle week are not drawn: the line breaks there.
    assert len(notes.segments) == 2 and notes.markers.count("M") == 2
    # Zero is shown (it reveals nobody); 1–4 are not.
    assert changes.markers.count("M") == 1


def test_many_weeks_get_at_most_about_eight_labels():
    chart = week_chart(_weeks(*[(i, i, 0) for i in range(26)]), shared=False)
    assert 1 < len(chart.x_labels) <= 9
    # Coordinates are written with a decimal point whatever the page's language.
    assert all("," not in x for x, _ in chart.x_labels)


@pytest.mark.django_db
def test_the_dashboard_shows_notes_asked_and_changes_per_week(client, manager, unit, figures):  # noqa: F811
    insight = Insight.objects.create(
        scope="unit", unit=unit, service_area=unit.service_area, title="Asia"
    )
    with time_machine.travel(TODAY - timedelta(days=1), tick=False):
        action = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi="Muutos",
            text_fi="Teimme muutoksen.",
            responsible=manager,
            due_date=date(2026, 12, 31),
        )
        action = action_set_status(action=action, user=manager, status="done")
    client.force_login(manager)
    response = get(client)
    html = response.content.decode()
    svg = re.search(r'<svg class="week-chart__svg".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="week-chart-title week-chart-desc"' in svg
    assert '<title id="week-chart-title">' in svg and '<desc id="week-chart-desc">' in svg
    assert "<script" not in html.split("<main", 1)[1]
    weeks = response.context["series_weeks"]
    this_week = next(week for week in weeks if week["label"] == "2026-W47")
    assert (this_week["notes"], this_week["asked"], this_week["changes"]) == (3, 5, 1)
    # The table alternative carries the same figures.
    assert re.search(
        r'<th scope="row">2026-W47</th><td class="num">3</td><td class="num">5</td>'
        r'<td class="num">1</td>',
        html,
    )
    assert timezone.localdate(action.done_at) == (TODAY - timedelta(days=1)).date()
