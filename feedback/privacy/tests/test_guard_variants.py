"""The guard finds an identity code however it is written, and warns about a code with a
wrong check character; what is stored is the same normal form the guard reads."""

import pytest
from django import forms

from feedback.models import PrivacyFlag
from feedback.privacy.guard import normalise_text, printable, privacy_mask, privacy_scan
from feedback.privacy.validators import PlainTextField

CODE = "131052-308T"

VARIANTS = {
    "plain": "tunnus 131052-308T",
    "en dash": "tunnus 131052\u2013308T",
    "em dash": "tunnus 131052\u2014308T",
    "hyphen": "tunnus 131052\u2010308T",
    "non-breaking hyphen": "tunnus 131052\u2011308T",
    "figure dash": "tunnus 131052\u2012308T",
    "minus sign": "tunnus 131052\u2212308T",
    "small hyphen-minus": "tunnus 131052\ufe63308T",
    "fullwidth hyphen": "tunnus 131052\uff0d308T",
    "glued before": "hetu131052-308T",
    "glued after": "131052-308Tsoitti eilen",
    "glued both": "hetu:131052-308T,kiitos",
    "zero-width space": "tunnus 1310\u200b52-308T",
    "zero-width joiner": "tunnus 131052-\u200d308T",
    "word joiner": "tunnus 131052\u2060-308T",
    "soft hyphen": "tunnus 131\u00ad052-308T",
    "byte order mark": "tunnus \ufeff131052-308T",
    "fullwidth digits": "tunnus \uff11\uff13\uff11\uff10\uff15\uff12-\uff13\uff10\uff18\uff34",
    "fullwidth everything": "\uff11\uff13\uff11\uff10\uff15\uff12\uff0d\uff13\uff10\uff18\uff34",
    "lower case": "tunnus 131052-308t",
    "space around sign": "tunnus 131052 - 308T",
    "mixed": "hetu\u200b\uff11\uff13\uff11\uff10\uff15\uff12\u2011308T",
}


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
def test_every_way_of_writing_a_code_blocks(text):
    assert privacy_scan(text).blocked


@pytest.mark.parametrize("text", VARIANTS.values(), ids=VARIANTS.keys())
def test_every_way_of_writing_a_code_is_masked(text):
    assert "308" not in privacy_mask(text)


@pytest.mark.parametrize(
    "text",
    [
        "tunnus 131052-308U",
        "tunnus 131052\u2013308A",
        "hetu131052-3081",
        "tunnus \uff11\uff13\uff11\uff10\uff15\uff12-308X",
        "syntynyt 010594Y9020",
    ],
)
def test_a_code_with_a_wrong_check_character_warns(text):
    findings = privacy_scan(text)
    assert not findings.blocked
    assert findings.flags == [PrivacyFlag.IDENTITY_CODE_TYPO.value]


@pytest.mark.parametrize(
    "text",
    [
        "soittoaika 8\u201316",
        "1.1.2020\u201331.12.2020",
        "odotin 321052-308 minuuttia",  # no such date: not an identity code
        "asiakasnumero 1234567890123",
    ],
)
def test_ordinary_numbers_with_dashes_do_not_warn(text):
    findings = privacy_scan(text)
    assert not findings.blocked
    assert PrivacyFlag.IDENTITY_CODE_TYPO.value not in findings.flags


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("klo 8\u201316", "klo 8-16"),
        ("\uff11\uff12\uff13", "123"),
        ("a\u200bb\u00adc\u2060d", "abcd"),
        ("\u2212 5", "- 5"),
        (
            "perhe \U0001f468\u200d\U0001f469\u200d\U0001f467",
            "perhe \U0001f468\u200d\U0001f469\u200d\U0001f467",
        ),
        ("\ufb01lmi", "filmi"),
    ],
)
def test_stored_text_is_the_normal_form(raw, stored):
    assert normalise_text(raw) == stored

    class Form(forms.Form):
        text = PlainTextField()

    form = Form({"text": raw})
    assert form.is_valid()
    assert form.cleaned_data["text"] == stored


@pytest.mark.parametrize(
    "text",
    [
        "Ajanvaraus ei vastaa.\nSoittoaika 8–10 on liian lyhyt.\tKiitos 👍",
        "Tandläkartiden i Närpes, för lång kö",
    ],
)
def test_an_everyday_text_takes_the_quick_path_and_stays_as_it_was(text):
    assert printable(text)
    assert normalise_text(text) == text.replace("–", "-")


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",
        "\u00ad",
        "\ufeff",
        "\u202e",
        "\u2066",
        "\x00",
        "\x1c",
        "\ufffe",
        "\ue000",
        "\u00a0",
    ],
)
def test_invisible_or_control_characters_take_the_careful_path(char):
    assert not printable(f"tunnus{char}131052-308T")
