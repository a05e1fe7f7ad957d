"""Integration keys: how another system (a patient-record system's "client feedback" button,
an intranet dashboard) calls the Integration API, and the log of every call it made.

A key is scoped to units and to what it may do; it is stored only as a SHA-256 digest of
its secret part, shown once when it is made, and revoked rather than deleted, so that the
call log and the notes it recorded keep their history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import Unit
from kumppanuus.lib.models import TimeStampedModel


class IntegrationKey(TimeStampedModel):
    """One calling system's credential, scoped to units.

    Notes it records need an author: each key has its own account, which has no password
    and no membership, so it can never sign in and never counts as a unit's worker.
    """

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Which system uses the key, e.g. “Patient record system, home care”."),
    )
    # The public part of the key (kmp_<prefix>_<secret>): names it in lists and logs.
    prefix = models.CharField(_("key id"), max_length=16, unique=True, editable=False)
    # SHA-256 of the secret part; the secret itself is shown once and never stored.
    secret_digest = models.CharField(_("secret digest"), max_length=64, editable=False)
    units = models.ManyToManyField(Unit, related_name="integration_keys", verbose_name=_("units"))
    may_create_notes = models.BooleanField(
        _("may record notes"),
        default=True,
        help_text=_("Send client feedback from another system into the key's units."),
    )
    may_read = models.BooleanField(
        _("may read insights and actions"),
        default=False,
        help_text=_("Read the insights and actions of the key's units. Never the notes."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="integration_key",
        editable=False,
        verbose_name=_("account that records the notes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("integration key")
        verbose_name_plural = _("integration keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IntegrationCall(models.Model):
    """Append-only record of one call to the Integration API: which key, which units, what
    happened. Never the note's text or anything the client said."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("note recorded")
        REPLAYED = "replayed", _("repeated call answered with the first note")
        READ = "read", _("read")
        INVALID = "invalid", _("refused: invalid request")
        FORBIDDEN = "forbidden", _("refused: not allowed")
        NOT_FOUND = "not_found", _("not found")
        CONFLICT = "conflict", _("refused: conflict")
        UNAUTHENTICATED = "unauthenticated", _("refused: no valid key")
        RATE_LIMITED = "rate_limited", _("refused: too many requests")
        ERROR = "error", _("error")

    key = models.ForeignKey(
        IntegrationKey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("integration key"),
    )
    # As presented, so that a refused or later deleted key still shows in the log.
    key_prefix = models.CharField(_("key id"), max_length=16, blank=True)
    operation = models.CharField(_("operation"), max_length=40)
    method = models.CharField(_("method"), max_length=8)
    unit_ids = models.JSONField(_("units"), default=list)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note_id = models.PositiveBigIntegerField(_("note"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("integration call")
        verbose_name_plural = _("integration call log")
        indexes = [
            # Admin search by time, and the retention job's range delete.
            models.Index(fields=["created_at"], name="integrationcall_time"),
            # "What did this key do?"
            models.Index(fields=["key_prefix", "-created_at"], name="integrationcall_key_time"),
        ]

    def __str__(self) -> str:
        return f"{self.key_prefix or '-'} {self.operation} {self.status_code}"
