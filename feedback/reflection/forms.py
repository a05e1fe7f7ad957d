"""The forms of the team's monthly meeting view: the record and one decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import DECISION_TEXT_MAX_LENGTH, REFLECTION_TEXT_MAX_LENGTH, DecisionKind
from feedback.privacy.guard import privacy_scan
from feedback.privacy.validators import validate_plain_text


def _no_identity_code(value: str) -> None:
    """A meeting record is read by the whole team: no client's identity code in it."""
    if value and privacy_scan(value).blocked:
        raise forms.ValidationError(
            _(
                "The text contains a personal identity code. Remove it: no client's identity "
                "may be stored here."
            ),
            code="identity_code",
        )


class _UserChoiceField(forms.ChoiceField):
    """One of the unit's members, returned as the user."""

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=(), **kwargs)
        self.users: dict[str, object] = {}

    def set_users(self, users, *, empty_label: str) -> None:
        self.users = {str(user.pk): user for user in users}
        self.choices = [("", empty_label)] + [
            (user.pk, user.get_full_name() or user.get_username()) for user in users
        ]

    def clean(self, value):
        value = super().clean(value)
        return self.users.get(str(value)) if value else None


class ReflectionForm(forms.Form):
    noticed_about_asking = forms.CharField(
        label=_("What we noticed about asking"),
        help_text=_("How asking went this month: what helped, what made it hard."),
        max_length=REFLECTION_TEXT_MAX_LENGTH,
        required=False,
        validators=[validate_plain_text, _no_identity_code],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_by = _UserChoiceField(label=_("Who follows up"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up_by"].set_users(members, empty_label=_("Nobody named yet"))
        self.fields["follow_up_by"].error_messages["invalid_choice"] = _(
            "Choose a member of the unit."
        )

    def clean_noticed_about_asking(self) -> str:
        return self.cleaned_data["noticed_about_asking"].strip()


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does the decision become?"),
        choices=DecisionKind.choices,
        initial=DecisionKind.DECISION,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What we decided"),
        max_length=DECISION_TEXT_MAX_LENGTH,
        validators=[validate_plain_text, _no_identity_code],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    insight = forms.TypedChoiceField(
        label=_("Insight"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(
        label=_("Title of the action"),
        help_text=_("Short; the public page shows it when the action is published."),
        max_length=200,
        required=False,
        validators=[validate_plain_text, _no_identity_code],
    )
    responsible = _UserChoiceField(label=_("Responsible"), required=False)
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, insights, members, can_create_actions: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.insights = {insight.pk: insight for insight in insights}
        self.fields["insight"].choices = [("", _("No insight"))] + [
            (insight.pk, insight.title) for insight in insights
        ]
        self.fields["insight"].error_messages["invalid_choice"] = _(
            "Choose an insight of the unit."
        )
        self.fields["responsible"].set_users(members, empty_label=_("Choose"))
        self.fields["responsible"].error_messages["invalid_choice"] = _(
            "Choose a member of the unit."
        )
        self.can_create_actions = can_create_actions

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        cleaned["text"] = (cleaned.get("text") or "").strip()
        insight_id = cleaned.get("insight")
        cleaned["insight"] = self.insights.get(insight_id) if insight_id else None
        if kind in {DecisionKind.ACTION, DecisionKind.INSIGHT_NOTE} and not cleaned["insight"]:
            if "insight" not in self.errors:
                self.add_error("insight", _("Choose the insight the decision is about."))
        if kind == DecisionKind.ACTION:
            if not self.can_create_actions:
                self.add_error(
                    "kind", _("Only the unit's managers can turn a decision into an action.")
                )
            if not cleaned.get("responsible") and "responsible" not in self.errors:
                self.add_error("responsible", _("Choose who is responsible for the action."))
            if not cleaned.get("due_date") and "due_date" not in self.errors:
                self.add_error("due_date", _("Give the action a due date."))
        return cleaned
