"""Writes of the Integration API: keys (make, revoke, note their use) and the call log.

A key reads ``kmp_<id>_<secret>``. Only the SHA-256 of the secret is stored: the whole key
is returned once by integration_key_create and can never be shown again.
"""

import hashlib
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from encounters.models import Unit
from feedback.models import IntegrationCall, IntegrationKey

logger = logging.getLogger(__name__)

KEY_SCHEME = "kmp"
_KEY_RE = re.compile(r"kmp_([0-9a-f]{10})_([A-Za-z0-9_-]{43})")
# last_used_at is written at most this often per key, not on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewKey:
    key: IntegrationKey
    secret: str  # the whole key as the calling system sends it; shown once


def secret_digest(secret: str) -> str:
    """Why a plain hash: the secret is 256 random bits, not a password, so nothing can be
    guessed from the digest and every call can afford to check it."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def integration_key_parse(raw: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed key, or None."""
    match = _KEY_RE.fullmatch(raw or "")
    return (match[1], match[2]) if match else None


@transaction.atomic
def integration_key_create(
    *,
    name: str,
    units: Iterable[Unit],
    may_create_notes: bool = True,
    may_read: bool = False,
    created_by: AbstractBaseUser | None = None,
) -> NewKey:
    """A new key for the units, with its own account that records the notes it sends.

    The account has no password, is inactive and belongs to no unit: it can never sign in
    and never counts among a unit's workers.
    """
    prefix = secrets.token_hex(5)
    secret = secrets.token_urlsafe(32)
    account = get_user_model().objects.create_user(username=f"integration-{prefix}")
    account.is_active = False
    account.save(update_fields=["is_active"])
    key = IntegrationKey.objects.create(
        name=name,
        prefix=prefix,
        secret_digest=secret_digest(secret),
        may_create_notes=may_create_notes,
        may_read=may_read,
        account=account,
        created_by=created_by,
    )
    key.units.set(units)
    logger.info("integration key created key=%s", prefix)
    return NewKey(key=key, secret=f"{KEY_SCHEME}_{prefix}_{secret}")


def integration_key_revoke(*, key: IntegrationKey) -> bool:
    """Revoke the key for good; True if it was still valid. Idempotent."""
    now = timezone.now()
    revoked = IntegrationKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    if revoked:
        key.revoked_at = now
        logger.info("integration key revoked key=%s", key.prefix)
    return bool(revoked)


def integration_key_touch(*, key: IntegrationKey) -> None:
    """Note that the key was used, at most once a minute (a conditional update)."""
    now = timezone.now()
    if key.last_used_at and now - key.last_used_at < LAST_USED_RESOLUTION:
        return
    IntegrationKey.objects.filter(pk=key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ).update(last_used_at=now)
    key.last_used_at = now


def integration_call_record(
    *,
    key: IntegrationKey | None,
    key_prefix: str,
    operation: str,
    method: str,
    status_code: int,
    outcome: str,
    unit_ids: Iterable[int] = (),
    note_id: int | None = None,
) -> IntegrationCall:
    """One row of the call log: ids and outcome only, never what the client said."""
    return IntegrationCall.objects.create(
        key=key,
        key_prefix=key_prefix[:16],
        operation=operation[:40],
        method=method[:8],
        unit_ids=sorted(set(unit_ids)),
        status_code=status_code,
        outcome=outcome,
        note_id=note_id,
    )
