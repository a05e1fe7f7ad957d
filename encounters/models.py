"""The organisation (service areas, units, memberships) and client encounters.

No model here, or anywhere in Kumppanuus, stores who the client is: no name, no personal
identity code, no client number. An encounter records only that a worker met a client in a
unit through a channel, and whether the client was asked about their experience.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
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


class Team(TimeStampedModel):
    """A team within a unit (a home-care round, a reception shift) that reflects together."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="teams", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="team_one_name_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.name}"


class GrantSource(models.TextChoices):
    """Who gave a role: an admin by hand, or the user's groups at sign-in (recomputed then)."""

    MANUAL = "manual", _("added by hand")
    GROUPS = "groups", _("from sign-in groups")


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
    source = models.CharField(
        _("source"), max_length=16, choices=GrantSource.choices, default=GrantSource.MANUAL
    )
    # The team the member reflects with; a team of the same unit (clean() says so).
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_per_user_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"

    def clean(self) -> None:
        """A team belongs to one unit; a member of another unit cannot be in it."""
        if self.team_id and self.unit_id and self.team.unit_id != self.unit_id:
            raise ValidationError({"team": _("Choose a team of this unit.")})


class Channel(models.TextChoices):
    CLINIC = "clinic", _("clinic visit")
    HOME = "home", _("home visit")
    PHONE = "phone", _("phone")
    VIDEO = "video", _("video")
    GROUP = "group", _("group")
    OTHER = "other", _("other")


class OpenerContext(models.TextChoices):
    """Where an opener of the organisation-wide starter set is meant to be asked."""

    HOME_CARE = "home_care", _("home care")
    CLINIC = "clinic", _("clinic")
    SOCIAL_WORK = "social_work", _("social work")
    PHONE = "phone", _("phone contact")


