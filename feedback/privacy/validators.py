"""Reusable validators for what workers type."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .guard import normalise_text, printable

# Bidirectional overrides and isolates can disguise text (a "Trojan source" trick);
# nobody dictates or types them on purpose.
_BIDI_CONTROLS = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
}


def _noncharacter(char: str) -> bool:
    """U+FFFE, U+FFFF, the last two of every plane and U+FDD0..U+FDEF: never text, and
    illegal in XML (one in a note would make the unit's XLSX export unreadable)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def validate_plain_text(value: str) -> None:
    """Refuse NUL, other control characters, noncharacters and bidi overrides; allow
    newlines and emoji."""
    if printable(value):
        return
    for char in value:
        if char in "\n\r\t":
            continue
        if (
            char in _BIDI_CONTROLS
            or unicodedata.category(char) in {"Cc", "Cs", "Co"}
            or _noncharacter(char)
        ):
            raise ValidationError(
                _(
                    "The text contains invisible control characters. "
                    "Remove them, for example by typing the text again, and save again."
                ),
                code="control_characters",
            )


class PlainTextField(forms.CharField):
    """A text a person types: stored in the normal form the privacy guard reads (NFKC,
    no zero-width characters, dash look-alikes as "-"), and free of control characters."""

    default_validators = [validate_plain_text]

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_text(value) if value else value
