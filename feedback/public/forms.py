"""Forms of the receipt page: look a code up, withdraw the note, ask for status e-mails."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReceiptLookupForm(forms.Form):
    """The client types their receipt code; grouping, case and look-alikes are forgiven."""

    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("The code is on your receipt slip, for example 7KQM-2XWD-9R."),
        max_length=60,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my feedback. I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box if you want to withdraw your feedback.")},
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We use it only to tell you when the status changes. Staff do not see it. "
            "We delete it when the matter is closed, or after 12 months at the latest."
        ),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
