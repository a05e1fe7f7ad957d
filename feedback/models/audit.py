"""The audit log of staff reading what clients said."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
