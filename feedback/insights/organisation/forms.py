"""Forms of the organisation admins' pages: validate and normalise, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import Insight
from feedback.privacy.validators import validate_plain_text

from ..forms import InsightChoiceField, InsightMultipleChoiceField


class _PartLabel:
    def label_from_instance(self, obj: Insight) -> str:
        place = obj.unit.display_name if obj.unit_id else obj.service_area.display_name
        return f"{obj.title} – {place} ({obj.note_count})"


class PartChoiceField(_PartLabel, InsightChoiceField):
    """An area or unit insight the view offers, labelled with its place."""


class PartsChoiceField(_PartLabel, InsightMultipleChoiceField):
    """Some area or unit insights the view offers, labelled with their places."""


class OrganisationInsightForm(forms.Form):
    """A new organisation-wide insight over parts of at least two service areas."""

    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_plain_text])
    parts = PartsChoiceField(
        label=_("Parts in the service areas"),
        queryset=Insight.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the parts, from at least two service areas."),
            "invalid_choice": _("Choose insights of the list."),
        },
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_new_%s")
        super().__init__(*args, **kwargs)
        self.fields["parts"].queryset = candidates


class PartLinkForm(forms.Form):
    part = PartChoiceField(
        label=_("Insight to link"),
        queryset=Insight.objects.none(),
        error_messages={
            "required": _("Choose an insight to link."),
            "invalid_choice": _("Choose one of the insights in the list."),
        },
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_link_%s")
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = candidates


class PartUnlinkForm(forms.Form):
    part = forms.ModelChoiceField(
        queryset=Insight.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose one of the insights in the list.")},
    )

    def __init__(self, *args, parts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = parts
