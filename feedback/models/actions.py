"""Actions: what managers decide to do about insights, and what the public pages show."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from encounters.models import Unit
from kumppanuus.lib.models import TimeStampedModel

from .insights import Insight


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    NOT_POSSIBLE = "not_possible", _("not possible now")


class ConstraintCategory(models.TextChoices):
    """Why a change is not possible now; shown to the public with the justification."""

    LAW = "law", _("law or regulation")
    MONEY = "money", _("money")
    STAFF = "staff", _("staff")
    OTHER_ORGANISATION = "other_organisation", _("another organisation decides")
    SAFETY = "safety", _("safety")
    OTHER = "other", _("other reason")


# An action done within this many days of its first note is a "quick change".
QUICK_CHANGE_DAYS = 30


def _translated(obj, field: str) -> str:
    """The field in the active language, falling back to the required Finnish one."""
    return getattr(obj, f"{field}_{_language_of(obj, field)}")


def _language_of(obj, field: str) -> str:
    """The language the field is shown in: the active one, or Finnish as the fallback.

    Pages mark a fallback with lang="fi", so that screen readers pronounce it right.
    """
    language = (get_language() or "fi")[:2]
    return language if getattr(obj, f"{field}_{language}", "") else "fi"


class Action(TimeStampedModel):
    """A follow-up action (toimenpide) a manager decides on from one or more insights.

    Its public texts are what the "you said, we did" pages show once a manager publishes
    it; nothing here reaches the public before that.
    """

    insights = models.ManyToManyField(Insight, related_name="actions", verbose_name=_("insights"))
    # Empty for an organisation-wide action, which answers an organisation-wide insight.
    service_area = models.ForeignKey(
        "encounters.ServiceArea",
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("service area"),
    )
    # The unit the action is for; empty when it concerns the whole service area.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    text_fi = models.TextField(_("what we do (Finnish)"), max_length=2000)
    text_sv = models.TextField(_("what we do (Swedish)"), max_length=2000, blank=True)
    text_en = models.TextField(_("what we do (English)"), max_length=2000, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_actions",
        verbose_name=_("responsible person"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    constraint_category = models.CharField(
        _("reason category"), max_length=20, choices=ConstraintCategory.choices, blank=True
    )
    justification_fi = models.TextField(_("why not (Finnish)"), max_length=2000, blank=True)
    justification_sv = models.TextField(_("why not (Swedish)"), max_length=2000, blank=True)
    justification_en = models.TextField(_("why not (English)"), max_length=2000, blank=True)
    instead_fi = models.TextField(_("what we do instead (Finnish)"), max_length=2000, blank=True)
    instead_sv = models.TextField(_("what we do instead (Swedish)"), max_length=2000, blank=True)
    instead_en = models.TextField(_("what we do instead (English)"), max_length=2000, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    quick_change = models.BooleanField(_("quick change"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            # The public pages: published actions, latest first.
            models.Index(fields=["-published_at"], name="action_published_recent"),
            # The manager's overdue list.
            models.Index(fields=["status", "due_date"], name="action_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="not_possible")
                | (
                    ~models.Q(constraint_category="")
                    & ~models.Q(justification_fi="")
                    & ~models.Q(instead_fi="")
                ),
                name="action_not_possible_is_explained",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True) | models.Q(service_area__isnull=False),
                name="action_unit_has_area",
            ),
        ]

    def __str__(self) -> str:
        return self.title_fi

    @property
    def title(self) -> str:
        return _translated(self, "title")

    @property
    def text(self) -> str:
        return _translated(self, "text")

    @property
    def justification(self) -> str:
        return _translated(self, "justification")

    @property
    def instead(self) -> str:
        return _translated(self, "instead")

    @property
    def title_language(self) -> str:
        return _language_of(self, "title")

    @property
    def text_language(self) -> str:
        return _language_of(self, "text")

    @property
    def justification_language(self) -> str:
        return _language_of(self, "justification")

    @property
    def instead_language(self) -> str:
        return _language_of(self, "instead")

    @property
    def is_organisation_wide(self) -> bool:
        """Why: an action without a service area answers an organisation-wide insight and
        shows on the public pages of every area the insight reaches."""
        return self.service_area_id is None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_overdue(self, today) -> bool:
        """Why: only open actions can be late; done or explained ones have been answered."""
        return self.status in {ActionStatus.PLANNED, ActionStatus.IN_PROGRESS} and (
            self.due_date < today
        )


class ActionEvent(models.Model):
    """One step of an action's timeline: a status change, a publish or an unpublish."""

    class Kind(models.TextChoices):
        STATUS = "status", _("status changed")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="events", verbose_name=_("action")
    )
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("action event")
        verbose_name_plural = _("action events")
        indexes = [models.Index(fields=["action", "created_at"], name="actionevent_action_time")]

    def __str__(self) -> str:
        return f"{self.action_id} {self.kind} {self.status}"
