"""Insights: notes about one matter gathered together, and the matters grouping knows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from encounters.models import Unit
from kumppanuus.lib.models import TimeStampedModel, TranslatedNameMixin


class Concept(TranslatedNameMixin, TimeStampedModel):
    """A service matter the grouping recognises (phone access, parking...).

    Seeded from feedback/insights/grouping/lexicon_seed.py; admins add terms and matters in
    the admin.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")


class ConceptTerm(models.Model):
    """A Finnish or Swedish word or phrase (base forms, or a safe stem) that signals a matter.

    Several words in one term match when all of them are present in a note. A negative
    term argues against the matter and keeps near-miss matters apart.
    """

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="terms", verbose_name=_("concept")
    )
    term = models.CharField(_("term"), max_length=120)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    weight = models.FloatField(_("weight"), default=1.0)
    is_negative = models.BooleanField(_("speaks against the matter"), default=False)

    class Meta:
        ordering = ["concept", "is_negative", "term"]
        verbose_name = _("concept term")
        verbose_name_plural = _("concept terms")
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "term", "language", "is_negative"],
                name="conceptterm_unique_per_concept",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0) & models.Q(weight__lte=10),
                name="conceptterm_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term}:{self.weight:g}"


class InsightStatus(models.TextChoices):
    NEW = "new", _("new")
    UNDER_REVIEW = "under_review", _("under review")
    ACTION_PLANNED = "action_planned", _("action planned")
    DONE = "done", _("done")
    NOT_POSSIBLE = "not_possible", _("not possible now")


class InsightScope(models.TextChoices):
    UNIT = "unit", _("unit")
    AREA = "area", _("service area")
    ORGANISATION = "organisation", _("organisation")


class Insight(TimeStampedModel):
    """Notes about one matter, in one unit or across the units of a service area.

    The grouping job creates insights and adds notes; a manager curates them (merge, split,
    move, rename, lock) and writes the public summary. Nothing is published automatically.
    """

    # The grouping key ("a<area>:c:<matter>" or "a<area>:t:<digest>") the job files notes
    # under; null for insights a manager made by splitting.
    key = models.CharField(_("grouping key"), max_length=80, unique=True, null=True, blank=True)
    # Null only for an organisation-wide insight, which spans service areas.
    service_area = models.ForeignKey(
        "encounters.ServiceArea",
        on_delete=models.PROTECT,
        related_name="insights",
        null=True,
        blank=True,
        verbose_name=_("service area"),
    )
    # An area or unit insight that is one service area's part of an organisation-wide matter:
    # its area's managers keep curating and acting on it; the organisation insight holds the
    # whole and its organisation-wide action.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="parts",
        null=True,
        blank=True,
        verbose_name=_("organisation-wide insight"),
    )
    # An organisation admin linked or unlinked this part by hand: the grouping job keeps
    # `parent` as it is (linked or, when null, deliberately apart).
    parent_set_by_manager = models.BooleanField(
        _("organisation-wide link set by an admin"), default=False
    )
    # Set when every note of the insight comes from one unit.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="insights",
        null=True,
        blank=True,
        verbose_name=_("unit"),
    )
    scope = models.CharField(
        _("scope"), max_length=12, choices=InsightScope.choices, default=InsightScope.UNIT
    )
    concept = models.ForeignKey(
        Concept,
        on_delete=models.PROTECT,
        related_name="insights",
        null=True,
        blank=True,
        verbose_name=_("matter"),
    )
    title = models.CharField(_("title"), max_length=200)
    title_edited = models.BooleanField(_("title written by a manager"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=InsightStatus.choices, default=InsightStatus.NEW
    )
    locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("The grouping job adds no notes to a locked insight and moves none out."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="merged_from",
        null=True,
        blank=True,
        verbose_name=_("merged into"),
    )
    summary_fi = models.TextField(_("public summary (Finnish)"), blank=True)
    summary_sv = models.TextField(_("public summary (Swedish)"), blank=True)
    summary_en = models.TextField(_("public summary (English)"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("reviewed by"),
    )
    # Denormalised statistics, recomputed whenever the insight's notes change.
    note_count = models.PositiveIntegerField(_("notes"), default=0)
    kinds = models.JSONField(_("kinds"), default=dict, blank=True)
    themes = models.JSONField(_("themes"), default=dict, blank=True)
    channels = models.JSONField(_("channels"), default=dict, blank=True)
    first_note_at = models.DateTimeField(_("first note"), null=True, blank=True)
    last_note_at = models.DateTimeField(_("latest note"), null=True, blank=True)
    recent_count = models.PositiveIntegerField(_("notes in the last 30 days"), default=0)
    previous_count = models.PositiveIntegerField(_("notes in the 30 days before"), default=0)

    class Meta:
        ordering = ["-last_note_at", "-id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        indexes = [
            # The workspace: a service area's open insights, latest activity first.
            models.Index(fields=["service_area", "-last_note_at"], name="insight_area_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="unit") | models.Q(unit__isnull=False),
                name="insight_unit_scope_has_unit",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="organisation", service_area__isnull=True)
                    | (~models.Q(scope="organisation") & models.Q(service_area__isnull=False))
                ),
                name="insight_organisation_scope_has_no_area",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def trend(self) -> int:
        """Notes in the last 30 days minus the 30 days before: positive means growing."""
        return self.recent_count - self.previous_count

    @property
    def public_summary(self) -> str:
        """The summary in the active language, falling back to the required Finnish one."""
        language = (get_language() or "fi")[:2]
        return getattr(self, f"summary_{language}", "") or self.summary_fi

    def accepts_automatic_notes(self) -> bool:
        """Why: a locked or merged insight is the manager's decision; the job respects it."""
        return self.takes_automatic_notes(locked=self.locked, merged_into_id=self.merged_into_id)

    @staticmethod
    def takes_automatic_notes(*, locked: bool, merged_into_id: int | None) -> bool:
        """The same rule on plain values, for the grouping job's value rows."""
        return not locked and merged_into_id is None


class SuggestionReason(models.TextChoices):
    SHARED_WORDS = "shared_words", _("shared words")
    CURATED_EXAMPLES = "curated_examples", _("like the notes a manager placed there")


class SuggestionState(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Suggestion(models.Model):
    """The grouping job's guess that a note it was not sure about belongs to an insight.

    A manager accepts it (the note moves there as a manager's placement) or rejects it (the
    job never suggests the pair again, and learns from it).
    """

    note = models.ForeignKey(
        "Note", on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("note")
    )
    insight = models.ForeignKey(
        Insight, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("insight")
    )
    score = models.FloatField(_("confidence"))
    reason = models.CharField(_("reason"), max_length=20, choices=SuggestionReason.choices)
    # The lemmas the note shares with the insight, shown to the manager as the reason.
    shared_terms = models.JSONField(_("shared words"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["insight", "state"], name="suggestion_insight_state")]
        constraints = [
            models.UniqueConstraint(fields=["note", "insight"], name="suggestion_note_insight"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="suggestion_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.note_id} → {self.insight_id} ({self.score:.2f})"


class InsightVisit(models.Model):
    """When a manager last opened the workspace, for the "new since your last visit" marker."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insight_visit"
    )
    seen_at = models.DateTimeField(_("last visit"))

    class Meta:
        verbose_name = _("insight workspace visit")
        verbose_name_plural = _("insight workspace visits")

    def __str__(self) -> str:
        return f"{self.user_id} {self.seen_at:%Y-%m-%d %H:%M}"
