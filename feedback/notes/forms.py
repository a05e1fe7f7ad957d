"""The capture form ("Uusi kirjaus"): validates and normalises what a worker saves."""

from collections.abc import Iterable

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from encounters.forms import MAX_ID, UnitChoiceField
from encounters.models import Channel, Unit
from encounters.openers import opener_allowed_for
from feedback.models import (
    CLIENT_TEXT_MAX_LENGTH,
    OBSERVATION_MAX_LENGTH,
    NoteKind,
    NoteLanguage,
    PrivacyFlag,
    Theme,
)
from feedback.privacy.guard import privacy_scan
from feedback.privacy.validators import PlainTextField
from kumppanuus.lib.forms import FixedChoiceField

from .selectors import theme_list_active, theme_list_active_chosen
from .services import CaptureResult, CaptureToken, capture_token_load, note_create

ACTION_SAVE = "save"
ACTION_NOTHING_TO_ADD = "nothing_to_add"
# "Nothing to add" after the worker confirmed that the words they typed may go.
ACTION_NOTHING_TO_ADD_CONFIRMED = "nothing_to_add_confirmed"


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """The capture's themes: its queryset offers the active ones, and a choice is checked
    against the active ones too, in one read compiled once (Django's version builds a
    query per value first, and then one more)."""

    def label_from_instance(self, obj: Theme) -> str:
        return obj.display_name

    def _check_values(self, value) -> list[Theme]:
        try:
            ids = {int(pk) for pk in value}
        except (TypeError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None
        if not all(0 < pk <= MAX_ID for pk in ids):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        themes = theme_list_active_chosen(ids=sorted(ids))
        if len(themes) != len(ids):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return themes


def note_language_default() -> str:
    """The client's language to preselect: the page's language, else Finnish."""
    language = (translation.get_language() or "")[:2]
    return language if language in NoteLanguage.values else NoteLanguage.FI


class CaptureForm(forms.Form):
    """The "Uusi kirjaus" form. Validates and normalises; note_create does the saving.

    The same form records "asked, nothing to add": then only unit and channel count.
    """

    unit = UnitChoiceField(
        label=_("Unit"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of your own units.")},
    )
    channel = FixedChoiceField(
        label=_("How did you meet?"), choices=Channel.choices, widget=forms.RadioSelect
    )
    language = FixedChoiceField(
        label=_("The client's language"),
        choices=NoteLanguage.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    client_text = PlainTextField(
        label=_("The client's words"),
        help_text=_("Write what the client said, in their own words if you can."),
        max_length=CLIENT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off", "spellcheck": "true"}),
    )
    kind = FixedChoiceField(
        label=_("What kind of note is it?"),
        choices=NoteKind.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    themes = ThemeChoiceField(
        label=_("Themes (optional)"),
        # Lazy, and copied per form like any field: offered when the form is drawn.
        queryset=theme_list_active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose themes from the list.")},
    )
    worker_observation = PlainTextField(
        label=_("Your own observation (optional)"),
        help_text=_("Your view as a worker. It is kept apart from the client's words."),
        max_length=OBSERVATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    may_publish = forms.BooleanField(
        label=_("The client allows this to be shown anonymously in “you said, we did”"),
        required=False,
    )
    wants_receipt = forms.BooleanField(
        label=_("The client wants to follow what happens (receipt code)"), required=False
    )
    confirm_privacy = forms.BooleanField(
        label=_("I have checked: the text may keep these details"), required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    # The conversation opener shown on the page, recorded with the encounter.
    opener = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self,
        *args,
        units: Iterable[Unit],
        action: str = ACTION_SAVE,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["unit"].set_units(units)
        self.action = action
        self.capture_token: CaptureToken | None = None
        self.privacy_flags: list[str] = []

    def has_words(self) -> bool:
        """Whether the worker typed something that "nothing to add" would throw away."""
        data = self.cleaned_data
        return bool(
            (data.get("client_text") or "").strip()
            or (data.get("worker_observation") or "").strip()
        )

    def note_create(self, *, worker) -> CaptureResult:
        """Save the valid form as a note: the one path of the capture page and the API."""
        data = self.cleaned_data
        return note_create(
            worker=worker,
            unit=data["unit"],
            channel=data["channel"],
            kind=data["kind"],
            client_text=data["client_text"],
            worker_observation=data["worker_observation"],
            language=data["language"],
            themes=data["themes"],
            may_publish=data["may_publish"],
            wants_receipt=data["wants_receipt"],
            privacy_flags=self.privacy_flags,
            token=self.capture_token,
            opener=data.get("opener"),
        )

    @property
    def privacy_flag_labels(self) -> list[str]:
        return [str(PrivacyFlag(flag).label) for flag in self.privacy_flags]

    def clean_token(self) -> str:
        raw = self.cleaned_data["token"]
        token = capture_token_load(raw)
        if token is None:
            raise forms.ValidationError(
                _("The form could not be checked. Save again."), code="bad_token"
            )
        self.capture_token = token
        return raw

    def clean(self) -> dict:
        cleaned = super().clean()
        # An opener of another unit (the worker switched units) or a retired one is not
        # recorded: the encounter then says no opener was shown.
        opener_id, unit = cleaned.get("opener"), cleaned.get("unit")
        cleaned["opener"] = (
            opener_allowed_for(opener_id=opener_id, unit=unit) if opener_id and unit else None
        )
        if "language" in cleaned and not cleaned["language"]:
            # Preselected from the page's language; a form posted without it (an older page,
            # a queued draft) keeps the same default.
            cleaned["language"] = note_language_default()
        if self.action != ACTION_SAVE:
            return cleaned
        text = (cleaned.get("client_text") or "").strip()
        if "client_text" in cleaned and not text:
            self.add_error(
                "client_text",
                forms.ValidationError(
                    _("Write what the client said, or choose “Asked, nothing to add”."),
                    code="required",
                ),
            )
        if not cleaned.get("kind") and "kind" not in self.errors:
            self.add_error(
                "kind", forms.ValidationError(_("Choose the kind of note."), code="required")
            )
        observation = (cleaned.get("worker_observation") or "").strip()
        cleaned["client_text"] = text
        cleaned["worker_observation"] = observation
        self._check_privacy(text, observation, cleaned)
        return cleaned

    def _check_privacy(self, text: str, observation: str, cleaned: dict) -> None:
        findings = privacy_scan(text, observation)
        if findings.blocked:
            # Each text alone only now, to say which one holds the code: the rare path.
            fields = [
                field_name
                for field_name, value in (
                    ("client_text", text),
                    ("worker_observation", observation),
                )
                if value and privacy_scan(value).blocked
            ]
            for field_name in fields or ["client_text"]:
                self.add_error(
                    field_name,
                    forms.ValidationError(
                        _(
                            "The text contains a personal identity code. Remove it: "
                            "no client's identity may be stored here."
                        ),
                        code="identity_code",
                    ),
                )
        self.privacy_flags = findings.flags
        if findings.flags and not cleaned.get("confirm_privacy") and not findings.blocked:
            self.add_error(
                "confirm_privacy",
                forms.ValidationError(
                    _(
                        "The text seems to contain personal details (%(found)s). Remove them, "
                        "or tick the box to confirm that they may stay."
                    ),
                    params={"found": ", ".join(self.privacy_flag_labels)},
                    code="privacy_confirm",
                ),
            )
