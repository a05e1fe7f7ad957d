"""Figures the managers' reports are built from."""

from django.conf import settings
from django.db import models
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
