"""E-mail addresses of status subscriptions, encrypted at rest.

An address is stored only encrypted (Fernet: AES with an HMAC) under a key derived from
SUBSCRIPTION_EMAIL_KEY, plus a keyed digest that finds a repeated subscription without
decrypting anything. A database dump or backup therefore shows no address.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings


def _key() -> bytes:
    return hashlib.sha256(f"subscription-email:{settings.SUBSCRIPTION_EMAIL_KEY}".encode()).digest()


def email_encrypt(address: str) -> str:
    return Fernet(base64.urlsafe_b64encode(_key())).encrypt(address.encode()).decode("ascii")


def email_decrypt(token: str) -> str:
    return Fernet(base64.urlsafe_b64encode(_key())).decrypt(token.encode("ascii")).decode()


def email_digest(address: str) -> str:
    """The same for the same address in any case; keyed, so it cannot be looked up."""
    return hmac.new(_key(), address.strip().lower().encode(), hashlib.sha256).hexdigest()
