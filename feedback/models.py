"""Client experience notes captured by a worker during an encounter.

A note keeps the client's words and the worker's own observation in separate fields, so
that the two views are never mixed. It holds no client identity: the only link back to
the client is the receipt code they carry away, stored here only as an HMAC.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from encounters.models import Encounter, Unit
from kumppanuus.lib.models import TimeStampedModel, TranslatedNameMixin

CLIENT_TEXT_MAX_LENGTH = 1000
OBSERVATION_MAX_LENGTH = 1000


class Theme(TranslatedNameMixin, TimeStampedModel):
    """A managed theme a worker may tag a note with (booking and access, waiting...)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class NoteKind(models.TextChoices):
    IDEA = "idea", _("idea")
    GOOD = "good_experience", _("good experience")
    BAD = "bad_experience", _("bad experience")
    PROBLEM = "problem", _("problem")
    THANKS = "thanks", _("thanks")


class NoteStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    UNDER_REVIEW = "under_review", _("under review")
    ACTION_PLANNED = "action_planned", _("action planned")
    DONE = "done", _("done")
    NOT_POSSIBLE = "not_possible", _("not possible now")
    WITHDRAWN = "withdrawn", _("withdrawn by the client")


# Each status as the client reads it on the receipt page and in e-mails (plain language).
STATUS_FOR_CLIENT = {
    NoteStatus.RECEIVED: _("We received your feedback."),
    NoteStatus.UNDER_REVIEW: _("We are looking at your feedback together with similar feedback."),
    NoteStatus.ACTION_PLANNED: _("We have decided to make a change. The work is planned."),
    NoteStatus.DONE: _("We made a change because of this feedback."),
    NoteStatus.NOT_POSSIBLE: _("We cannot change this now. We tell you why."),
    NoteStatus.WITHDRAWN: _("You withdrew your feedback."),
}

# Statuses after which nothing more will happen to a note: the loop is closed.
CLOSED_STATUSES = frozenset({NoteStatus.DONE, NoteStatus.NOT_POSSIBLE, NoteStatus.WITHDRAWN})


class PrivacyFlag(models.TextChoices):
    """What the privacy guard found in a text. The matched text itself is never kept."""

    PHONE = "phone", _("phone number")
    EMAIL = "email", _("e-mail address")
    ADDRESS = "address", _("street address")
    NAME = "name", _("word that looks like a name")