class Opener(TimeStampedModel):
    """A short question that opens the conversation about the client's experience.

    A unit's managers keep their own; those with no unit are the organisation-wide starter
    set, written for each context. Retired openers are no longer shown but stay, because
    encounters record which opener was shown.
    """

    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="openers",
        verbose_name=_("unit"),
        help_text=_("Empty for the organisation-wide starter set."),
    )
    context = models.CharField(
        _("context"), max_length=16, choices=OpenerContext.choices, blank=True
    )
    text_fi = models.CharField(_("opener (Finnish)"), max_length=200)
    text_sv = models.CharField(_("opener (Swedish)"), max_length=200, blank=True)
    text_en = models.CharField(_("opener (English)"), max_length=200, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("conversation opener")
        verbose_name_plural = _("conversation openers")

    def __str__(self) -> str:
        return self.text_fi

    def text_in(self, language: str) -> str:
        """The opener in a language, or in Finnish when it has not been translated."""
        return getattr(self, f"text_{language}", "") or self.text_fi

    @property
    def display_text(self) -> str:
        """The opener in the active language."""
        return self.text_in((get_language() or "fi")[:2])

    @property
    def texts(self) -> dict[str, str]:
        """Every language's text, for the capture page to switch with the client's language."""
        return {language: self.text_in(language) for language in ("fi", "sv", "en")}

    @property
    def is_active(self) -> bool:
        return self.retired_at is None


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
    # The opener shown on the capture page, for a note and for "asked, nothing to add"
    # alike: how often a client had something to say is counted per opener. Read through
    # encounter_unit_time (per unit and period) only, so no index of its own: openers are
    # retired, never deleted.
    opener = models.ForeignKey(
        Opener,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        related_name="encounters",
        verbose_name=_("opener shown"),
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
    source = models.CharField(
        _("source"), max_length=16, choices=GrantSource.choices, default=GrantSource.MANUAL
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


class GroupMapping(TimeStampedModel):
    """What one group of the organisation's sign-in service gives its members here.

    Read at every single sign-on sign-in: the user's groups claim is looked up in these rows
    and the memberships, service-area managements and organisation admin right that came
    from groups are recomputed (encounters/sso/services.py). Rows an admin added by hand are
    left alone. A group may have several rows, e.g. worker in two units.
    """

    class Grant(models.TextChoices):
        UNIT_WORKER = "unit_worker", _("worker in a unit")
        UNIT_MANAGER = "unit_manager", _("manager of a unit")
        AREA_MANAGER = "area_manager", _("service-area manager")
        ORGANISATION_ADMIN = "organisation_admin", _("organisation admin")

    UNIT_GRANTS = {
        Grant.UNIT_WORKER: Membership.Role.WORKER,
        Grant.UNIT_MANAGER: Membership.Role.MANAGER,
    }

    group = models.CharField(
        _("group"),
        max_length=255,
        help_text=_(
            "The group exactly as the sign-in service sends it: in Entra ID the group's object "
            "ID, in Keycloak the group's path, such as /kotihoito/keskusta."
        ),
    )
    grant = models.CharField(_("gives"), max_length=32, choices=Grant.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_mappings",
        verbose_name=_("unit"),
    )
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_mappings",
        verbose_name=_("service area"),
    )

    class Meta:
        ordering = ["group", "grant"]
        verbose_name = _("sign-in group")
        verbose_name_plural = _("sign-in groups")
        # The sign-in's lookup (group IN the user's groups) reads the unique indexes below,
        # which all lead with the group.
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        grant__in=["unit_worker", "unit_manager"],
                        unit__isnull=False,
                        service_area__isnull=True,
                    )
                    | models.Q(grant="area_manager", unit__isnull=True, service_area__isnull=False)
                    | models.Q(
                        grant="organisation_admin", unit__isnull=True, service_area__isnull=True
                    )
                ),
                name="groupmapping_target_fits_grant",
            ),
            models.UniqueConstraint(
                fields=["group", "unit"],
                condition=models.Q(unit__isnull=False),
                name="groupmapping_one_role_per_unit",
            ),
            models.UniqueConstraint(
                fields=["group", "service_area"],
                condition=models.Q(service_area__isnull=False),
                name="groupmapping_one_per_area",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(grant="organisation_admin"),
                name="groupmapping_one_organisation_admin",
            ),
        ]

    def __str__(self) -> str:
        target = self.unit or self.service_area
        return f"{self.group} → {self.get_grant_display()}" + (f" ({target})" if target else "")

    def clean(self) -> None:
        """Say in the form which target the chosen grant needs, before the database refuses."""
        self.group = self.group.strip()
        if self.grant in self.UNIT_GRANTS:
            if not self.unit_id:
                raise ValidationError({"unit": _("Choose the unit this group gives a role in.")})
            if self.service_area_id:
                raise ValidationError({"service_area": _("A unit role needs no service area.")})
        elif self.grant == self.Grant.AREA_MANAGER:
            if not self.service_area_id:
                raise ValidationError(
                    {"service_area": _("Choose the service area this group manages.")}
                )
            if self.unit_id:
                raise ValidationError({"unit": _("A service-area manager needs no unit.")})
        elif self.grant == self.Grant.ORGANISATION_ADMIN and (self.unit_id or self.service_area_id):
            raise ValidationError(_("An organisation admin needs neither a unit nor an area."))


class SignInIdentity(TimeStampedModel):
    """The account at the organisation's sign-in service that a user signs in with.

    Found by issuer and subject (the provider's stable id for the person), never by user name
    or e-mail, so that nobody can take over an existing account by choosing its name there.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_in_identity",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    groups = models.JSONField(
        _("groups at the last sign-in"),
        default=list,
        blank=True,
        help_text=_("What the sign-in service sent, to help write the group mappings."),
    )
    # Set when the organisation admin right came from a group, so that it is taken away with
    # the group but a right an admin gave by hand is never touched.
    organisation_admin_from_groups = models.BooleanField(
        _("organisation admin from groups"), default=False
    )
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="signinidentity_one_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"
