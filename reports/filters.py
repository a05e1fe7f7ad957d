"""The report filters that live in the URL, so a view can be bookmarked and shared."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import Channel, Unit
from feedback.models import NoteKind, Theme

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366
# Reports cover these years. Outside them nothing was recorded, and dates near year 1 or
# 9999 overflow when a period's previous period or its week bounds are computed.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
_YEARS = {str(year) for year in range(FIRST_DAY.year, LAST_DAY.year + 1)}


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
        return Period(start=start, end=start + timedelta(days=6))
    except (ValueError, TypeError, OverflowError):  # 9999-W52 ends in the year 10000
        return None


_NAMES = ("name", "name_sv", "name_en")
SELECTS = ("area", "unit", "theme", "kind", "channel")


class ReportFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS)
    end = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS)
    week = forms.CharField(
        label=_("ISO week"), required=False, max_length=8, help_text=_("For example 2026-W45")
    )
    area = forms.TypedChoiceField(label=_("Service area"), coerce=int, required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "–"), *NoteKind.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", "–"), *Channel.choices], required=False
    )

    def __init__(self, *args, unit_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        # One query each for units (with their areas) and themes: the options, the names
        # and the scoping below all come from these lists.
        # Only the columns the options, names and scoping read: no timestamps to parse for
        # hundreds of units.
        self.units = list(
            Unit.objects.filter(pk__any_of=unit_ids)
            .select_related("service_area")
            .only(*_NAMES, "service_area_id", *(f"service_area__{name}" for name in _NAMES))
            .order_by("name")
        )
        self.themes = list(Theme.objects.filter(is_active=True))
        areas = {unit.service_area_id: unit.service_area for unit in self.units}
        everything = [("", "–")]
        self.fields["area"].choices = everything + sorted(
            ((pk, area.display_name) for pk, area in areas.items()), key=lambda c: c[1]
        )
        self.fields["unit"].choices = everything + [(u.pk, u.display_name) for u in self.units]
        self.fields["theme"].choices = everything + [(t.slug, t.display_name) for t in self.themes]
        self.unit_ids = unit_ids

    def filter_fields(self) -> list[tuple[forms.BoundField, list[tuple[str, str, bool]] | None]]:
        """Each field with its select options (value, label, selected), or None for inputs.

        The template writes the options itself: Django's Select widget renders every option
        through a template of its own, which costs more than the rest of the page for an
        organisation's hundreds of units. Selected as the widget would: the first option
        whose value equals the submitted (or initial) value as a string."""
        fields = []
        for field in self:
            if field.name not in SELECTS:
                fields.append((field, None))
                continue
            value = field.value()
            value = "" if value is None else str(value)
            options, found = [], False
            for option, label in field.field.choices:
                selected = not found and str(option) == value
                found = found or selected
                options.append((option, label, selected))
            fields.append((field, options))
        return fields

    @property
    def theme_names(self) -> dict[str, str]:
        return {theme.slug: theme.display_name for theme in self.themes}

    def clean(self) -> dict:
        cleaned = super().clean()
        week = (cleaned.get("week") or "").strip()
        if week:
            period = iso_week_period(week)
            if period is None or not FIRST_DAY <= period.start <= LAST_DAY:
                well_formed = re.fullmatch(r"\d{4}-W\d{2}", week.upper())
                if well_formed and week[:4] not in _YEARS:
                    self.add_error("week", self._out_of_range())
                else:
                    self.add_error("week", _("Write the week as 2026-W45."))
                return cleaned
        else:
            default = default_period()
            start = cleaned.get("start") or default.start
            end = cleaned.get("end") or default.end
            for name, day in (("start", start), ("end", end)):
                if not FIRST_DAY <= day <= LAST_DAY:
                    self.add_error(name, self._out_of_range())
            if self.errors:
                return cleaned
            if start > end:
                self.add_error("end", _("The end date is before the start date."))
                return cleaned
            if (end - start).days > MAX_DAYS:
                self.add_error("start", _("Choose at most three years at a time."))
                return cleaned
            period = Period(start=start, end=end)
        cleaned["period"] = period
        return cleaned

    @staticmethod
    def _out_of_range() -> str:
        return _("Choose dates between %(first)s and %(last)s.") % {
            "first": f"{FIRST_DAY.day}.{FIRST_DAY.month}.{FIRST_DAY.year}",
            "last": f"{LAST_DAY.day}.{LAST_DAY.month}.{LAST_DAY.year}",
        }

    def scoped_unit_ids(self) -> set[int]:
        """The units the figures cover: the user's scope narrowed by area and unit."""
        data = self.cleaned_data
        return {
            unit.pk
            for unit in self.units
            if (not data.get("area") or unit.service_area_id == data["area"])
            and (not data.get("unit") or unit.pk == data["unit"])
        }
