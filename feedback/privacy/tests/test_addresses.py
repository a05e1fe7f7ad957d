import pytest
from cryptography.fernet import InvalidToken

from feedback.privacy.addresses import email_decrypt, email_digest, email_encrypt


def test_addresses_round_trip_and_are_never_stored_in_the_clear():
    token = email_encrypt("asiakas@example.fi")
    assert "asiakas" not in token and email_decrypt(token) == "asiakas@example.fi"
    assert email_encrypt("asiakas@example.fi") != token  # randomised


def test_digest_ignores_case_and_depends_on_the_key(settings):
    assert email_digest("Asiakas@Example.fi ") == email_digest("asiakas@example.fi")
    token, digest = email_encrypt("a@example.fi"), email_digest("a@example.fi")
    settings.SUBSCRIPTION_EMAIL_KEY = "another key"
    assert email_digest("a@example.fi") != digest
    with pytest.raises(InvalidToken):
        email_decrypt(token)
