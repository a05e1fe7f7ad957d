"""The organisation (service areas, units, memberships) and client encounters.

No model here, or anywhere in Kumppanuus, stores who the client is: no name, no personal
identity code, no client number. An encounter records only that a worker met a client in a
unit through a channel, and whether the client was asked about their experience.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppanuus.lib.models import TimeStampedModel, TranslatedNameMixin


class ServiceArea(TranslatedNameMixin, TimeStampedModel):
    """A palvelualue, such as home care or oral health."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")


class Unit(TranslatedNameMixin, TimeStampedModel):
    """A service unit (yksikkö) in one service area."""

    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("service area"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")


class Membership(TimeStampedModel):
    """A user's role in one unit. A user may be a member of several units."""

    class Role(models.TextChoices):
        WORKER = "worker", _("worker")
        MANAGER = "manager", _("manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.WORKER)

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_per_user_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


class Channel(models.TextChoices):
    CLINIC = "clinic", _("clinic visit")
    HOME = "home", _("home visit")
    PHONE = "phone", _("phone")
    VIDEO = "video", _("video")
    GROUP = "group", _("group")
    OTHER = "other", _("other")


class Encounter(TimeStampedModel):
    """One meeting between a worker and a client. Holds no client identity at all."""

    # No single-column indexes on unit and worker: encounter_unit_time and
    # encounter_worker_recent lead with them and serve their lookups, and every capture
    # would pay for the extra ones.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="encounters",
        verbose_name=_("unit"),
        db_index=False,
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encounters",
        verbose_name=_("worker"),
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    occurred_at = models.DateTimeField(_("time"))
    client_asked = models.BooleanField(_("client was asked about their experience"), default=True)
    nothing_to_add = models.BooleanField(
        _("asked, nothing to add"),
        default=False,
        help_text=_("The client was asked but had nothing to say this time."),
    )
    # Sent with the capture form; a retried submission carries the same key and finds
    # this encounter instead of creating a second one (encounter_idempotency_key_unique).
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")
        indexes = [
            # Preselecting the unit and channel from the worker's last encounter.
            models.Index(fields=["worker", "-occurred_at"], name="encounter_worker_recent"),
            # Per-unit statistics by time.
            models.Index(fields=["unit", "occurred_at"], name="encounter_unit_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nothing_to_add=False) | models.Q(client_asked=True),
                name="encounter_nothing_to_add_implies_asked",
            ),
            # A constraint rather than unique=True, which on PostgreSQL also builds a
            # second (LIKE) index that no query uses.
            models.UniqueConstraint(
                fields=["idempotency_key"], name="encounter_idempotency_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_channel_display()} {self.occurred_at:%Y-%m-%d}"


class UncountedEncounter(models.Model):
    """The statistics outbox: an encounter the aggregation job has still to count.

    Saved with the encounter in the same transaction (and again when a client withdraws
    a note), deleted by the run that counts it. A table of its own rather than a flag on
    the encounter, so that a full recount empties it instead of rewriting every encounter.
    """

    encounter = models.OneToOneField(
        Encounter,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("encounter"),
    )

    class Meta:
        verbose_name = _("encounter waiting to be counted")
        verbose_name_plural = _("encounters waiting to be counted")

    def __str__(self) -> str:
        return str(self.encounter_id)


class AreaManagement(TimeStampedModel):
    """A service-area manager: sees the reports of every unit in the area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="area_managements",
        verbose_name=_("user"),
    )
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.CASCADE,
        related_name="managements",
        verbose_name=_("service area"),
    )

    class Meta:
        ordering = ["service_area__name", "user__username"]
        verbose_name = _("service-area manager")
        verbose_name_plural = _("service-area managers")
        permissions = [
            # Organisation admins see the reports of the whole organisation.
            ("view_organisation_reports", _("Can view the reports of the whole organisation")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service_area"], name="areamanagement_one_per_user_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.service_area}"
