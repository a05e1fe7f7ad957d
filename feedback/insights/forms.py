"""Forms of the managers' insight workspace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from encounters.forms import BoundedIdsMixin, BoundedModelMultipleChoiceField
from feedback.models import Insight, InsightStatus, Note
from feedback.privacy.public import validate_public_text
from feedback.privacy.validators import PlainTextField


class _InsightLabel:
    """An insight is offered by its title and its number of notes."""

    def label_from_instance(self, obj: Insight) -> str:
        return f"{obj.title} ({obj.note_count})"


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

    status = forms.ChoiceField(label=_("Status"), choices=InsightStatus.choices)
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
