"""Reads about notes that feed the workers' pages and the receipt page."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from encounters.selectors import unit_ids_for_user
from feedback.models import Insight, Note, NoteStatus, Theme

from .receipts import receipt_code_hash, receipt_code_normalise


def note_list_for_author(*, user: AbstractBaseUser) -> QuerySet[Note]:
    """The worker's own notes, newest first ("Omat kirjaukset")."""
    return (
        Note.objects.filter(author=user)
        .select_related("unit", "encounter")
        .prefetch_related("themes")
        .order_by("-created_at", "-id")
    )


def note_list_for_unit(*, unit_id: int) -> QuerySet[Note]:
    return (
        Note.objects.filter(unit_id=unit_id)
        .select_related("unit", "encounter")
        .prefetch_related("themes")
        .order_by("-created_at", "-id")
    )


def note_visible_to_user(*, user: AbstractBaseUser) -> QuerySet[Note]:
    """Notes of the units the user is a member of, plus the user's own notes."""
    return Note.objects.filter(
        Q(unit_id__in=unit_ids_for_user(user=user)) | Q(author=user)
    ).select_related("unit", "unit__service_area", "encounter", "author")


def theme_list_active() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True).order_by("position", "name")


# Hashed in place of a code that cannot be one. It holds letters outside the code
# alphabet, so its hash never matches a stored receipt.
_MALFORMED_STAND_IN = "MALFORMED!"


def note_find_by_receipt(*, raw_code: str) -> Note | None:
    """The note a typed or scanned receipt code belongs to, or None.

    Unknown, withdrawn and malformed codes all cost one HMAC and one lookup on the unique
    index, so that neither the answer nor its timing tells them apart. A withdrawn note has
    no receipt hash any more, so its code is simply unknown.
    """
    code = receipt_code_normalise(raw_code) if isinstance(raw_code, str) else None
    digest = receipt_code_hash(code or _MALFORMED_STAND_IN)
    return (
        Note.objects.filter(receipt_hash=digest, withdrawn_at__isnull=True)
        .select_related("unit", "unit__service_area")
        .first()
    )


def note_similar_count(*, note: Note) -> int:
    """How many other clients said something similar: the rest of the note's insight."""
    if not note.insight_id:
        return 0
    count = Insight.objects.filter(pk=note.insight_id).values_list("note_count", flat=True).first()
    return max((count or 0) - 1, 0)


def note_count_led_to_change(*, user: AbstractBaseUser) -> int:
    """ "N of your notes led to a change": the worker's notes whose action was done."""
    return Note.objects.filter(author=user, status=NoteStatus.DONE).count()
