"""The managers' form for a unit's own conversation openers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from encounters.forms import UnitChoiceField
from feedback.privacy.validators import validate_plain_text

OPENER_MAX_LENGTH = 200


def _text_field(label: str, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=OPENER_MAX_LENGTH,
        required=required,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class OpenerForm(forms.Form):
    """A short question in Finnish, with Swedish and English when the unit has them."""

    unit = UnitChoiceField(
        label=_("Unit"), error_messages={"invalid_choice": _("Choose one of your own units.")}
    )
    text_fi = _text_field(_("Opener in Finnish"), required=True)
    text_sv = _text_field(_("Opener in Swedish"))
    text_en = _text_field(_("Opener in English"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units)
        self.fields["text_fi"].help_text = _(
            "One short, open question, such as “What would you like us to do differently?”"
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in ("text_fi", "text_sv", "text_en"):
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].split())
        return cleaned
