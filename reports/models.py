"""Figures the managers' reports are built from."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import TimeStampedModel, Unit


class EncounterTotal(TimeStampedModel):
    """All encounters of a unit on one day, imported from the patient record system.

    Against these the dashboard shows how often clients were asked about their experience.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="encounter_totals", verbose_name=_("unit")
    )
    day = models.DateField(_("day"))
    total = models.PositiveIntegerField(_("encounters"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        ordering = ["unit", "day"]
        verbose_name = _("encounter total")
        verbose_name_plural = _("encounter totals")
        constraints = [
            models.UniqueConstraint(fields=["unit", "day"], name="encountertotal_one_per_unit_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.day:%Y-%m-%d}: {self.total}"


class ExportSettings(models.Model):
    """Organisation-wide export policy, changed by admins in the admin (one row)."""

    include_worker_identity = models.BooleanField(
        _("include the worker's user name in note exports"),
        default=False,
        help_text=_("Off by default: exports show what clients said, not who wrote it down."),
    )

    class Meta:
        verbose_name = _("export settings")
        verbose_name_plural = _("export settings")

    def __str__(self) -> str:
        return str(_("Export settings"))

    @classmethod
    def current(cls) -> "ExportSettings":
        return cls.objects.order_by("pk").first() or cls()


class ExportLog(models.Model):
    """Every export of figures or notes: who, what, with which filters, how many rows."""

    class What(models.TextChoices):
        FIGURES = "figures", _("figures")
        NOTES = "notes", _("notes")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("user name"), max_length=150)
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.JSONField(_("filters"), default=dict)
    unit_ids = models.JSONField(_("units"), default=list)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("export log")

    def __str__(self) -> str:
        return f"{self.username} {self.what} {self.file_format} {self.created_at:%Y-%m-%d %H:%M}"
