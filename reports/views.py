from collections.abc import Iterator
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from encounters.access import managed_unit_ids_or_403, report_unit_ids_or_403
from encounters.models import Unit
from encounters.selectors import managed_unit_ids
from feedback.models import ConstraintCategory, NoteAccess
from feedback.privacy.audit import note_access_record
from feedback.privacy.guard import privacy_mask
from kumppanuus.lib.http import max_body_size

from .charts import week_chart
from .encounter_csv import MAX_BYTES, encounter_totals_parse
from .exports import MAX_EXPORT_ROWS, csv_stream, xlsx_bytes
from .filters import ReportFilterForm
from .forms import EncounterTotalsImportForm
from .metrics import DEFINITIONS, ask_rate, bars, loop_from_rows, suppress, volume_from_rows
from .models import ExportLog, ExportSettings
from .openers import opener_stats_for_report
from .selectors import (
    aggregation_last_finished,
    changes_per_week,
    encounter_totals_for_report,
    growing_insights_for_report,
    loop_for_report,
    note_list_for_report,
    participation_for_report,
    period_bounds,
    unused_count_for_report,
    unused_notes_for_report,
    weekly_stats_for_report,
    weekly_theme_counts,
)
from .services import encounter_totals_import, export_log_record


def _managed_units(request: HttpRequest) -> list[Unit]:
    """The units the user manages; anyone who manages none gets 403."""
    unit_ids = managed_unit_ids_or_403(user=request.user)
    return list(Unit.objects.filter(pk__in=unit_ids).order_by("name"))


@max_body_size(MAX_BYTES + 64 * 1024)
@login_required
@require_http_methods(["GET", "POST"])
def encounter_totals_upload(request: HttpRequest) -> HttpResponse:
    """Managers import all encounters per unit and day, so the ask rate can be shown."""
    units = _managed_units(request)
    line_errors: list[tuple[int, str]] = []
    if request.method == "POST":
        form = EncounterTotalsImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error("file", _("The file is too large (at most 5 MB)."))
            else:
                parsed = encounter_totals_parse(raw=upload.read(), units=units)
                if parsed.errors:
                    line_errors = parsed.errors
                    form.add_error(
                        "file",
                        _("Nothing was imported: the file has errors. Fix them and try again."),
                    )
                else:
                    count = encounter_totals_import(user=request.user, rows=parsed.rows)
                    messages.success(
                        request,
                        ngettext(
                            "Imported %(count)d day of encounter totals.",
                            "Imported %(count)d days of encounter totals.",
                            count,
                        )
                        % {"count": count},
                    )
                    return redirect("reports:encounter_totals")
    else:
        form = EncounterTotalsImportForm()
    return render(
        request,
        "reports/encounter_totals_upload.html",
        {"form": form, "units": units, "line_errors": line_errors},
    )


def _report_scope(request: HttpRequest) -> set[int]:
    """Units whose reports the user may see; anyone with none gets 403."""
    return report_unit_ids_or_403(user=request.user)


def _report_form(request: HttpRequest, data) -> ReportFilterForm:
    form = ReportFilterForm(data, unit_ids=_report_scope(request))
    form.managed_unit_ids = managed_unit_ids(user=request.user)
    return form


def _note_export_rows(notes, *, include_worker: bool) -> Iterator[list]:
    for note in notes.iterator(chunk_size=2000):
        row = [
            timezone.localtime(note.created_at).replace(tzinfo=None),
            note.unit.display_name,
            note.unit.service_area.display_name,
            note.encounter.get_channel_display(),
            note.get_kind_display(),
            ", ".join(theme.display_name for theme in note.themes.all()),
            note.get_status_display(),
            privacy_mask(note.client_text),
            privacy_mask(note.worker_observation),
            _("yes") if note.may_publish else _("no"),
        ]
        if include_worker:
            row.append(note.author.get_username())
        yield row


