import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from encounters.models import AreaManagement, Channel
from feedback.models import NoteAccess
from feedback.tests.insight_support import capture
from reports.exports import safe_cell
from reports.filters import Period, iso_week_period
from reports.models import ExportLog, ExportSettings


def make_note(worker, unit, text, *, kind="idea", channel=Channel.HOME, themes=()):
    return capture(worker, unit, text, kind=kind, channel=channel, themes=themes)


def export(client, file_format="csv", **params):
    return client.get(reverse("reports:notes_export", kwargs={"file_format": file_format}), params)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


@pytest.mark.django_db
def test_csv_export_is_excel_friendly_redacted_and_without_worker(client, manager, worker, unit):
    make_note(worker, unit, "Soittakaa numeroon 040 123 4567, asun Kauppakatu 12.")
    make_note(worker, unit, '=HYPERLINK("http://evil")')
    client.force_login(manager)
    response = export(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response)
    header, first, second = rows
    assert len(header) == 10 and "worker" not in ";".join(header)
    assert "040" not in first[7] and "Kauppakatu" not in first[7] and "•••" in first[7]
    assert second[7].startswith("'=")
    assert all("worker" not in cell for row in rows for cell in row)


@pytest.mark.django_db
def test_worker_identity_is_exported_only_when_the_admin_allows_it(client, manager, worker, unit):
    make_note(worker, unit, "Hyvä palvelu")
    ExportSettings.objects.create(include_worker_identity=True)
    client.force_login(manager)
    rows = csv_rows(export(client))
    assert rows[1][-1] == "worker"


@pytest.mark.django_db
def test_xlsx_export_has_the_same_rows(client, manager, worker, unit):
    make_note(worker, unit, "+358 40 1234567 soittakaa")
    make_note(worker, unit, "@SUM(A1)")
    client.force_login(manager)
    response = export(client, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 3
    assert "1234567" not in values[1][7]
    # A text cell, exactly as written: no quote, and not a formula.
    assert values[2][7] == "@SUM(A1)"
    assert sheet.cell(row=3, column=8).data_type == "s"


@pytest.mark.django_db
def test_xlsx_export_has_real_dates_widths_a_frozen_header_and_a_filter(
    client, manager, worker, unit
):
    note = make_note(worker, unit, "Aamupala tulee liian myöhään, jo monena päivänä peräkkäin.")
    make_note(worker, unit, "Hyvä")
    client.force_login(manager)
    response = export(client, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J3"
    assert sheet["A1"].font.bold
    when = sheet["A2"]
    assert when.is_date and when.number_format == "d.m.yyyy h:mm"
    local = timezone.localtime(note.created_at).replace(tzinfo=None, microsecond=0)
    assert abs(when.value - local) < timedelta(seconds=1)
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABH"}
    # The time column fits a date and time; the client's words are wider, within bounds.
    assert widths["A"] >= 16 and widths["H"] > widths["A"] and widths["H"] <= 60
    # CSV keeps writing the time as Finnish text.
    rows = csv_rows(export(client))
    assert f"{timezone.localtime(note.created_at):%d.%m.%Y %H.%M}" in {row[0] for row in rows}


@pytest.mark.django_db
def test_xlsx_export_opens_whatever_characters_a_note_holds(client, manager, worker, unit):
    make_note(worker, unit, "Jono\ufffe oli\x0b pitkä \uffff=1+1")
    make_note(worker, unit, '=HYPERLINK("http://x.invalid","klikkaa")')
    client.force_login(manager)
    response = export(client, "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = sorted(row[7].value for row in sheet.iter_rows(min_row=2))
    assert texts == ['=HYPERLINK("http://x.invalid","klikkaa")', "Jono oli pitkä =1+1"]
    assert all(row[7].data_type == "s" for row in sheet.iter_rows(min_row=2))


@pytest.mark.django_db
def test_every_export_is_logged_and_audited(client, manager, worker, unit):
    make_note(worker, unit, "Yksi")
    make_note(worker, unit, "Kaksi")
    client.force_login(manager)
    export(client, kind="idea")
    log = ExportLog.objects.get()
    assert (log.username, log.what, log.file_format, log.row_count) == (
        "manager",
        "notes",
        "csv",
        2,
    )
    assert log.filters == {"kind": "idea"} and log.unit_ids == [unit.pk]
    access = NoteAccess.objects.get()
    assert access.purpose == "export" and access.note_count == 2 and access.note_ids == []


@pytest.mark.django_db
def test_filters_narrow_the_export(client, manager, worker, unit):
    make_note(worker, unit, "Teema", themes=["waiting"], kind="problem")
    make_note(worker, unit, "Puhelin", channel=Channel.PHONE)
    client.force_login(manager)
    assert len(csv_rows(export(client, theme="waiting"))) == 2
    assert len(csv_rows(export(client, channel="phone"))) == 2
    assert len(csv_rows(export(client, kind="thanks"))) == 1
    today = timezone.localdate()
    assert len(csv_rows(export(client, start=f"{today:%d.%m.%Y}", end=f"{today:%d.%m.%Y}"))) == 3
    yesterday = today - timedelta(days=1)
    assert len(csv_rows(export(client, end=f"{yesterday:%d.%m.%Y}", start="1.1.2025"))) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"start": "31.2.2026"},
        {"start": "2.1.2026", "end": "1.1.2026"},
        {"week": "2026-W99"},
        {"start": "1.1.2020", "end": "1.1.2026"},
        {"unit": "999999"},
        {"kind": "<script>"},
        {"theme": "no-such-theme"},
        {"week": "0001-W01"},
        {"week": "9999-W52"},
        {"start": "01.01.0001"},
    ],
)
def test_bad_filters_are_a_translated_400_and_log_nothing(client, manager, unit, params):
    client.force_login(manager)
    response = export(client, **params)
    assert response.status_code == 400
    assert ExportLog.objects.count() == 0 and NoteAccess.objects.count() == 0
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_export_format_is_404(client, manager, unit):
    client.force_login(manager)
    assert export(client, "pdf").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_exports_follow_the_report_scope(client, personas, worker, unit, persona):
    make_note(worker, unit, "Vain oman yksikön esihenkilölle")
    user = personas[persona]
    if user:
        client.force_login(user)
    response = export(client)
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in {"worker", "other_worker"}:
        assert response.status_code == 403
    elif persona == "manager":
        assert len(csv_rows(response)) == 2
    else:
        assert len(csv_rows(response)) == 1  # another unit's manager sees none of these notes


