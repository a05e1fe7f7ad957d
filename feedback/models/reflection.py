"""The team's monthly reflection: what it looked at together, decided and noticed.

One record per unit (or per team within it) and month. Decisions become follow-up actions
or notes on an insight; the record stays as the team's history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from encounters.models import Team, Unit
from kumppanuus.lib.models import TimeStampedModel

from .actions import Action
from .insights import Insight

REFLECTION_TEXT_MAX_LENGTH = 2000
DECISION_TEXT_MAX_LENGTH = 1000


class Reflection(TimeStampedModel):
    """A team's monthly meeting on its experiential knowledge ("kehittämispalaveri")."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reflections", verbose_name=_("unit")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name=_("team"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    noticed_about_asking = models.TextField(
        _("what we noticed about asking"), max_length=REFLECTION_TEXT_MAX_LENGTH, blank=True
    )
    follow_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who follows up"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-month", "unit__name"]
        verbose_name = _("team reflection")
        verbose_name_plural = _("team reflections")
        constraints = [
            # One meeting record per unit and month, and per team and month.
            models.UniqueConstraint(
                fields=["unit", "month"],
                condition=models.Q(team__isnull=True),
                name="reflection_one_per_unit_month",
            ),
            models.UniqueConstraint(
                fields=["unit", "team", "month"],
                condition=models.Q(team__isnull=False),
                name="reflection_one_per_team_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%m/%Y}"

    def clean(self) -> None:
        """Why: the month is a key; any other day would make a second record of it."""
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("Give the first day of the month.")})


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("a decision")
    ACTION = "action", _("an action on an insight")
    INSIGHT_NOTE = "insight_note", _("a note on an insight")


class ReflectionDecision(models.Model):
    """One thing the team decided; an action or an insight it is about, when it has one."""

    reflection = models.ForeignKey(
        Reflection,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("team reflection"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    text = models.TextField(_("what we decided"), max_length=DECISION_TEXT_MAX_LENGTH)
    insight = models.ForeignKey(
        Insight,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflection_decisions",
        verbose_name=_("insight"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reflection_decisions",
        verbose_name=_("action"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="action") | models.Q(action__isnull=False),
                name="decision_action_has_action",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="insight_note") | models.Q(insight__isnull=False),
                name="decision_note_has_insight",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
