"""Client experience notes captured by a worker during an encounter.

A note keeps the client's words and the worker's own observation in separate fields, so
that the two views are never mixed. It holds no client identity: the only link back to
the client is the receipt code they carry away, stored here only as an HMAC.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encounters.models import Encounter, TimeStampedModel, TranslatedNameMixin, Unit

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


class PrivacyFlag(models.TextChoices):
    """What the privacy guard found in a text. The matched text itself is never kept."""

    PHONE = "phone", _("phone number")
    EMAIL = "email", _("e-mail address")
    ADDRESS = "address", _("street address")


class Note(TimeStampedModel):
    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="notes", verbose_name=_("encounter")
    )
    # The encounter's unit, kept on the note because every page scopes notes by unit.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="notes", verbose_name=_("unit")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("recorded by"),
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
    # did not want to follow the note.
    receipt_hash = models.CharField(
        _("receipt code hash"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    privacy_flags = models.JSONField(_("privacy flags"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NoteStatus.choices, default=NoteStatus.RECEIVED
    )
    # Set when the retention job erased the client's words and the observation; the note
    # keeps counting in statistics, insights and actions.
    text_erased_at = models.DateTimeField(_("text erased"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [
            # "Omat kirjaukset": a worker's own notes, newest first.
            models.Index(fields=["author", "-created_at"], name="note_author_recent"),
            # A unit's notes, newest first.
            models.Index(fields=["unit", "-created_at"], name="note_unit_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(client_text="") | models.Q(text_erased_at__isnull=False),
                name="note_client_text_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} ({self.unit})"

    @property
    def has_receipt(self) -> bool:
        """Whether the client took a receipt code to follow what happens to this note."""
        return bool(self.receipt_hash)

    @property
    def privacy_flag_labels(self) -> list[str]:
        """What the privacy guard found and the worker confirmed, in words."""
        return [str(PrivacyFlag(flag).label) for flag in self.privacy_flags if flag in PrivacyFlag]


class NoteEvent(models.Model):
    """One step of a note's status timeline; the client's receipt page shows these."""

    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, related_name="events", verbose_name=_("note")
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
