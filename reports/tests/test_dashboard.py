"""The managers' dashboard: scope, one test per metric against hand-computed figures,
bounded queries, exports of the figures."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from encounters.models import AreaManagement, Channel, Encounter, Membership
from feedback.models import Insight, Note, NoteStatus
from feedback.notes.services import capture_token_new, encounter_record_nothing_to_add
from feedback.tests.insight_support import capture
from reports.models import EncounterTotal, ExportLog

DASHBOARD = reverse("reports:dashboard")
# A fixed Wednesday; the default period is the 12 ISO weeks before its week plus that week.
TODAY = datetime(2026, 11, 18, 12, 0, tzinfo=timezone.get_current_timezone())


def note_at(when, worker, unit, *, kind="idea", channel=Channel.HOME, themes=(), text="Kirjaus"):
    with time_machine.travel(when, tick=False):
        return capture(worker, unit, text, kind=kind, channel=channel, themes=themes)


def nothing_at(when, worker, unit, channel=Channel.PHONE):
    with time_machine.travel(when, tick=False):
        encounter_record_nothing_to_add(
            worker=worker, unit=unit, channel=channel, token=capture_token_new()
        )


def get(client, **params):
    with time_machine.travel(TODAY, tick=False):
        return client.get(DASHBOARD, params)


@pytest.fixture
def figures(worker, manager, unit):
    """Hand-made data: this week 3 notes (2 ideas home, 1 problem phone) + 2 nothing to add;
    a week in the previous period 1 note."""
    note_at(TODAY - timedelta(days=1), worker, unit, themes=["waiting"])
    note_at(TODAY - timedelta(days=1), worker, unit)
    note_at(
        TODAY - timedelta(days=2),
        manager,
        unit,
        kind="problem",
        channel=Channel.PHONE,
        themes=["waiting"],
    )
    nothing_at(TODAY - timedelta(days=1), worker, unit)
    nothing_at(TODAY - timedelta(days=2), worker, unit)
    note_at(TODAY - timedelta(weeks=15), worker, unit)
    with time_machine.travel(TODAY, tick=False):
        call_command("aggregate_notes", "--full")


@pytest.mark.django_db
def test_notes_metric_counts_the_period_and_the_previous_one(client, manager, figures):
    client.force_login(manager)
    volume = get(client).context["volume"]
    assert (volume.total.current, volume.total.previous) == (3, 1)
    assert volume.total.change_percent == 200
    assert dict(volume.by_kind) == {"kehittämisidea": 2, "ongelma": 1} or dict(volume.by_kind) == {
        "idea": 2,
        "problem": 1,
    }
    assert sum(week["notes"] for week in volume.weeks) == 3
    assert volume.weeks[-1]["label"] == "2026-W47"


@pytest.mark.django_db
def test_clients_asked_counts_notes_and_nothing_to_add(client, manager, figures):
    client.force_login(manager)
    volume = get(client).context["volume"]
    assert volume.asked.current == 5  # 3 encounters with a note + 2 with nothing to add
    assert volume.nothing.current == 2


@pytest.mark.django_db
def test_ask_rate_divides_asked_by_imported_totals(client, manager, unit, figures):
    client.force_login(manager)
    assert get(client).context["ask_rate"] is None
    EncounterTotal.objects.create(unit=unit, day=date(2026, 11, 17), total=10)
    EncounterTotal.objects.create(unit=unit, day=date(2026, 11, 16), total=10)
    assert get(client).context["ask_rate"] == 25  # 5 asked / 20 encounters


@pytest.mark.django_db
def test_theme_and_channel_filters_narrow_the_figures(client, manager, figures):
    client.force_login(manager)
    assert get(client, theme="waiting").context["volume"].total.current == 2
    assert get(client, channel="phone").context["volume"].total.current == 1
    assert get(client, kind="problem").context["volume"].total.current == 1
    themes = dict((bar["label"], bar["value"]) for bar in get(client).context["theme_bars"])
    assert list(themes.values()) == [2]


@pytest.mark.django_db
def test_iso_week_and_finnish_dates_select_the_period(client, manager, figures):
    client.force_login(manager)
    assert get(client, week="2026-W47").context["volume"].total.current == 3
    assert get(client, week="2026-W46").context["volume"].total.current == 0
    response = get(client, start="16.11.2026", end="18.11.2026")
    assert response.context["period"].days == 3
    assert response.context["previous"].end == date(2026, 11, 15)


@pytest.mark.django_db
def test_participation_counts_members_who_recorded(
    client, manager, worker, other_worker, unit, figures
):
    Membership.objects.create(user=other_worker, unit=unit)
    client.force_login(manager)
    rows = get(client).context["participation"]
    assert [(row["unit"].pk, row["writers"], row["workers"]) for row in rows] == [(unit.pk, 2, 3)]


@pytest.mark.django_db
def test_unused_knowledge_lists_old_notes_without_review_or_answer(client, manager, worker, unit):
    old = note_at(TODAY - timedelta(days=40), worker, unit, text="Vanha odottaa")
    answered = note_at(TODAY - timedelta(days=40), worker, unit, text="Vastattu")
    Note.objects.filter(pk=answered.pk).update(status=NoteStatus.DONE)
    note_at(TODAY - timedelta(days=5), worker, unit, text="Tuore")
    reviewed = note_at(TODAY - timedelta(days=40), worker, unit, text="Katsottu")
    insight = Insight.objects.create(
        scope="unit", unit=unit, service_area=unit.service_area, title="T", reviewed_at=TODAY
    )
    Note.objects.filter(pk=reviewed.pk).update(insight=insight)
    client.force_login(manager)
    context = get(client).context
    assert context["unused_count"] == 1
    assert [note.pk for note in context["unused_notes"]] == [old.pk]


@pytest.mark.django_db
def test_growing_insights_are_sorted_by_growth(client, manager, unit):
    common = {"scope": "unit", "unit": unit, "service_area": unit.service_area}
    slow = Insight.objects.create(title="Hidas", recent_count=3, previous_count=2, **common)
    fast = Insight.objects.create(title="Nopea", recent_count=9, previous_count=1, **common)
    Insight.objects.create(title="Laskeva", recent_count=1, previous_count=4, **common)
    client.force_login(manager)
    assert [insight.pk for insight in get(client).context["growing"]] == [fast.pk, slow.pk]


@pytest.mark.django_db
def test_data_last_updated_comes_from_the_aggregation_runs(client, manager, figures):
    client.force_login(manager)
    response = get(client)
    assert response.context["last_run"].finished_at is not None
    assert (
        "Tiedot päivitetty" in response.content.decode()
        or "Data last updated" in response.content.decode()
    )


@pytest.mark.django_db
def test_small_numbers_are_suppressed_for_an_area_manager(client, django_user_model, area, figures):
    area_manager = django_user_model.objects.create_user("area-manager", password="x-pass-123")
    AreaManagement.objects.create(user=area_manager, service_area=area)
    client.force_login(area_manager)
    response = client.get("/en" + DASHBOARD[3:], {"week": "2026-W47"})
    assert response.context["shared"] is True
    html = response.content.decode()
    assert "fewer than 5" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_dashboard_follows_the_report_scope(client, personas, figures, persona):
    user = personas[persona]
    if user:
        client.force_login(user)
    response = get(client)
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in {"worker", "other_worker"}:
        assert response.status_code == 403
    elif persona == "manager":
        assert response.context["volume"].total.current == 3
    else:
        assert response.context["volume"].total.current == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"week": "2026-W99"},
        {"start": "x"},
        {"unit": "99999"},
        {"channel": "fax"},
        {"week": "0001-W01"},
        {"week": "9999-W52"},
        {"start": "01.01.0001"},
        {"start": "1.1.9999", "end": "31.12.9999"},
    ],
)
def test_bad_filters_are_a_400_with_the_form(client, manager, unit, params):
    client.force_login(manager)
    response = get(client, **params)
    assert response.status_code == 400
    assert response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Valitse päivämäärät väliltä 1.1.2000–31.12.2099."),
        ("sv", "Välj datum mellan 1.1.2000 och 31.12.2099."),
        ("en", "Choose dates between 1.1.2000 and 31.12.2099."),
    ],
)
def test_a_date_far_outside_the_service_years_gets_a_translated_error(
    client, manager, unit, language, message
):
    client.force_login(manager)
    for params in ({"week": "0001-W01"}, {"start": "01.01.0001"}, {"week": "9999-W52"}):
        response = client.get(f"/{language}/work/reports/", params)
        assert response.status_code == 400
        assert message in response.content.decode()


def _seed(worker, unit, count):
    for number in range(count):
        note_at(TODAY - timedelta(days=(number * 13) % 60), worker, unit, text=f"Kirjaus {number}")
    with time_machine.travel(TODAY, tick=False):
        call_command("aggregate_notes", "--full")


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(client, manager, worker, unit):
    client.force_login(manager)
    _seed(worker, unit, 5)
    get(client)
    with CaptureQueriesContext(connection) as small:
        get(client)
    _seed(worker, unit, 60)
    with CaptureQueriesContext(connection) as large:
        get(client)
    assert len(small.captured_queries) == len(large.captured_queries)
    # The dashboard's own queries, without the session, the user and the permission checks
    # every logged-in page makes.
    own = [
        query["sql"]
        for query in large.captured_queries
        if not any(word in query["sql"] for word in ("django_session", "auth_", "SAVEPOINT"))
    ]
    # "No more than about 15", and two for the figures per conversation opener.
    assert len(own) <= 18, own


@pytest.mark.django_db
def test_figures_export_is_csv_with_weeks_and_logged(client, manager, figures):
    client.force_login(manager)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(
            reverse("reports:figures_export", kwargs={"file_format": "csv"}), {"week": "2026-W47"}
        )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[1][0] == "2026-W47" and rows[1][2:] == ["3", "5", "2"]
    assert ExportLog.objects.get().what == "figures"


@pytest.mark.django_db
def test_figures_export_as_xlsx_has_the_monday_as_a_date_cell(client, manager, figures):
    client.force_login(manager)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(
            reverse("reports:figures_export", kwargs={"file_format": "xlsx"}), {"week": "2026-W47"}
        )
    sheet = load_workbook(io.BytesIO(response.content)).active
    monday = sheet["B2"]
    assert monday.is_date and monday.number_format == "d.m.yyyy"
    assert monday.value.date() == date(2026, 11, 16)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E2"


@pytest.mark.django_db
def test_dashboard_can_be_printed_as_a_monthly_report(client, manager, figures):
    client.force_login(manager)
    response = get(client, start="1.10.2026", end="31.10.2026")
    assert response.status_code == 200
    assert response.context["period"].days == 31
    assert Encounter.objects.exists()


def _action_for(manager, unit, notes_at, *, status, category=""):
    """An action over an insight of notes first recorded at notes_at[0], published today."""
    from feedback.actions.services import action_create, action_publish, action_set_status

    insight = Insight.objects.create(
        scope="unit",
        unit=unit,
        service_area=unit.service_area,
        title="Asia",
        summary_fi="Asiakkaat sanoivat asiasta.",  # publishing needs it
        note_count=len(notes_at),
        first_note_at=notes_at[0],
        reviewed_at=TODAY,
    )
    for when in notes_at:
        note = note_at(when, manager, unit, kind="problem")
        Note.objects.filter(pk=note.pk).update(insight=insight)
    with time_machine.travel(TODAY, tick=False):
        action = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi="Teemme asian",
            text_fi="Muutimme käytäntöä.",
            responsible=manager,
            due_date=TODAY.date(),
        )
        extra = (
            {
                "constraint_category": category,
                "justification_fi": "Laki estää.",
                "instead_fi": "Kerromme asiasta selvemmin.",
            }
            if status == "not_possible"
            else {}
        )
        action = action_set_status(action=action, user=manager, status=status, **extra)
        return action_publish(action=action, user=manager, confirmed=True)


@pytest.mark.django_db
def test_public_outcome_share_counts_notes_whose_action_is_done_or_not_possible(
    client, manager, worker, unit
):
    _action_for(
        manager, unit, [TODAY - timedelta(days=3), TODAY - timedelta(days=2)], status="done"
    )
    note_at(TODAY - timedelta(days=1), worker, unit)
    note_at(TODAY - timedelta(days=1), worker, unit)
    client.force_login(manager)
    loop = get(client).context["loop"]
    assert (loop["outcome_notes"], loop["notes_total"], loop["outcome_share"]) == (2, 4, 50)


@pytest.mark.django_db
def test_median_days_to_response_weights_actions_by_their_notes(client, manager, unit):
    _action_for(manager, unit, [TODAY - timedelta(days=10)] * 3, status="done")  # 10 days, 3 notes
    _action_for(
        manager, unit, [TODAY - timedelta(days=40)], status="in_progress"
    )  # 40 days, 1 note
    client.force_login(manager)
    loop = get(client, start="1.1.2026", end="18.11.2026").context["loop"]
    assert loop["median_response_days"] == 10
    assert loop["median_outcome_days"] == 10
    assert loop["published"] == 2


@pytest.mark.django_db
def test_quick_changes_are_done_within_30_days_of_the_first_note(client, manager, unit):
    _action_for(manager, unit, [TODAY - timedelta(days=5)], status="done")
    _action_for(manager, unit, [TODAY - timedelta(days=60)], status="done")
    client.force_login(manager)
    loop = get(client, start="1.1.2026", end="18.11.2026").context["loop"]
    assert loop["quick_changes"] == 1


@pytest.mark.django_db
def test_not_possible_is_counted_by_reason(client, manager, unit):
    _action_for(manager, unit, [TODAY - timedelta(days=5)], status="not_possible", category="law")
    _action_for(manager, unit, [TODAY - timedelta(days=6)], status="not_possible", category="law")
    _action_for(manager, unit, [TODAY - timedelta(days=7)], status="not_possible", category="money")
    client.force_login(manager)
    assert get(client).context["loop"]["not_possible"] == [("law", 2), ("money", 1)]


def test_weighted_median():
    from reports.metrics import weighted_median

    assert weighted_median([]) is None
    assert weighted_median([(10, 3), (40, 1)]) == 10
    assert weighted_median([(1, 1), (3, 1)]) == 2


@pytest.mark.django_db
def test_the_monthly_report_link_selects_last_month(client, manager, figures):
    client.force_login(manager)
    response = get(client)
    assert response.context["last_month"]["start"] == date(2026, 10, 1)
    assert "start=1.10.2026&amp;end=31.10.2026" in response.content.decode()
