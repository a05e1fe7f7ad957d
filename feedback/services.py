"""Writes of the feedback app. Views and tasks call these; nothing else writes notes."""

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from encounters.models import Encounter, Unit

from .models import Note, NoteEvent, NoteStatus, Theme
from .receipts import receipt_code_generate, receipt_code_hash

logger = logging.getLogger(__name__)

_CAPTURE_TOKEN_SALT = "feedback.capture-token"  # noqa: S105 - a signing salt, not a secret


@dataclass(frozen=True)
class CaptureToken:
    """What the capture form carries in one signed hidden field.

    The idempotency key makes a retried submission find the first one; the receipt code is
    chosen when the form is drawn, so a retry shows the same code as the first attempt.
    """

    key: str
    receipt_code: str

    def dumps(self) -> str:
        return signing.dumps({"k": self.key, "c": self.receipt_code}, salt=_CAPTURE_TOKEN_SALT)


def capture_token_new() -> CaptureToken:
    return CaptureToken(key=secrets.token_urlsafe(24), receipt_code=receipt_code_generate())


def capture_token_load(raw: str) -> CaptureToken | None:
    """The token from a submitted form, or None if it was tampered with or is malformed."""
    try:
        data = signing.loads(raw, salt=_CAPTURE_TOKEN_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("k", "c")):
        return None
    return CaptureToken(key=data["k"], receipt_code=data["c"])


def _after_capture(*, encounter_id: int, note_id: int | None) -> None:
    """Call the hooks listed in settings.FEEDBACK_CAPTURE_HOOKS once the capture commits.

    This is how the aggregation job learns about a new note without feedback importing
    reports: reports' hook (reports.tasks.enqueue_after_capture) is named in settings.
    """
    for path in getattr(settings, "FEEDBACK_CAPTURE_HOOKS", []):
        hook = import_string(path)
        transaction.on_commit(
            lambda hook=hook: hook(encounter_id=encounter_id, note_id=note_id), robust=True
        )


@dataclass(frozen=True)
class CaptureResult:
    encounter: Encounter
    note: Note | None
    created: bool


def _existing_capture(*, worker: AbstractBaseUser, key: str) -> CaptureResult | None:
    encounter = Encounter.objects.filter(idempotency_key=key).first()
    if encounter is None:
        return None
    if encounter.worker_id != worker.pk:
        # A key is the worker's own; someone else's key is not a retry.
        raise PermissionError("capture token belongs to another worker")
    return CaptureResult(encounter=encounter, note=encounter.notes.first(), created=False)


def note_create(
    *,
    worker: AbstractBaseUser,
    unit: Unit,
    channel: str,
    kind: str,
    client_text: str,
    worker_observation: str = "",
    themes: Iterable[Theme] = (),
    may_publish: bool = False,
    wants_receipt: bool = False,
    privacy_flags: Iterable[str] = (),
    token: CaptureToken,
) -> CaptureResult:
    """Record an encounter in which the client said something, and the note of it.

    Idempotent on the token's key: a retry of the same form returns the first note.
    The caller has checked that the worker is a member of the unit.
    """
    existing = _existing_capture(worker=worker, key=token.key)
    if existing:
        return existing
    try:
        with transaction.atomic():
            encounter = Encounter.objects.create(
                unit=unit,
                worker=worker,
                channel=channel,
                occurred_at=timezone.now(),
                client_asked=True,
                nothing_to_add=False,
                idempotency_key=token.key,
            )
            note = Note.objects.create(
                encounter=encounter,
                unit=unit,
                author=worker,
                kind=kind,
                client_text=client_text,
                worker_observation=worker_observation,
                may_publish=may_publish,
                receipt_hash=receipt_code_hash(token.receipt_code) if wants_receipt else None,
                privacy_flags=sorted(set(privacy_flags)),
                status=NoteStatus.RECEIVED,
            )
            note.themes.set(themes)
            NoteEvent.objects.create(note=note, status=NoteStatus.RECEIVED)
            _after_capture(encounter_id=encounter.pk, note_id=note.pk)
    except IntegrityError:
        # The same form arrived twice at once; the other request won the race.
        existing = _existing_capture(worker=worker, key=token.key)
        if existing is None:
            raise
        return existing
    logger.info("note created note_id=%s unit_id=%s", note.pk, unit.pk)
    return CaptureResult(encounter=encounter, note=note, created=True)


def encounter_record_nothing_to_add(
    *, worker: AbstractBaseUser, unit: Unit, channel: str, token: CaptureToken
) -> CaptureResult:
    """Record that the client was asked but had nothing to add. Idempotent like note_create."""
    existing = _existing_capture(worker=worker, key=token.key)
    if existing:
        return existing
    try:
        with transaction.atomic():
            encounter = Encounter.objects.create(
                unit=unit,
                worker=worker,
                channel=channel,
                occurred_at=timezone.now(),
                client_asked=True,
                nothing_to_add=True,
                idempotency_key=token.key,
            )
            _after_capture(encounter_id=encounter.pk, note_id=None)
    except IntegrityError:
        existing = _existing_capture(worker=worker, key=token.key)
        if existing is None:
            raise
        return existing
    logger.info("encounter nothing-to-add encounter_id=%s unit_id=%s", encounter.pk, unit.pk)
    return CaptureResult(encounter=encounter, note=None, created=True)
