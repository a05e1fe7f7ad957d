"""Aggregate tables the dashboards read instead of raw notes, and the runs that fill them."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import Unit
from kumppanuus.lib.models import TimeStampedModel


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


ALL_THEMES = ""  # the theme value of a row that counts every note whatever its themes
NO_NOTE = ""  # the kind value of a row that counts encounters, not notes


class WeeklyUnitStat(models.Model):
    """Counts for one unit × ISO week × kind × theme × channel.

    Rows with kind "" count encounters (asked, nothing to add) per channel; rows with a kind
    count notes, once under theme "" (all notes) and once under each theme they carry.
    Recomputed, never incremented, for every week a run touches.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="weekly_stats", verbose_name=_("unit")
    )
    week_start = models.DateField(_("week (Monday)"))
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    theme = models.CharField(_("theme"), max_length=80, blank=True)
    channel = models.CharField(_("channel"), max_length=16)
    notes = models.PositiveIntegerField(_("notes"), default=0)
    encounters_asked = models.PositiveIntegerField(_("encounters asked"), default=0)
    nothing_to_add = models.PositiveIntegerField(_("nothing to add"), default=0)

    class Meta:
        ordering = ["unit", "week_start", "kind", "theme", "channel"]
        verbose_name = _("weekly unit statistic")
        verbose_name_plural = _("weekly unit statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "week_start", "kind", "theme", "channel"],
                name="weeklyunitstat_one_row_per_cell",
            )
        ]
        indexes = [
            # Recomputing the touched weeks deletes by week.
            models.Index(fields=["week_start", "unit"], name="weeklyunitstat_week_unit"),
            # The dashboard's weekly figures read the all-themes rows from the index alone
            # (PostgreSQL), and the notes by theme the theme rows.
            models.Index(
                fields=["unit", "week_start"],
                include=["kind", "channel", "notes", "encounters_asked", "nothing_to_add"],
                condition=models.Q(theme=ALL_THEMES),
                name="weeklyunitstat_all_themes",
            ),
            models.Index(
                fields=["unit", "week_start"],
                include=["theme", "kind", "channel", "notes"],
                condition=~models.Q(theme=ALL_THEMES),
                name="weeklyunitstat_by_theme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.iso_year}-W{self.iso_week:02d} {self.kind} {self.channel}"


class AggregationRun(models.Model):
    """One run of the aggregation job: "data last updated" on the dashboards."""

    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    full = models.BooleanField(_("full rebuild"), default=False)
    notes_grouped = models.PositiveIntegerField(_("notes grouped"), default=0)
    encounters_counted = models.PositiveIntegerField(_("encounters counted"), default=0)
    weeks_recomputed = models.PositiveIntegerField(_("weeks recomputed"), default=0)
    # Set on a run that never finished and can no longer be running (abandon_stale()).
    abandoned_at = models.DateTimeField(_("abandoned"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("aggregation run")
        verbose_name_plural = _("aggregation runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {'full' if self.full else 'incremental'}"

    @classmethod
    def abandon_stale(cls, *, now: datetime | None = None) -> int:
        """Mark as abandoned the runs left "running" by a worker that died mid-run.

        A killed worker (SIGKILL, out of memory, a lost machine) never writes finished_at,
        so its run would look as if it were still going, for ever. A task run cannot last
        beyond Celery's hard time limit, so one started longer ago than that and
        AGGREGATION_RUN_ABANDONED_AFTER_SECONDS is gone. Only abandoned_at is written: should
        a long command-line rebuild still be alive after all, its finish is still recorded
        and counts as the last update. Call at the start of each run; returns the count.
        """
        now = now or timezone.now()
        cutoff = now - timedelta(seconds=settings.AGGREGATION_RUN_ABANDONED_AFTER_SECONDS)
        return cls.objects.filter(
            finished_at__isnull=True, abandoned_at__isnull=True, started_at__lt=cutoff
        ).update(abandoned_at=now)


class AggregationLock(models.Model):
    """A single row every run locks (SELECT ... FOR UPDATE) while it writes.

    Runs are short batches; serialising their writes is what guarantees that two runs at
    the same time never count a note or an encounter twice.
    """

    name = models.CharField(max_length=40, unique=True)
    # The day insights' 30-day trends were last recounted (see insights_trend_refresh).
    trends_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aggregation lock")
        verbose_name_plural = _("aggregation locks")

    def __str__(self) -> str:
        return self.name


class UnusedKnowledgeCheck(models.Model):
    """The weekly count of a manager's unused notes; a reminder goes out when it grows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    unused_count = models.PositiveIntegerField(_("unused notes"))
    reminded = models.BooleanField(_("reminder sent"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("unused knowledge check")
        verbose_name_plural = _("unused knowledge checks")
        indexes = [models.Index(fields=["user", "-created_at"], name="unusedcheck_user_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.unused_count} {self.created_at:%Y-%m-%d}"


class UnitNoteMonth(models.Model):
    """All notes of a unit created in one calendar month (Europe/Helsinki), whatever their
    status: the closed past the dashboard's unused-knowledge count adds up instead of
    counting a million notes. Notes are never deleted and keep their unit and creation
    time, so a closed month's figure stays exact; reports.rollups recomputes them.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="note_months", verbose_name=_("unit")
    )
    month = models.DateField(_("month (first day)"))
    notes = models.PositiveIntegerField(_("notes"), default=0)
    # The highest note id the roll-up had seen (the same on every row): a note with a higher
    # id in a closed month was inserted back-dated afterwards (a seeding, an import), and
    # the roll-up is recomputed (reports.rollups.note_months_refresh).
    through_note_id = models.BigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["unit", "month"]
        verbose_name = _("notes of a unit in a month")
        verbose_name_plural = _("notes of units by month")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="unitnotemonth_one_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%Y-%m}: {self.notes}"
