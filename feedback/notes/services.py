"""Writes about notes: capture (with its idempotency and receipt code) and status e-mails.

Views and tasks call these; nothing else creates notes. The capture never knows about
grouping: the hooks in settings.FEEDBACK_CAPTURE_HOOKS tell the aggregation job.
"""

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from encounters.models import Encounter, Opener, UncountedEncounter, Unit
from feedback.models import (
    CLOSED_STATUSES,
    STATUS_FOR_CLIENT,
    Note,
    NoteEvent,
    NoteLanguage,
    NoteStatus,
    StatusSubscription,
    Theme,
)
from feedback.privacy.addresses import email_decrypt
from kumppanuus.lib.inserts import rows_insert

from .receipts import receipt_code_display, receipt_code_generate, receipt_code_hash

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

    @property
    def receipt_code_display(self) -> str:
        """The code as the client is given it, for the page to show a note queued offline.

        It says nothing the page did not hold already: signing protects the token from
        change, not from reading, and the code is plain in its payload.
        """
        return receipt_code_display(self.receipt_code)


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


def capture_hooks_call(*, encounter_id: int, note_id: int | None) -> None:
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


def _capture_once(
    *, worker: AbstractBaseUser, key: str, create: Callable[[], CaptureResult]
) -> CaptureResult:
    """Run create() once per idempotency key; a retry, even a simultaneous one, gets the first.

    The unique key on Encounter decides, for a retry as for a race: create() saves the
    encounter and what refers to it all at once (`rows_insert`), a key already saved makes
    that fail whole, and the first capture is returned. Nearly every submission is a first
    one, so it goes straight to the insert instead of looking the key up before.
    """
    try:
        return create()
    except IntegrityError:
        existing = _existing_capture(worker=worker, key=key)
        if existing is None:
            raise
        return existing


def _encounter_new(
    *,
    worker: AbstractBaseUser,
    unit: Unit,
    channel: str,
    key: str,
    nothing_to_add: bool,
    opener: Opener | None = None,
) -> Encounter:
    """The capture's encounter, not yet saved: it is saved with the rows that refer to it."""
    return Encounter(
        opener=opener,
        unit=unit,
        worker=worker,
        channel=channel,
        occurred_at=timezone.now(),
        client_asked=True,
        nothing_to_add=nothing_to_add,
        idempotency_key=key,
    )


def note_create(
    *,
    worker: AbstractBaseUser,
    unit: Unit,
    channel: str,
    kind: str,
    client_text: str,
    worker_observation: str = "",
    language: str = NoteLanguage.FI,
    themes: Iterable[Theme] = (),
    may_publish: bool = False,
    wants_receipt: bool = False,
    privacy_flags: Iterable[str] = (),
    token: CaptureToken,
    opener: Opener | None = None,
) -> CaptureResult:
    """Record an encounter in which the client said something, and the note of it.

    Idempotent on the token's key: a retry of the same form returns the first note.
    The caller has checked that the worker is a member of the unit.
    """

    def create() -> CaptureResult:
        encounter = _encounter_new(
            worker=worker,
            unit=unit,
            channel=channel,
            key=token.key,
            nothing_to_add=False,
            opener=opener,
        )
        note = Note(
            encounter=encounter,
            unit=unit,
            author=worker,
            kind=kind,
            client_text=client_text,
            worker_observation=worker_observation,
            language=language,
            may_publish=may_publish,
            receipt_hash=receipt_code_hash(token.receipt_code) if wants_receipt else None,
            privacy_flags=sorted(set(privacy_flags)),
            status=NoteStatus.RECEIVED,
        )
        theme_links = [
            Note.themes.through(note=note, theme_id=theme_id)
            for theme_id in dict.fromkeys(theme.pk for theme in themes)
        ]
        # One round trip on PostgreSQL: the busiest write of the service.
        rows_insert(
            encounter,
            UncountedEncounter(encounter=encounter),
            note,
            *theme_links,
            NoteEvent(note=note, status=NoteStatus.RECEIVED),
        )
        capture_hooks_call(encounter_id=encounter.pk, note_id=note.pk)
        logger.info("note created note_id=%s unit_id=%s", note.pk, unit.pk)
        return CaptureResult(encounter=encounter, note=note, created=True)

    return _capture_once(worker=worker, key=token.key, create=create)


def encounter_record_nothing_to_add(
    *,
    worker: AbstractBaseUser,
    unit: Unit,
    channel: str,
    token: CaptureToken,
    opener: Opener | None = None,
) -> CaptureResult:
    """Record that the client was asked but had nothing to add. Idempotent like note_create."""

    def create() -> CaptureResult:
        encounter = _encounter_new(
            worker=worker,
            unit=unit,
            channel=channel,
            key=token.key,
            nothing_to_add=True,
            opener=opener,
        )
        rows_insert(encounter, UncountedEncounter(encounter=encounter))
        capture_hooks_call(encounter_id=encounter.pk, note_id=None)
        logger.info("encounter nothing-to-add encounter_id=%s unit_id=%s", encounter.pk, unit.pk)
        return CaptureResult(encounter=encounter, note=None, created=True)

    return _capture_once(worker=worker, key=token.key, create=create)


def _status_mail(*, subscription: StatusSubscription, status: str) -> None:
    with translation.override(subscription.language):
        context = {
            "status_text": STATUS_FOR_CLIENT[status],
            "unit": subscription.note.unit.display_name,
            "closed": status in CLOSED_STATUSES,
            "receipt_url": f"{settings.PUBLIC_BASE_URL}/r/" if settings.PUBLIC_BASE_URL else "",
        }
        subject = gettext("Your feedback has moved forward")
        body = render_to_string("feedback/email/status_changed.txt", context)
    send_mail(subject, body, None, [email_decrypt(subscription.email_encrypted)])


def status_subscriptions_notify() -> int:
    """E-mail every subscriber whose note's status differs from the one they were told.

    Idempotent: each subscription is claimed with a conditional update before sending, so
    two runs never send the same message twice. A closed loop deletes the subscription
    after its last message. Returns the number of messages sent.
    """
    sent = 0
    pending = (
        StatusSubscription.objects.exclude(notified_status=F("note__status"))
        .select_related("note", "note__unit")
        .order_by("pk")
    )
    for subscription in pending:
        status = subscription.note.status
        claimed = StatusSubscription.objects.filter(
            pk=subscription.pk, notified_status=subscription.notified_status
        ).update(notified_status=status)
        if not claimed:
            continue
        try:
            _status_mail(subscription=subscription, status=status)
        except Exception:
            # Give the claim back, so that the next run tries again.
            StatusSubscription.objects.filter(pk=subscription.pk, notified_status=status).update(
                notified_status=subscription.notified_status
            )
            logger.exception("status mail failed subscription_id=%s", subscription.pk)
            continue
        sent += 1
        logger.info("status mail sent subscription_id=%s", subscription.pk)
        if status in CLOSED_STATUSES:
            StatusSubscription.objects.filter(pk=subscription.pk).delete()
    return sent


def status_subscriptions_purge() -> int:
    """Delete subscriptions whose loop has closed or that are older than the maximum age."""
    cutoff = timezone.now() - timedelta(days=settings.RECEIPT_SUBSCRIPTION_MAX_DAYS)
    expired = Q(created_at__lt=cutoff) | Q(
        note__status__in=CLOSED_STATUSES, notified_status=F("note__status")
    )
    deleted, _ = StatusSubscription.objects.filter(expired).delete()
    if deleted:
        logger.info("status subscriptions purged count=%s", deleted)
    return deleted
