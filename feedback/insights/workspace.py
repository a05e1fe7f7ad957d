"""The managers' insight list: search, filters, sort and pages over the one scope rule.

The form validates the query string (bad values get a translated error, never a 500);
insight_workspace() turns its cleaned data into one queryset, and the view pages it with
counts, so nothing is ever cut off silently.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from encounters.models import ServiceArea, Unit
from feedback.models import Action, Insight, InsightStatus, Note, NoteStatus, Theme

from .selectors import insight_list_for_units

PAGE_SIZE = 50
# A search looks at this many words at most; every word must be found.
SEARCH_WORDS = 8

SIZES = {
    "small": (1, 2),
    "medium": (3, 9),
    "large": (10, None),
}
SORTS = {
    "newest": ("-last_note_at", "-id"),
    "largest": ("-note_count", "-last_note_at", "-id"),
    "growing": ("-growth", "-last_note_at", "-id"),
    "oldest_unanswered": ("has_action", "first_note_at", "id"),
}


class InsightFilterForm(forms.Form):
    """The insight list's query string. Every field is optional; empty means "all"."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Words in titles, summaries and notes."),
        max_length=200,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *InsightStatus.choices],
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.none(),
        empty_label=_("All service areas"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the service areas in the list.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        empty_label=_("All your units"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your own units.")},
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=[], required=False)
    size = forms.ChoiceField(
        label=_("Size"),
        choices=[
            ("", _("Any size")),
            ("small", _("1–2 notes")),
            ("medium", _("3–9 notes")),
            ("large", _("10 notes or more")),
        ],
        required=False,
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("With or without")), ("yes", _("Has an action")), ("no", _("No action"))],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("newest", _("Newest notes first")),
            ("largest", _("Largest first")),
            ("growing", _("Growing first")),
            ("oldest_unanswered", _("Oldest unanswered first")),
        ],
        required=False,
    )
    new = forms.BooleanField(label=_("New since my last visit"), required=False)
    waiting = forms.BooleanField(label=_("Waiting for me"), required=False)
    page = forms.IntegerField(
        label=_("Page"),
        min_value=1,
        max_value=100000,
        required=False,
        error_messages={"invalid": _("The page number must be a whole number.")},
    )

    def __init__(self, *args, units: list[Unit], themes: list[Theme], **kwargs) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(id__in=[u.pk for u in units])
        self.fields["unit"].choices = [("", _("All your units"))] + [
            (unit.pk, unit.display_name) for unit in units
        ]
        areas = {unit.service_area_id: unit.service_area for unit in units}
        self.fields["area"].queryset = ServiceArea.objects.filter(id__in=areas)
        self.fields["area"].choices = [("", _("All service areas"))] + sorted(
            ((pk, area.display_name) for pk, area in areas.items()), key=lambda c: c[1]
        )
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.display_name) for theme in themes
        ]
        self.fields["theme"].error_messages["invalid_choice"] = _(
            "Choose one of the themes in the list."
        )
        for name in ("status", "size", "action", "sort"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Choose one of the options in the list."
            )

    @property
    def filter_fields(self):
        return [self[name] for name in ("status", "area", "unit", "theme", "size", "action")]


def _words(query: str) -> list[str]:
    return [word for word in query.split() if word][:SEARCH_WORDS]


def insight_workspace(
    *, unit_ids: set[int], filters: dict, since: datetime | None
) -> QuerySet[Insight]:
    """The manager's insights narrowed by the filter form's cleaned data, in its order.

    Search words are looked for in the title, the public summaries and the texts of the
    notes the manager may see (never other units' notes); every word must be found.
    """
    has_action = Exists(Action.insights.through.objects.filter(insight_id=OuterRef("pk")))
    after_change = Exists(
        Note.objects.filter(
            insight_id=OuterRef("pk"), unit_id__in=unit_ids, status=NoteStatus.AFTER_CHANGE
        )
    )
    # The page's area, unit and concept are not joins: PostgreSQL misjudges the filtered
    # rows (the OR of "waiting for me") as one and joins every unit for each of them,
    # 100 ms at a million notes. The concepts come as one look-up of the page's rows, the
    # areas and units from those the view has already read (attach_places).
    insights = (
        insight_list_for_units(unit_ids=unit_ids)
        .select_related(None)
        .prefetch_related("concept")
        .annotate(has_action=has_action, has_after_change=after_change)
    )
    for word in _words(filters.get("q") or ""):
        in_notes = Exists(
            Note.objects.filter(insight_id=OuterRef("pk"), unit_id__in=unit_ids).filter(
                Q(client_text__icontains=word) | Q(worker_observation__icontains=word)
            )
        )
        insights = insights.filter(
            Q(title__icontains=word)
            | Q(summary_fi__icontains=word)
            | Q(summary_sv__icontains=word)
            | Q(summary_en__icontains=word)
            | in_notes
        )
    if filters.get("status"):
        insights = insights.filter(status=filters["status"])
    if filters.get("area"):
        insights = insights.filter(service_area=filters["area"])
    if filters.get("unit"):
        unit = filters["unit"]
        insights = insights.filter(
            Exists(Note.objects.filter(insight_id=OuterRef("pk"), unit_id=unit.pk))
        )
    if filters.get("theme"):
        insights = insights.filter(themes__has_key=filters["theme"])
    if filters.get("size"):
        low, high = SIZES[filters["size"]]
        insights = insights.filter(note_count__gte=low)
        if high is not None:
            insights = insights.filter(note_count__lte=high)
    # Filters test membership in small id sets (one hashed subquery each), not a per-row
    # subquery over every insight in scope.
    with_action = Q(pk__in=Action.insights.through.objects.values("insight_id"))
    with_after_change = Q(
        pk__in=Note.objects.filter(status=NoteStatus.AFTER_CHANGE, unit_id__in=unit_ids).values(
            "insight_id"
        )
    )
    if filters.get("action") == "yes":
        insights = insights.filter(with_action)
    elif filters.get("action") == "no":
        insights = insights.exclude(with_action)
    if filters.get("new") and since is not None:
        insights = insights.filter(last_note_at__gt=since)
    if filters.get("waiting"):
        insights = insights.filter(
            Q(status=InsightStatus.NEW)
            | (Q(status=InsightStatus.UNDER_REVIEW) & ~with_action)
            | with_after_change
        )
    return insights.order_by(*SORTS[filters.get("sort") or "newest"])


def attach_places(insights: list[Insight], *, units: list[Unit]) -> None:
    """Give each insight of a page its service area and unit from the manager's units
    (read with their areas already), looking up only those that are not among them."""
    units_by_id = {unit.pk: unit for unit in units}
    areas_by_id = {unit.service_area_id: unit.service_area for unit in units}
    for insight in insights:
        if insight.unit_id is None or insight.unit_id in units_by_id:
            insight.unit = units_by_id.get(insight.unit_id)
        if insight.service_area_id in areas_by_id:
            insight.service_area = areas_by_id[insight.service_area_id]
    prefetch_related_objects(insights, "service_area", "unit")
