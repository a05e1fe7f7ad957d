"""Notes: what a client said, captured by a worker during an encounter, and its timeline.

A note keeps the client's words and the worker's own observation in separate fields, so
that the two views are never mixed. It holds no client identity: the only link back to
the client is the receipt code they carry away, stored here only as an HMAC.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class NoteLanguage(models.TextChoices):
    """The language the client spoke: it picks the opener and the analyser for their words."""

    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class PrivacyFlag(models.TextChoices):
    """What the privacy guard found in a text. The matched text itself is never kept."""

    PHONE = "phone", _("phone number")
    EMAIL = "email", _("e-mail address")
    ADDRESS = "address", _("street address")
    NAME = "name", _("word that looks like a name")
    IDENTITY_CODE_TYPO = "identity_code_typo", _("identity code with a wrong check character")


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
    language = models.CharField(
        _("client's language"), max_length=2, choices=NoteLanguage.choices, default=NoteLanguage.FI
    )
    may_publish = models.BooleanField(
        _("may be shown anonymously in “you said, we did”"), default=False
    )
    # HMAC of the normalised receipt code (see feedback.notes.receipts); null when the client
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


class StatusSubscription(TimeStampedModel):
    """A client's wish to be told by e-mail when their note's status changes.

    Kept apart from the note so that the address never travels with it: no staff page,
    export or admin view shows this model. Deleted when the loop closes (a final status
    has been sent) or after RECEIPT_SUBSCRIPTION_MAX_DAYS at the latest.
    """

    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, related_name="+", verbose_name=_("note")
    )
    # Encrypted and digested by feedback.privacy.addresses; never stored in the clear.
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
