import math

import pytest

from feedback.notes.receipts import (
    ALPHABET,
    CODE_LENGTH,
    receipt_code_display,
    receipt_code_generate,
    receipt_code_hash,
    receipt_code_normalise,
)


def test_codes_carry_at_least_50_bits_in_crockford_base32():
    assert len(ALPHABET) == 32 and not set("ILOU") & set(ALPHABET)
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 50
    codes = {receipt_code_generate() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == CODE_LENGTH and set(code) <= set(ALPHABET) for code in codes)


def test_display_groups_the_code():
    assert receipt_code_display("7KQM2XWD9R") == "7KQM-2XWD-9R"


@pytest.mark.parametrize(
    "typed",
    ["7KQM-2XWD-9R", "7kqm2xwd9r", " 7kqm 2xwd 9r ", "7KQM–2XWD–9R", "7kqm.2xwd.9r"],
)
def test_typed_codes_are_forgiven_case_and_grouping(typed):
    assert receipt_code_normalise(typed) == "7KQM2XWD9R"


def test_crockford_ambiguity_is_forgiven():
    assert receipt_code_normalise("O1IL-2XWD-9R") == "0111" + "2XWD9R"


@pytest.mark.parametrize(
    "bad", ["", "7KQM", "7KQM-2XWD-9R-X", "7KQM-2XWD-9U", "ÅÄÖÅ-ÄÖÅÄ-ÖÅ", "x" * 500, None, 12]
)
def test_malformed_codes_are_refused(bad):
    assert receipt_code_normalise(bad) is None


def test_hash_is_keyed_and_stable(settings):
    first = receipt_code_hash("7KQM2XWD9R")
    assert first == receipt_code_hash("7KQM2XWD9R")
    assert len(first) == 64 and "7KQM" not in first
    settings.RECEIPT_CODE_KEY = "another-key"
    assert receipt_code_hash("7KQM2XWD9R") != first
