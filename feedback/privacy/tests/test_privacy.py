import re

import pytest
from stdnum.fi import hetu

from feedback.privacy.guard import privacy_scan

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


def test_mask_hides_phone_email_address_and_identity_code():
    from feedback.privacy.guard import MASK, privacy_mask

    text = (
        "Soita 040 123 4567 tai laita viestiä matti@example.fi, asun Kauppakatu 5 B, "
        "hetu 131052-308T. Muuten kaikki hyvin."
    )
    masked = privacy_mask(text)
    for secret in ("040 123 4567", "matti@example.fi", "Kauppakatu 5", "131052-308T"):
        assert secret not in masked
    assert masked.count(MASK) == 4
    assert masked.endswith("Muuten kaikki hyvin.")
    assert privacy_mask("Kiitos hyvästä hoidosta!") == "Kiitos hyvästä hoidosta!"
    assert privacy_mask("") == ""


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=200))
def test_masked_text_never_trips_the_guard(text):
    from feedback.privacy.guard import privacy_mask, privacy_scan

    findings = privacy_scan(privacy_mask(text))
    assert not findings.blocked
    assert "email" not in findings.flags and "address" not in findings.flags


def test_name_like_words_are_found_inside_sentences_only():
    from feedback.privacy.guard import name_like_words, public_text_scan

    assert name_like_words("Hoitaja Maija soittaa. Kiitos!") == ["Maija"]
    assert name_like_words("Keskustan kotihoito soittaa.", allowed=["Keskustan"]) == []
    assert name_like_words("Soitamme takaisin. Teemme sen nyt.") == []
    assert public_text_scan("Kysy Mattilta.").flags == ["name"]
    assert public_text_scan("Tunnus 131052-308T").blocked
