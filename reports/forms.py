from django import forms
from django.utils.translation import gettext_lazy as _


class EncounterTotalsImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: unit, date and number of encounters, e.g. "
            "yksikkö;päivämäärä;käynnit. UTF-8, separated by semicolons or commas."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
