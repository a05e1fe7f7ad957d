"""Forms of the managers' action pages: validate and normalise, nothing more."""

from collections.abc import Iterable

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from encounters.forms import UnitChoiceField
from encounters.models import Unit
from feedback.insights.forms import InsightMultipleChoiceField
from feedback.models import ActionStatus, ConstraintCategory, Insight
from feedback.privacy.public import validate_public_text
from feedback.privacy.validators import PlainTextField

_TEXT = {"rows": 4}


def _text(label, *, required=False, help_text="", max_length=2000, rows=4):
    return PlainTextField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        validators=[validate_public_text],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _title(label, *, required=False):
    return PlainTextField(
        label=label,
        required=required,
        max_length=200,
        validators=[validate_public_text],
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class ActionForm(forms.Form):
    insights = InsightMultipleChoiceField(
        label=_("Insights the action answers"),
        queryset=Insight.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        required=False,
        empty_label=_("The whole service area of the insights"),
        error_messages={"invalid_choice": _("Choose one of your own units.")},
    )
    title_fi = _title(_("Title (Finnish)"), required=True)
    title_sv = _title(_("Title (Swedish, optional)"))
    title_en = _title(_("Title (English, optional)"))
    text_fi = _text(
        _("What we will do (Finnish)"),
        required=True,
        help_text=_("Plain language: short sentences, everyday words. This text is public."),
    )
    text_sv = _text(_("What we will do (Swedish, optional)"))
    text_en = _text(_("What we will do (English, optional)"))
    responsible = PersonChoiceField(
        label=_("Responsible person"), queryset=get_user_model().objects.none()
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(
        self, *args, insights: QuerySet, units: Iterable[Unit], people: QuerySet, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["insights"].queryset = insights
        self.fields["unit"].set_units(units)
        self.fields["responsible"].queryset = people


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    constraint_category = forms.ChoiceField(
        label=_("Why is it not possible now?"),
        choices=[("", "—"), *ConstraintCategory.choices],
        required=False,
    )
    justification_fi = _text(_("Why not, for the public (Finnish)"))
    justification_sv = _text(_("Why not (Swedish, optional)"))
    justification_en = _text(_("Why not (English, optional)"))
    instead_fi = _text(_("What we do instead (Finnish)"))
    instead_sv = _text(_("What we do instead (Swedish, optional)"))
    instead_en = _text(_("What we do instead (English, optional)"))

    def clean(self):
        data = super().clean()
        if data.get("status") == ActionStatus.NOT_POSSIBLE:
            for name, message in (
                ("constraint_category", _("Choose why it is not possible now.")),
                ("justification_fi", _("Explain why, in plain language.")),
                ("instead_fi", _("Say what we do instead.")),
            ):
                if not (data.get(name) or "").strip():
                    self.add_error(name, message)
        return data


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the highlighted details: they may be public."), required=False
    )
