import re

import pytest
from stdnum.fi import hetu

from feedback.privacy import privacy_scan

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _with_valid_check(text: str) -> str:
    """Replace the sample code in text with a valid one of the same date and century sign."""
    match = re.search(r"(\d{6})([-+A-FYXWVU])(\d{3})(\w)", text, re.IGNORECASE)
    body = match.group(1) + match.group(3)
    valid = match.group(1) + match.group(2) + match.group(3) + _CHECK[int(body) % 31]
    assert hetu.is_valid(valid, allow_temporary=True)
    return text.replace(match.group(0), valid)


@pytest.mark.parametrize(
    "text",
    [
        "tunnus 131052-308T",
        "syntynyt 010594Y9021 mutta",  # 1900s, century sign in use since 2023
        "vauvan tunnus 020502E987X",  # 2000s, new sign
        "vanha 010150+123X",
        "kirjoitettu pienellä 131052a308t",
    ],
)
def test_valid_identity_codes_block(text):
    assert privacy_scan(_with_valid_check(text)).blocked


@pytest.mark.parametrize(
    "text",
    [
        "kello 14.30 tuli hoitaja",
        "maksoin 45,50 € vuonna 2023",
        "sain 3 lääkettä 12.3.2024",
        "soittoaika 8–9",
        "131052-308A on väärä tarkiste",
        "odotin 120 minuuttia",
    ],
)
def test_ordinary_numbers_do_not_block_or_warn(text):
    findings = privacy_scan(text)
    assert not findings.blocked
    assert findings.flags == []


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("soita 040 123 4567", "phone"),
        ("numero +358 40 1234567", "phone"),
        ("puh. 014 266 0000", "phone"),
        ("sähköposti matti.meikalainen@example.fi", "email"),
        ("asuu Kauppakatu 12 B 5", "address"),
        ("bor på Storgatan 3", "address"),
    ],
)
def test_contact_details_warn(text, flag):
    findings = privacy_scan(text)
    assert not findings.blocked
    assert findings.flags == [flag]


def test_redaction_removes_contact_details_and_identity_codes():
    from feedback.privacy import REDACTED, privacy_redact

    text = _with_valid_check("Tunnus 131052-308T, puh 040 123 4567, a@b.fi, Kauppakatu 12 B.")
    redacted = privacy_redact(text)
    for secret in ("131052", "040", "a@b.fi", "Kauppakatu"):
        assert secret not in redacted
    assert redacted.count(REDACTED) == 4
    assert privacy_redact("Odotin 45 minuuttia 12.3.2024") == "Odotin 45 minuuttia 12.3.2024"
