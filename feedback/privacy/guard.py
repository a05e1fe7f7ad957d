"""The privacy guard: looks for personal data in what a worker types.

A Finnish personal identity code blocks the save. Phone numbers, e-mail addresses and street
addresses warn: the worker confirms (the client may want to be called back about the matter
itself) or removes them, and so does what looks like an identity code with a wrong check
character (most likely a typo of a real one). Only the kind of finding is ever kept, never
the matched text.

Texts are matched in a normal form (normalise_text, and format characters dropped), so that
a code written with an en dash, a non-breaking hyphen or a minus sign, in fullwidth digits,
with zero-width characters inside or glued to a word is found as well.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NotAnIdentityCode
from stdnum.fi import hetu

from feedback.models import PrivacyFlag

# ddmmyy + century sign (all of them, including those in use since 2023) + nnn + check.
# Only digits around it end it: a code glued to a word ("hetu131052-308T") still counts.
_HETU_CANDIDATE = re.compile(
    r"(?<!\d)([0-3]\d[01]\d\d\d)\s?([-+ABCDEFYXWVU])\s?(\d{3}[0-9A-Y])(?!\d)",
    re.IGNORECASE,
)
# Dash look-alikes a keyboard, a phone or a word processor puts where "-" was meant.
_DASHES = {
    ord(char): "-"
    for char in "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\ufe58\ufe63\uff0d"
}
# Format characters kept in stored text: the zero-width joiner builds emoji sequences, and
# bidirectional controls are refused by validate_plain_text with an error, not dropped.
_KEPT_FORMAT = frozenset("\u200d\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_LINE_BREAKS_AND_TABS = str.maketrans("", "", "\n\r\t")


def printable(text: str) -> bool:
    """Whether the text holds no control, format, surrogate, private-use or unassigned
    character (nor a separator other than the space, line breaks and tabs): nearly every
    note. str.isprintable checks at C speed what the character loops below check one by
    one, so those loops run only for the rare text that needs them."""
    return text.translate(_LINE_BREAKS_AND_TABS).isprintable()


def normalise_text(text: str) -> str:
    """The text as stored: NFKC (fullwidth digits become digits), invisible format
    characters dropped (zero-width spaces, soft hyphens) and dash look-alikes made "-"."""
    if not text:
        return text
    text = unicodedata.normalize("NFKC", text)
    if not printable(text):
        text = "".join(
            char for char in text if char in _KEPT_FORMAT or unicodedata.category(char) != "Cf"
        )
    return text.translate(_DASHES)


_KEPT_FORMAT_DROPPED = str.maketrans("", "", "".join(_KEPT_FORMAT))


def _matchable(text: str) -> str:
    """What the guard reads: the normal form without any format character at all (the
    normal form keeps only those of _KEPT_FORMAT)."""
    return normalise_text(text).translate(_KEPT_FORMAT_DROPPED)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A street name ending in a Finnish or Swedish street word, then a house number.
_STREET_WORDS = (
    "katu|tie|kuja|polku|väylä|vayla|raitti|kaari|rinne|ranta|puistikko|tori|aukio|"
    "mäki|maki|kaarre|piha|porras|penger|"
    "gatan|vägen|vagen|gränd|grand|stigen|backen|torget|gata|väg|vag"
)
_ADDRESS = re.compile(
    rf"\b[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*(?:{_STREET_WORDS})\s+\d{{1,4}}\s?[A-Za-z]?\b",
    re.IGNORECASE,
)


@dataclass
class PrivacyFindings:
    blocks: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.blocks)


def _identity_codes(text: str) -> tuple[bool, bool]:
    """(a valid identity code, one with a real date but a wrong check character)."""
    valid = typo = False
    for match in _HETU_CANDIDATE.finditer(_matchable(text)):
        candidate = "".join(match.groups()).upper()
        if hetu.is_valid(candidate, allow_temporary=True):
            valid = True
        elif _plausible_with_wrong_check(candidate):
            typo = True
    return valid, typo


def _plausible_with_wrong_check(candidate: str) -> bool:
    """A real date and a valid individual number: only the check character is wrong."""
    try:
        hetu.validate(candidate, allow_temporary=True)
    except InvalidChecksum:
        return True
    except NotAnIdentityCode:
        return False
    return False


def contains_identity_code(text: str) -> bool:
    return _identity_codes(text)[0]


def contains_phone_number(text: str) -> bool:
    for match in phonenumbers.PhoneNumberMatcher(text, "FI", leniency=phonenumbers.Leniency.VALID):
        digits = re.sub(r"\D", "", match.raw_string)
        if len(digits) >= 7:
            return True
    return False


def privacy_scan(*texts: str) -> PrivacyFindings:
    """Scan texts; blocks hold reasons to refuse, flags what the worker must confirm."""
    findings = PrivacyFindings()
    joined = _matchable("\n".join(text for text in texts if text))
    if not joined:
        return findings
    valid, typo = _identity_codes(joined)
    if valid:
        findings.blocks.append("identity_code")
    elif typo:
        findings.flags.append(PrivacyFlag.IDENTITY_CODE_TYPO.value)
    if contains_phone_number(joined):
        findings.flags.append(PrivacyFlag.PHONE.value)
    if _EMAIL.search(joined):
        findings.flags.append(PrivacyFlag.EMAIL.value)
    if _ADDRESS.search(joined):
        findings.flags.append(PrivacyFlag.ADDRESS.value)
    return findings


MASK = "•••"


def privacy_mask(text: str) -> str:
    """The text with identity codes, phone numbers, e-mail and street addresses masked.

    Used wherever a client's words are shown outside the staff pages (the receipt page),
    so that details the worker confirmed for the staff are not shown again to whoever
    holds the code.
    """
    if not text:
        return text
    text = _matchable(text)
    spans: list[tuple[int, int]] = []
    for pattern in (_HETU_CANDIDATE, _EMAIL, _ADDRESS):
        spans.extend(match.span() for match in pattern.finditer(text))
    for match in phonenumbers.PhoneNumberMatcher(text, "FI", leniency=phonenumbers.Leniency.VALID):
        if len(re.sub(r"\D", "", match.raw_string)) >= 7:
            spans.append((match.start, match.end))
    masked, position = [], 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        start = max(start, position)
        masked.append(text[position:start])
        masked.append(MASK)
        position = end
    masked.append(text[position:])
    return "".join(masked)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def name_like_words(text: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """Capitalised words inside a sentence (not its first word): they may be names.

    Words in `allowed` (the organisation's own unit and area names) are not reported.
    """
    allowed_lower = {word.lower() for word in allowed}
    found = []
    for sentence in _SENTENCE_BREAK.split(text or ""):
        for word in _WORD.findall(sentence)[1:]:
            if (
                len(word) > 2
                and word[0].isupper()
                and not word.isupper()
                and word.lower() not in allowed_lower
            ):
                found.append(word)
    return found


def public_text_scan(*texts: str, allowed_words: Iterable[str] = ()) -> PrivacyFindings:
    """The guard for texts about to be published: an identity code blocks; phone numbers,
    e-mail and street addresses and name-like words warn, and a manager must confirm."""
    findings = privacy_scan(*texts)
    if any(name_like_words(_matchable(text), allowed=allowed_words) for text in texts if text):
        findings.flags.append(PrivacyFlag.NAME.value)
    return findings
