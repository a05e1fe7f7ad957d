"""Property tests of the receipt lookup: every way of typing the code finds the note, and
no other code does."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback.notes.receipts import ALPHABET, CODE_LENGTH, receipt_code_display
from feedback.notes.selectors import note_find_by_receipt

LOOKALIKES = {"0": "Oo", "1": "IiLl"}


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_case_grouping_and_lookalike_finds_the_note(receipt, data):
    note, code = receipt
    typed = []
    for char in code:
        options = [char, char.lower(), *LOOKALIKES.get(char, "")]
        typed.append(data.draw(st.sampled_from(options)))
        typed.append(data.draw(st.sampled_from(["", "", " ", "-"])))
    assert note_find_by_receipt(raw_code="".join(typed)) == note
    assert note_find_by_receipt(raw_code=receipt_code_display(code).lower()) == note


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(guess=st.text(alphabet=ALPHABET, min_size=CODE_LENGTH, max_size=CODE_LENGTH))
def test_no_other_code_finds_it(receipt, guess):
    _, code = receipt
    if guess != code:
        assert note_find_by_receipt(raw_code=guess) is None


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(garbage=st.text(max_size=80))
def test_arbitrary_input_never_errors(receipt, garbage):
    note, code = receipt
    found = note_find_by_receipt(raw_code=garbage)
    assert found is None or found == note
