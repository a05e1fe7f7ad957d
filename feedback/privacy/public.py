"""The one decision whether a text may go public, and the register of public texts.

Every path that writes a text a public page, feed, poster or the public API can show
calls public_text_check: the action and status services, the insight summary, the forms
(as a field validator, so that the error sits next to the field) and the admin. An
identity code blocks always; phone numbers, e-mail and street addresses and name-like
words need a manager's confirmation in the publish preview, where the text goes public.

PUBLIC_TEXT_FIELDS names every stored field those pages show; test_public_text_registry
reads the public templates, the feed and the public API and fails when they show a field
that is not registered here, and proves a code is refused in each one on every write path.
"""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .guard import PrivacyFindings, public_text_scan

LANGUAGES = ("fi", "sv", "en")


def _each_language(*names: str) -> tuple[str, ...]:
    return tuple(f"{name}_{language}" for name in names for language in LANGUAGES)


# Every stored field that reaches a public page, feed, poster or the public API.
PUBLIC_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "feedback.Action": _each_language("title", "text", "justification", "instead"),
    "feedback.Insight": _each_language("summary"),
}

# The attributes the public templates, the feed and the public API read, and the stored
# fields behind each (the properties pick the active language).
PUBLIC_TEXT_ATTRIBUTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "title": ("feedback.Action", _each_language("title")),
    "text": ("feedback.Action", _each_language("text")),
    "justification": ("feedback.Action", _each_language("justification")),
    "instead": ("feedback.Action", _each_language("instead")),
    "public_summary": ("feedback.Insight", _each_language("summary")),
}

# What else they show of an action or insight: ids, statuses, figures, dates, languages,
# and the organisation's own unit, area and theme names (written by admins, never by or
# about a client).
PUBLIC_OTHER_ATTRIBUTES = frozenset(
    {
        "pk",
        "status",
        "quick_change",
        "people",
        "said_from",
        "said_to",
        "done_at",
        "published_at",
        "updated_at",
        "constraint_category",
        "unit",
        "unit_id",
        "service_area",
        "insights",
        "title_language",
        "text_language",
        "justification_language",
        "instead_language",
        "slug",
        "display_name",
        "get_status_display",
    }
)


def public_text_check(
    *texts: str,
    going_public: bool,
    confirmed: bool = False,
    allowed_words: Iterable[str] = (),
) -> PrivacyFindings:
    """Decide whether `texts` may be public; raise ValidationError if not.

    An identity code is refused always (code "blocked"). The other findings are refused
    (code "confirm") only when the texts are `going_public` now and the manager has not
    `confirmed` them in the preview; a draft that is not public yet may keep them until then.
    """
    findings = public_text_scan(*texts, allowed_words=allowed_words)
    if findings.blocked:
        raise ValidationError(
            _("A public text contains a personal identity code. Remove it first."),
            code="blocked",
        )
    if going_public and findings.flags and not confirmed:
        raise ValidationError(
            _("Check the highlighted details and confirm that they may be public."),
            code="confirm",
        )
    return findings


def validate_public_text(value: str) -> None:
    """Form field validator for a text that may become public: the same decision."""
    if value:
        public_text_check(value, going_public=False)


class PublicTextAdminForm(forms.ModelForm):
    """Admin form of a model with public texts: each registered field passes the guard."""

    def clean(self) -> dict:
        cleaned = super().clean()
        label = f"{self._meta.model._meta.app_label}.{self._meta.model.__name__}"
        for name in PUBLIC_TEXT_FIELDS.get(label, ()):
            value = cleaned.get(name)
            if name in self.fields and value:
                try:
                    public_text_check(value, going_public=False)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