class Note(TimeStampedModel):
    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="notes", verbose_name=_("encounter")
    )
    # Every index on a note is written again when the grouping job places it (a placement
    # changes indexed columns), so notes carry only the indexes a page or job needs. The
    # inherited one on created_at serves the dashboard's oldest unused notes across units.
    # The encounter's unit, kept on the note because every page scopes notes by unit.
    # Unit and author have no single-column indexes: note_unit_time_counts and
    # note_author_recent lead with them and serve their lookups.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("unit"),
        db_index=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("recorded by"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="notes", verbose_name=_("themes")
    )
    client_text = models.TextField(_("client's words"), max_length=CLIENT_TEXT_MAX_LENGTH)
    worker_observation = models.TextField(
        _("worker's own observation"), max_length=OBSERVATION_MAX_LENGTH, blank=True
    )
    may_publish = models.BooleanField(
        _("may be shown anonymously in “you said, we did”"), default=False
    )
    # HMAC of the normalised receipt code (see feedback.receipts); null when the client
    # did not want to follow the note. Unique through note_receipt_hash_unique.
    receipt_hash = models.CharField(
        _("receipt code hash"), max_length=64, null=True, blank=True, editable=False
    )
    privacy_flags = models.JSONField(_("privacy flags"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NoteStatus.choices, default=NoteStatus.RECEIVED
    )
    # Set when the retention job erased the client's words and the observation; the note
    # keeps counting in statistics, insights and actions.
    text_erased_at = models.DateTimeField(_("text erased"), null=True, blank=True, editable=False)
    # Set when the client withdrew the note with their receipt code: its texts are erased,
    # the receipt no longer answers, and it leaves every insight and count.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    # note_insight_time leads with the insight and serves its lookups.
    insight = models.ForeignKey(
        "Insight",
        on_delete=models.PROTECT,
        related_name="notes",
        null=True,
        blank=True,
        verbose_name=_("insight"),
        db_index=False,
    )
    # A manager put this note where it is (move, split, merge): the grouping job never moves
    # it, and it is an example new notes are matched against.
    placed_by_manager = models.BooleanField(_("placed by a manager"), default=False)
    # The outbox: null until the grouping job has processed the note.
    aggregated_at = models.DateTimeField(_("grouped"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [
            # "Omat kirjaukset": a worker's own notes, newest first.
            models.Index(fields=["author", "-created_at"], name="note_author_recent"),
            # The grouping job's claim of unprocessed notes; small because processed rows
            # drop out of it.
            models.Index(
                fields=["id"],
                name="note_unaggregated",
                condition=models.Q(aggregated_at__isnull=True),
            ),
            # Curated examples, loaded at the start of every grouping run.
            models.Index(
                fields=["insight"],
                name="note_placed_by_manager",
                condition=models.Q(placed_by_manager=True),
            ),
            # A unit's notes by time (newest first is the same index read backwards). The
            # managers' dashboard: participation and the loop's outcome share count the
            # notes of the period per unit from the index alone (PostgreSQL).
            models.Index(
                fields=["unit", "created_at"],
                include=["author", "status", "withdrawn_at"],
                name="note_unit_time_counts",
            ),
            # The dashboard's unused knowledge subtracts, from all old notes, the answered
            # ones (a small partial index; the statuses must stay reports.selectors.ANSWERED)
            # and the unanswered ones in reviewed insights, read from the insight's index.
            models.Index(
                fields=["unit", "created_at"],
                name="note_answered_unit_time",
                condition=models.Q(
                    status__in=[NoteStatus.ACTION_PLANNED, NoteStatus.DONE, NoteStatus.NOT_POSSIBLE]
                ),
            ),
            # An insight's notes by time (the workspace, recounts), and from the index alone
            # the dashboard's notes in reviewed insights.
            models.Index(
                fields=["insight", "created_at"],
                include=["unit", "status"],
                name="note_insight_time",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(client_text="")
                | models.Q(text_erased_at__isnull=False)
                | models.Q(withdrawn_at__isnull=False),
                name="note_client_text_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | models.Q(receipt_hash__isnull=True),
                name="note_withdrawn_has_no_receipt",
            ),
            # A constraint rather than unique=True, which on PostgreSQL also builds a
            # second (LIKE) index that no query uses. The receipt lookup matches exactly.
            # Partial: most notes have no receipt, and the index need not hold them.
            models.UniqueConstraint(
                fields=["receipt_hash"],
                condition=models.Q(receipt_hash__isnull=False),
                name="note_receipt_hash_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} ({self.unit})"

    @property
    def has_receipt(self) -> bool:
        """Whether the client took a receipt code to follow what happens to this note."""
        return bool(self.receipt_hash)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def privacy_flag_labels(self) -> list[str]:
        """What the privacy guard found and the worker confirmed, in words."""
        return [str(PrivacyFlag(flag).label) for flag in self.privacy_flags if flag in PrivacyFlag]


class NoteEvent(models.Model):
    """One step of a note's status timeline; the client's receipt page shows these."""

    # noteevent_note_time leads with the note and serves its lookups.
    note = models.ForeignKey(
        Note,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("note"),
        db_index=False,
    )
    status = models.CharField(_("status"), max_length=20, choices=NoteStatus.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("note event")
        verbose_name_plural = _("note events")
        indexes = [models.Index(fields=["note", "created_at"], name="noteevent_note_time")]

    def __str__(self) -> str:
        return f"{self.note_id} {self.status} {self.created_at:%Y-%m-%d}"


class NoteAccess(models.Model):
    """Append-only record of staff reading what clients said (the audit log).

    One row per page view or export: who, which units, which notes (or only a count for
    exports), why and when. Admins can search it; nobody can change it in the UI, and a
    scheduled job removes rows older than AUDIT_RETENTION_DAYS.
    """

    class Purpose(models.TextChoices):
        OWN_LIST = "own_list", _("own notes list")
        UNIT_LIST = "unit_list", _("unit's notes list")
        DETAIL = "detail", _("note detail")
        WORKSPACE = "workspace", _("insight workspace")
        EXPORT = "export", _("export")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as written at the time, so the record survives the user's removal.
    username = models.CharField(_("user name"), max_length=150)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    unit_ids = models.JSONField(_("units"), default=list)
    note_ids = models.JSONField(_("notes"), default=list)
    note_count = models.PositiveIntegerField(_("number of notes"), default=0)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note access")
        verbose_name_plural = _("note access log")
        indexes = [
            # Admin search by time, and the retention job's range delete.
            models.Index(fields=["created_at"], name="noteaccess_time"),
            # "What did this user read?"
            models.Index(fields=["username", "-created_at"], name="noteaccess_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.get_purpose_display()} {self.created_at:%Y-%m-%d %H:%M}"


class StatusSubscription(TimeStampedModel):
    """A client's wish to be told by e-mail when their note's status changes.

    Kept apart from the note so that the address never travels with it: no staff page,
    export or admin view shows this model. Deleted when the loop closes (a final status
    has been sent) or after RECEIPT_SUBSCRIPTION_MAX_DAYS at the latest.
    """

    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, related_name="+", verbose_name=_("note")
    )
    # Encrypted and digested by feedback.addresses; never stored in the clear.
    email_encrypted = models.TextField(_("e-mail address (encrypted)"), editable=False)
    email_digest = models.CharField(_("e-mail address digest"), max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=8)
    # The status the client was last told about; the sweep mails when the note's differs.
    notified_status = models.CharField(
        _("status last sent"), max_length=20, choices=NoteStatus.choices
    )

    class Meta:
        verbose_name = _("status subscription")
        verbose_name_plural = _("status subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["note", "email_digest"], name="subscription_one_per_address"
            ),
        ]

    def __str__(self) -> str:
        return f"subscription #{self.pk} note {self.note_id}"

    @property
    def email(self) -> str:
        """The address, decrypted: only the status e-mail uses it."""
        from .addresses import email_decrypt

        return email_decrypt(self.email_encrypted)


class Concept(TranslatedNameMixin, TimeStampedModel):
    """A service matter the grouping recognises (phone access, parking...).

    Seeded from feedback/grouping/lexicon_seed.py; admins add terms and matters in the admin.
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


class Insight(TimeStampedModel):
    """Notes about one matter, in one unit or across the units of a service area.

    The grouping job creates insights and adds notes; a manager curates them (merge, split,
    move, rename, lock) and writes the public summary. Nothing is published automatically.
    """

    # The grouping key ("a<area>:c:<matter>" or "a<area>:t:<digest>") the job files notes
    # under; null for insights a manager made by splitting.
    key = models.CharField(_("grouping key"), max_length=80, unique=True, null=True, blank=True)
    service_area = models.ForeignKey(
        "encounters.ServiceArea",
        on_delete=models.PROTECT,
        related_name="insights",
        verbose_name=_("service area"),
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
        _("scope"), max_length=8, choices=InsightScope.choices, default=InsightScope.UNIT
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
    service_area = models.ForeignKey(
        "encounters.ServiceArea",
        on_delete=models.PROTECT,
        related_name="actions",
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