@login_required
@require_GET
def notes_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The notes behind the filtered figures, redacted, as CSV or XLSX. Logged twice: in the
    export log and in the audit log of reads of client text."""
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    form = ReportFilterForm(request.GET, unit_ids=_report_scope(request))
    if not form.is_valid():
        return render(request, "reports/filter_errors.html", {"form": form}, status=400)
    data = form.cleaned_data
    unit_ids = form.scoped_unit_ids()
    notes = note_list_for_report(
        unit_ids=unit_ids,
        period=data["period"],
        theme_slug=data.get("theme") or None,
        kind=data.get("kind") or None,
        channel=data.get("channel") or None,
    )
    count = notes.count()
    if count > MAX_EXPORT_ROWS:
        return render(
            request, "reports/filter_errors.html", {"form": form, "too_many": count}, status=400
        )
    include_worker = ExportSettings.current().include_worker_identity
    header = [
        _("Time"),
        _("Unit"),
        _("Service area"),
        _("Channel"),
        _("Kind"),
        _("Themes"),
        _("Status"),
        _("The client's words"),
        _("Worker's own observation"),
        _("May be shown anonymously"),
    ]
    if include_worker:
        header.append(_("Recorded by"))
    filters = {key: value for key, value in request.GET.items() if key in form.fields and value}
    export_log_record(
        user=request.user,
        what=ExportLog.What.NOTES,
        file_format=file_format,
        filters=filters,
        unit_ids=unit_ids,
        row_count=count,
    )
    note_access_record(
        user=request.user, purpose=NoteAccess.Purpose.EXPORT, count=count, unit_ids=unit_ids
    )
    rows = _note_export_rows(notes, include_worker=include_worker)
    return _export_response(
        file_format=file_format,
        name="notes",
        title=_("Notes"),
        period=data["period"],
        header=header,
        rows=rows,
    )


def _export_response(*, file_format, name, title, period, header, rows) -> HttpResponse:
    """A downloadable CSV (streamed) or XLSX of the rows; never cached."""
    filename = f"kumppanuus-{name}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = StreamingHttpResponse(
            csv_stream(header, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            xlsx_bytes(str(title), header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


DASHBOARD_UNUSED_LIMIT = 10


def _dashboard_context(request: HttpRequest, form: ReportFilterForm) -> dict:
    data = form.cleaned_data
    unit_ids = form.scoped_unit_ids()
    period = data["period"]
    theme_slug = data.get("theme") or None
    kind = data.get("kind") or None
    channel = data.get("channel") or None
    # Shared beyond the unit's managers: an area manager's or admin's view of other units.
    shared = not unit_ids <= form.managed_unit_ids
    rows = weekly_stats_for_report(
        unit_ids=unit_ids, period=period, theme_slug=theme_slug, kind=kind, channel=channel
    )
    bounds = period_bounds(period)
    volume = volume_from_rows(rows, period=period)
    loop = loop_for_report(unit_ids=unit_ids, period=period)
    changes = changes_per_week(loop["done"])
    series_weeks = [{**week, "changes": changes.get(week["monday"], 0)} for week in volume.weeks]
    totals = encounter_totals_for_report(unit_ids=unit_ids, period=period)
    themes = weekly_theme_counts(unit_ids=unit_ids, period=period, kind=kind, channel=channel)
    theme_names = form.theme_names
    unused = unused_notes_for_report(unit_ids=unit_ids)
    unused_notes = list(unused[:DASHBOARD_UNUSED_LIMIT])
    return {
        "period": period,
        "previous": period.previous(),
        "shared": shared,
        "volume": volume,
        "week_bars": bars([(week["label"], week["notes"]) for week in volume.weeks]),
        "series_weeks": series_weeks,
        "week_chart": week_chart(series_weeks, shared=shared),
        "kind_bars": bars(volume.by_kind),
        "channel_bars": bars(volume.by_channel),
        "theme_bars": bars(
            [(theme_names.get(slug, slug), count) for slug, count in themes.items() if count]
        ),
        "totals": totals,
        "ask_rate": ask_rate(volume.asked.current, totals["current"]),
        "ask_rate_previous": ask_rate(volume.asked.previous, totals["previous"]),
        "participation": _participation_rows(form, unit_ids=unit_ids, period=period, shared=shared),
        "openers": opener_stats_for_report(
            unit_ids=unit_ids, start=bounds[0], end=bounds[1], shared=shared
        ),
        # Old notes less the answered and reviewed ones: counting them all would read
        # every old note.
        "unused_count": unused_count_for_report(unit_ids=unit_ids) if unused_notes else 0,
        "unused_notes": unused_notes,
        "growing": growing_insights_for_report(unit_ids=unit_ids),
        "loop": loop_from_rows(loop),
        "constraint_labels": dict(ConstraintCategory.choices),
        "last_run": aggregation_last_finished(),
        "definitions": DEFINITIONS,
        "query": request.GET.urlencode(),
        "last_month": _last_month(),
    }


def _participation_rows(
    form: ReportFilterForm, *, unit_ids: set[int], period, shared: bool
) -> list[dict]:
    """The participation table's rows in the form's order of units (by name), with the
    name and the shown count worked out here rather than per cell in the template."""
    counts = participation_for_report(unit_ids=unit_ids, period=period)
    rows = []
    for unit in form.units:
        if unit.pk in counts:
            row = counts[unit.pk]
            rows.append(
                {
                    "unit": unit,
                    "name": unit.display_name,
                    "writers": row["writers"],
                    "workers": row["workers"],
                    "writers_shown": suppress(row["writers"], shared=shared),
                }
            )
    return rows


def _last_month() -> dict:
    """The previous calendar month, for the printable monthly report link."""
    first_of_this = timezone.localdate().replace(day=1)
    end = first_of_this - timedelta(days=1)
    return {"start": end.replace(day=1), "end": end}


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where the partnership stands: volume, reach, participation, what waits, what grows."""
    form = _report_form(request, request.GET)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    context = _dashboard_context(request, form)
    if context["unused_notes"]:
        note_access_record(
            user=request.user,
            purpose=NoteAccess.Purpose.WORKSPACE,
            notes=context["unused_notes"],
        )
    return render(request, "reports/dashboard.html", {"form": form, **context})


@login_required
@require_GET
def figures_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The dashboard's weekly figures as CSV or XLSX, with the same filters. Logged."""
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    form = _report_form(request, request.GET)
    if not form.is_valid():
        return render(request, "reports/filter_errors.html", {"form": form}, status=400)
    context = _dashboard_context(request, form)
    shared = context["shared"]
    header = [_("ISO week"), _("Monday"), _("Notes"), _("Clients asked"), _("Nothing to add")]
    rows = [
        [
            week["label"],
            week["monday"],
            suppress(week["notes"], shared=shared),
            suppress(week["asked"], shared=shared),
            suppress(week["nothing"], shared=shared),
        ]
        for week in context["volume"].weeks
    ]
    unit_ids = form.scoped_unit_ids()
    export_log_record(
        user=request.user,
        what=ExportLog.What.FIGURES,
        file_format=file_format,
        filters={key: value for key, value in request.GET.items() if key in form.fields and value},
        unit_ids=unit_ids,
        row_count=len(rows),
    )
    return _export_response(
        file_format=file_format,
        name="figures",
        title=_("Figures"),
        period=context["period"],
        header=header,
        rows=rows,
    )