@pytest.mark.django_db
def test_another_units_id_in_the_filter_is_refused(client, other_manager, unit):
    client.force_login(other_manager)
    assert export(client, unit=unit.pk).status_code == 400


@pytest.mark.django_db
def test_area_manager_and_organisation_admin_scopes(
    client, django_user_model, worker, unit, area, other_unit
):
    from django.contrib.auth.models import Permission

    make_note(worker, unit, "Alueen kirjaus")
    area_manager = django_user_model.objects.create_user("area-manager", password="x-pass-123")
    AreaManagement.objects.create(user=area_manager, service_area=area)
    client.force_login(area_manager)
    assert len(csv_rows(export(client))) == 2

    admin = django_user_model.objects.create_user("org-admin", password="x-pass-123")
    admin.user_permissions.add(Permission.objects.get(codename="view_organisation_reports"))
    client.force_login(admin)
    response = export(client, unit=other_unit.pk)
    assert response.status_code == 200


def test_formula_characters_are_neutralised():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-2") == "'-2"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell("%0A") == "'%0A"
    assert safe_cell("|x") == "'\\|x"
    assert safe_cell("=cmd|' /C calc'!A0") == "'=cmd\\|' /C calc'!A0"
    assert safe_cell("normaali = hyvä") == "normaali = hyvä"
    assert safe_cell(5) == 5


def test_periods_and_iso_weeks():
    week = iso_week_period("2026-W01")
    assert (week.start.isoformat(), week.end.isoformat()) == ("2025-12-29", "2026-01-04")
    assert week.start.weekday() == 0
    assert week.previous() == Period(
        start=week.start - timedelta(days=7), end=week.start - timedelta(days=1)
    )
    assert iso_week_period("2026-W54") is None and iso_week_period("garbage") is None
