"""The report filters that live in the URL, so a view can be bookmarked and shared."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import Channel, ServiceArea, Unit
from feedback.models import NoteKind, Theme

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        return Period(
            start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1)
        )


def default_period(today: date | None = None) -> Period:
    """The last twelve full ISO weeks plus the current one (weeks start on Monday)."""
    today = today or timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return Period(start=monday - timedelta(weeks=DEFAULT_WEEKS), end=today)


def iso_week_period(value: str) -> Period | None:
    """'2026-W45' → Monday to Sunday of that ISO week."""
    try:
        year, week = value.upper().split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, TypeError):
        return None
    return Period(start=start, end=start + timedelta(days=6))


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS)
    end = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS)
    week = forms.CharField(
        label=_("ISO week"), required=False, max_length=8, help_text=_("For example 2026-W45")
    )
    area = forms.ModelChoiceField(
        label=_("Service area"), queryset=ServiceArea.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), required=False, to_field_name="slug"
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "–"), *NoteKind.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "–"), *Channel.choices], required=False
    )

    def __init__(self, *args, unit_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=unit_ids).select_related("service_area")
        self.fields["unit"].queryset = units.order_by("name")
        self.fields["area"].queryset = ServiceArea.objects.filter(units__in=units).distinct()
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True)
        self.unit_ids = unit_ids

    def clean(self) -> dict:
        cleaned = super().clean()
        week = (cleaned.get("week") or "").strip()
        if week:
            period = iso_week_period(week)
            if period is None:
                self.add_error("week", _("Write the week as 2026-W45."))
                return cleaned
        else:
            default = default_period()
            start = cleaned.get("start") or default.start
            end = cleaned.get("end") or default.end
            if start > end:
                self.add_error("end", _("The end date is before the start date."))
                return cleaned
            if (end - start).days > MAX_DAYS:
                self.add_error("start", _("Choose at most three years at a time."))
                return cleaned
            period = Period(start=start, end=end)
        cleaned["period"] = period
        return cleaned

    def scoped_unit_ids(self) -> set[int]:
        """The units the figures cover: the user's scope narrowed by area and unit."""
        data = self.cleaned_data
        units = self.fields["unit"].queryset
        if data.get("area"):
            units = units.filter(service_area=data["area"])
        if data.get("unit"):
            units = units.filter(pk=data["unit"].pk)
        return set(units.values_list("pk", flat=True))
