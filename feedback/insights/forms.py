"""Forms of the managers' insight workspace."""

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from encounters.forms import BoundedIdsMixin, BoundedModelMultipleChoiceField
from feedback.models import Insight, InsightStatus, Note
from feedback.privacy.public import validate_public_text
from feedback.privacy.validators import PlainTextField


def insight_label(insight: Insight) -> str:
    """An insight as a choice: title, place, size and latest note, so that two insights
    with the same title never look identical (the queryset selects unit and area)."""
    if insight.unit_id:
        place = insight.unit.display_name
    elif insight.service_area_id:
        place = insight.service_area.display_name
    else:
        place = _("the whole organisation")
    size = ngettext("%(count)s note", "%(count)s notes", insight.note_count) % {
        "count": insight.note_count
    }
    parts = [insight.title, place, size]
    if insight.last_note_at:
        parts.append(
            _("latest %(date)s") % {"date": date_format(localtime(insight.last_note_at), "j.n.Y")}
        )
    # The number tells apart even insights alike in every other way.
    parts.append(f"#{insight.pk}")
    return " · ".join(str(part) for part in parts)


class _InsightLabel:
    """An insight is offered by its title, place, size and latest note."""

    def label_from_instance(self, obj: Insight) -> str:
        return insight_label(obj)


class InsightChoiceField(_InsightLabel, forms.ModelChoiceField):
    """One of the insights the view allows."""


class InsightMultipleChoiceField(_InsightLabel, BoundedIdsMixin, forms.ModelMultipleChoiceField):
    """Some of the insights the view allows."""


class InsightRenameForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        # Several forms share the insight page: ids stay unique, names stay plain.
        kwargs.setdefault("auto_id", "id_rename_%s")
        super().__init__(*args, **kwargs)


class InsightSummaryForm(forms.Form):
    """The public summary: plain language, Finnish required, Swedish and English optional."""

    # Offered only while the insight has no action; then the action's status leads.
    status = forms.ChoiceField(label=_("Status"), choices=InsightStatus.choices, required=False)
    summary_fi = PlainTextField(
        label=_("Public summary in Finnish"),
        help_text=_("Plain language: what clients said and what we do about it, or why not."),
        max_length=2000,
        validators=[validate_public_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the summary in Finnish.")},
    )
    summary_sv = PlainTextField(
        label=_("Public summary in Swedish (optional)"),
        max_length=2000,
        required=False,
        validators=[validate_public_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_en = PlainTextField(
        label=_("Public summary in English (optional)"),
        max_length=2000,
        required=False,
        validators=[validate_public_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InsightMergeForm(forms.Form):
    target = InsightChoiceField(
        label=_("Merge into"),
        queryset=Insight.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the insights in the list.")},
    )

    def __init__(self, *args, targets, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_merge_%s")
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class NoteMoveForm(forms.Form):
    note = forms.ModelChoiceField(queryset=Note.objects.none(), widget=forms.HiddenInput)
    target = InsightChoiceField(
        label=_("Move to"),
        queryset=Insight.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the insights in the list.")},
    )

    def __init__(self, *args, notes, targets, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_move_%s")
        super().__init__(*args, **kwargs)
        self.fields["note"].queryset = notes
        self.fields["target"].queryset = targets


class InsightSplitForm(forms.Form):
    notes = BoundedModelMultipleChoiceField(
        label=_("Notes to move into a new insight"),
        queryset=Note.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one note."),
            "invalid_choice": _("Choose notes of this insight."),
        },
    )
    title = PlainTextField(label=_("Title of the new insight"), max_length=200)

    def __init__(self, *args, notes, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_split_%s")
        super().__init__(*args, **kwargs)
        self.fields["notes"].queryset = notes


class RelocateForm(forms.Form):
    """The one dialog that moves notes or merges the whole insight: what, and where to.

    `target` may be empty while the manager is still searching; `new_title` instead of a
    target makes a new insight of the chosen notes (a split).
    """

    WHAT_NOTES = "notes"
    WHAT_ALL = "all"

    what = forms.ChoiceField(
        label=_("What to move"),
        choices=[(WHAT_NOTES, _("The chosen notes")), (WHAT_ALL, _("The whole insight (merge)"))],
        widget=forms.RadioSelect,
        initial=WHAT_NOTES,
        error_messages={"required": _("Choose what to move.")},
    )
    note = BoundedModelMultipleChoiceField(
        label=_("Notes"),
        queryset=Note.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose notes of this insight.")},
    )
    q = forms.CharField(label=_("Find the insight to move to"), max_length=200, required=False)
    target = InsightChoiceField(
        label=_("Move to"),
        queryset=Insight.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the insights in the list.")},
    )
    new_title = PlainTextField(
        label=_("Or a new insight with the title"), max_length=200, required=False
    )

    def __init__(self, *args, notes, targets, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_relocate_%s")
        super().__init__(*args, **kwargs)
        self.fields["note"].queryset = notes
        self.fields["target"].queryset = targets

    def clean(self):
        data = super().clean()
        if data.get("what") == self.WHAT_NOTES and not data.get("note"):
            self.add_error("note", _("Choose at least one note."))
        if data.get("what") == self.WHAT_ALL and data.get("new_title"):
            self.add_error("new_title", _("A whole insight can only be merged into another."))
        if data.get("target") and data.get("new_title"):
            self.add_error("new_title", _("Choose an insight or write a new title, not both."))
        return data

    @property
    def destination_chosen(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("target") or data.get("new_title"))
