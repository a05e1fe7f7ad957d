"""Writes of the feedback app. Views and tasks call these; nothing else writes notes."""

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

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

from encounters.models import Encounter, UncountedEncounter, Unit

from .models import (
    CLOSED_STATUSES,
    STATUS_FOR_CLIENT,
    Insight,
    InsightScope,
    InsightStatus,
    InsightVisit,
    Note,
    NoteEvent,
    NoteStatus,
    StatusSubscription,
    Theme,
)
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


def _capture_once(
    *, worker: AbstractBaseUser, key: str, create: Callable[[], CaptureResult]
) -> CaptureResult:
    """Run create() once per idempotency key; a retry, even a simultaneous one, gets the first.

    The unique key on Encounter decides, for a retry as for a race: create() inserts the
    encounter first, a key already saved makes that insert fail, the transaction rolls back
    whole and the first capture is returned. Nearly every submission is a first one, so it
    goes straight to the insert instead of looking the key up before.
    """
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        existing = _existing_capture(worker=worker, key=key)
        if existing is None:
            raise
        return existing


def _encounter_create(
    *, worker: AbstractBaseUser, unit: Unit, channel: str, key: str, nothing_to_add: bool
) -> Encounter:
    encounter = Encounter.objects.create(
        unit=unit,
        worker=worker,
        channel=channel,
        occurred_at=timezone.now(),
        client_asked=True,
        nothing_to_add=nothing_to_add,
        idempotency_key=key,
    )
    UncountedEncounter.objects.create(encounter=encounter)
    return encounter


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

    def create() -> CaptureResult:
        encounter = _encounter_create(
            worker=worker, unit=unit, channel=channel, key=token.key, nothing_to_add=False
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
        if themes:
            # A new note has no themes yet: one INSERT, without set()'s read of the old ones.
            Note.themes.through.objects.bulk_create(
                [
                    Note.themes.through(note=note, theme_id=theme_id)
                    for theme_id in dict.fromkeys(theme.pk for theme in themes)
                ]
            )
        NoteEvent.objects.create(note=note, status=NoteStatus.RECEIVED)
        _after_capture(encounter_id=encounter.pk, note_id=note.pk)
        logger.info("note created note_id=%s unit_id=%s", note.pk, unit.pk)
        return CaptureResult(encounter=encounter, note=note, created=True)

    return _capture_once(worker=worker, key=token.key, create=create)


def encounter_record_nothing_to_add(
    *, worker: AbstractBaseUser, unit: Unit, channel: str, token: CaptureToken
) -> CaptureResult:
    """Record that the client was asked but had nothing to add. Idempotent like note_create."""

    def create() -> CaptureResult:
        encounter = _encounter_create(
            worker=worker, unit=unit, channel=channel, key=token.key, nothing_to_add=True
        )
        _after_capture(encounter_id=encounter.pk, note_id=None)
        logger.info("encounter nothing-to-add encounter_id=%s unit_id=%s", encounter.pk, unit.pk)
        return CaptureResult(encounter=encounter, note=None, created=True)

    return _capture_once(worker=worker, key=token.key, create=create)


def _note_leave_collective(*, note: Note) -> None:
    """Take a withdrawn note out of everything built from it (insights and counts).

    It leaves its insight, whose statistics are recomputed at once. Marked as placed by a
    manager (with no insight) and as processed, the grouping job never places it again,
    neither in its sweep nor in a full rebuild. Its encounter goes back to the statistics
    outbox, so the next aggregation run recomputes that week without the note.
    """
    from .grouping.runner import insights_refresh

    old_insight_id = note.insight_id
    Note.objects.filter(pk=note.pk).update(
        insight=None, placed_by_manager=True, aggregated_at=timezone.now()
    )
    # Delete, then insert: a run that has claimed the encounter holds its outbox row, so
    # the delete waits for that run to commit, and the new row makes the next run recount
    # the week (skipping an existing row could let that run delete the request unseen).
    UncountedEncounter.objects.filter(encounter_id=note.encounter_id).delete()
    UncountedEncounter.objects.create(encounter_id=note.encounter_id)
    if old_insight_id:
        insights_refresh(insight_ids=[old_insight_id])
    _after_capture(encounter_id=note.encounter_id, note_id=None)


def note_withdraw(*, note: Note) -> None:
    """The client takes their note back with the receipt code.

    The texts are erased, the receipt stops answering (its code is then unknown), e-mail
    subscriptions are deleted and the note leaves every insight and count. The row stays
    so that the encounter is still counted as one where the client was asked.
    """
    with transaction.atomic():
        locked = Note.objects.select_for_update().get(pk=note.pk)
        if locked.withdrawn_at is not None:
            return
        locked.client_text = ""
        locked.worker_observation = ""
        locked.receipt_hash = None
        locked.may_publish = False
        locked.privacy_flags = []
        locked.status = NoteStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(
            update_fields=[
                "client_text",
                "worker_observation",
                "receipt_hash",
                "may_publish",
                "privacy_flags",
                "status",
                "withdrawn_at",
                "updated_at",
            ]
        )
        NoteEvent.objects.create(note=locked, status=NoteStatus.WITHDRAWN)
        StatusSubscription.objects.filter(note=locked).delete()
        _note_leave_collective(note=locked)
    logger.info("note withdrawn note_id=%s", note.pk)


def status_subscription_create(*, note: Note, email: str, language: str) -> StatusSubscription:
    """Remember that the client wants an e-mail when the note's status changes."""
    from .addresses import email_digest, email_encrypt

    StatusSubscription.objects.get_or_create(
        note=note,
        email_digest=email_digest(email),
        defaults={
            "email_encrypted": email_encrypt(email),
            "language": language,
            "notified_status": note.status,
        },
    )
    logger.info("status subscription created note_id=%s", note.pk)
    return StatusSubscription.objects.get(note=note, email_digest=email_digest(email))


def status_subscriptions_delete(*, note: Note) -> int:
    """The client no longer wants e-mails about the note."""
    deleted, _ = StatusSubscription.objects.filter(note=note).delete()
    return deleted


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
    send_mail(subject, body, None, [subscription.email])


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


# -- insight curation (the managers' workspace) ---------------------------------------
# Every function here is called only with insights and notes the view has already loaded
# through the manager's scope. Curation is recorded on the rows (placed_by_manager, locked,
# merged_into, title_edited) so that the grouping job never undoes it.


def _refresh(*insight_ids: int) -> None:
    from .grouping.runner import insights_refresh

    insights_refresh(insight_ids=[pk for pk in insight_ids if pk])


def _note_join(*, note: Note, insight: Insight) -> None:
    """Put a note in an insight as a manager's decision; received notes go under review."""
    note.insight = insight
    note.placed_by_manager = True
    fields = ["insight", "placed_by_manager", "updated_at"]
    if note.status == NoteStatus.RECEIVED:
        note.status = NoteStatus.UNDER_REVIEW
        fields.append("status")
        NoteEvent.objects.create(note=note, status=NoteStatus.UNDER_REVIEW)
    note.save(update_fields=fields)


@transaction.atomic
def insight_rename(*, insight: Insight, title: str) -> Insight:
    insight.title = title
    insight.title_edited = True
    insight.save(update_fields=["title", "title_edited", "updated_at"])
    return insight


@transaction.atomic
def insight_set_locked(*, insight: Insight, locked: bool) -> Insight:
    insight.locked = locked
    insight.save(update_fields=["locked", "updated_at"])
    return insight


@transaction.atomic
def insight_mark_reviewed(*, insight: Insight, manager: AbstractBaseUser) -> Insight:
    insight.reviewed_at = timezone.now()
    insight.reviewed_by = manager
    fields = ["reviewed_at", "reviewed_by", "updated_at"]
    if insight.status == InsightStatus.NEW:
        insight.status = InsightStatus.UNDER_REVIEW
        fields.append("status")
    insight.save(update_fields=fields)
    return insight


@transaction.atomic
def insight_update_summary(
    *, insight: Insight, status: str, summary_fi: str, summary_sv: str = "", summary_en: str = ""
) -> Insight:
    """The public summary only a manager writes; nothing is published automatically."""
    insight.status = status
    insight.summary_fi, insight.summary_sv, insight.summary_en = summary_fi, summary_sv, summary_en
    insight.save(update_fields=["status", "summary_fi", "summary_sv", "summary_en", "updated_at"])
    return insight


@transaction.atomic
def insight_merge(*, source: Insight, target: Insight) -> Insight:
    """Move every note of `source` into `target`; later notes of source's matter follow."""
    if source.pk == target.pk or source.service_area_id != target.service_area_id:
        raise ValueError("insights to merge must be different and of the same service area")
    Note.objects.filter(insight=source).update(insight=target, updated_at=timezone.now())
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    Insight.objects.filter(merged_into=source).update(merged_into=target)
    _refresh(source.pk, target.pk)
    logger.info("insight merged source_id=%s target_id=%s", source.pk, target.pk)
    return target


@transaction.atomic
def insight_split(*, insight: Insight, notes: Iterable[Note], title: str) -> Insight:
    """Take some notes out into a new insight of their own, kept by the manager."""
    notes = list(notes)
    if not notes or any(note.insight_id != insight.pk for note in notes):
        raise ValueError("split needs notes of the insight")
    new = Insight.objects.create(
        service_area_id=insight.service_area_id,
        unit_id=insight.unit_id,
        scope=InsightScope.UNIT if insight.unit_id else InsightScope.AREA,
        concept_id=insight.concept_id,
        title=title,
        title_edited=True,
    )
    for note in notes:
        _note_join(note=note, insight=new)
    _refresh(insight.pk, new.pk)
    logger.info("insight split source_id=%s new_id=%s notes=%s", insight.pk, new.pk, len(notes))
    return new


@transaction.atomic
def note_move(*, note: Note, target: Insight) -> Note:
    """Move one note to another insight; it becomes an example for grouping new notes."""
    if note.unit.service_area_id != target.service_area_id:
        raise ValueError("a note moves only within its service area")
    previous = note.insight_id
    _note_join(note=note, insight=target)
    _refresh(previous, target.pk)
    logger.info("note moved note_id=%s insight_id=%s", note.pk, target.pk)
    return note


def insight_visit_record(*, user: AbstractBaseUser) -> datetime | None:
    """Remember this visit; returns the previous one for the "new since" marker."""
    visit = InsightVisit.objects.filter(user=user).first()
    previous = visit.seen_at if visit else None
    InsightVisit.objects.update_or_create(user=user, defaults={"seen_at": timezone.now()})
    return previous
