from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from encounters.models import Unit
from encounters.selectors import managed_unit_ids
from kumppanuus.middleware import max_body_size

from .encounter_csv import MAX_BYTES, encounter_totals_parse
from .forms import EncounterTotalsImportForm
from .services import encounter_totals_import


def _managed_units(request: HttpRequest) -> list[Unit]:
    """The units the user manages; anyone who manages none gets 404."""
    units = list(Unit.objects.filter(pk__in=managed_unit_ids(user=request.user)).order_by("name"))
    if not units:
        raise Http404
    return units


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
