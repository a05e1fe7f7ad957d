"""Receipt codes: what a client carries away to follow their note without an account.

A code is 50 random bits from `secrets`, written in Crockford base32 as ten characters in
groups (``7KQM-2XWD-9R``). It is accepted in any case, with or without separators, and with
Crockford's ambiguity mapping (I and L read as 1, O as 0). Only an HMAC of the normalised
code is stored, keyed by RECEIPT_CODE_KEY; the code itself is never stored or logged.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 10 x 5 bits = 50 bits
_AMBIGUOUS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", " -–—_.\t")


def receipt_code_generate() -> str:
    """A new normalised code (ten characters, no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def receipt_code_normalise(raw: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a code."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = raw.upper().translate(_SEPARATORS).translate(_AMBIGUOUS)
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def receipt_code_display(code: str) -> str:
    """Grouped for reading aloud and typing: ``7KQM-2XWD-9R``."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def receipt_code_hash(code: str) -> str:
    """The stored form of a normalised code."""
    return hmac.new(
        settings.RECEIPT_CODE_KEY.encode(), code.encode("ascii"), hashlib.sha256
    ).hexdigest()
