"""Reads about notes that feed the workers' pages and the receipt page."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from encounters.models import Membership
from encounters.selectors import unit_ids_for_user
from feedback.models import Insight, Note, NoteEvent, NoteStatus, Reflection, Theme
from kumppanuus.lib.queries import rows_fetch

from .receipts import receipt_code_hash, receipt_code_normalise

# At most this many meetings' decisions on the worker's own page.
REFLECTIONS_SHOWN = 3


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


def theme_list_active_chosen(*, ids: Iterable[int]) -> list[Theme]:
    """The active themes among the ids, in one read compiled once (the capture's choice)."""
    return rows_fetch(_themes_active_of, *ids)


def _themes_active_of(*ids: int) -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True, pk__in=ids).order_by()  # a set: no ORDER BY


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


def note_count_led_to_change_this_month(*, user: AbstractBaseUser) -> int:
    """ "N of your notes led to a change this month": the worker's notes whose action was
    done, with the change made since the first of the month."""
    month = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return Note.objects.filter(
        Exists(
            NoteEvent.objects.filter(
                note=OuterRef("pk"), status=NoteStatus.DONE, created_at__gte=month
            )
        ),
        author=user,
        status=NoteStatus.DONE,
    ).count()


def reflection_latest_for_member(*, user: AbstractBaseUser) -> list[Reflection]:
    """The latest monthly meeting of each of the user's units (and of their own team),
    with its decisions, for "what the team decided" on the worker's own page."""
    memberships = Membership.objects.filter(user=user, unit__is_active=True)
    unit_ids = [m.unit_id for m in memberships]
    team_ids = [m.team_id for m in memberships if m.team_id]
    reflections = (
        Reflection.objects.filter(
            Q(team__isnull=True) | Q(team_id__in=team_ids), unit_id__in=unit_ids
        )
        .exclude(decisions=None)
        .select_related("unit", "team")
        .prefetch_related("decisions__action", "decisions__insight")
        .order_by("-month", "-id")[: REFLECTIONS_SHOWN * 4]
    )
    latest: dict[tuple, Reflection] = {}
    for reflection in reflections:
        latest.setdefault((reflection.unit_id, reflection.team_id), reflection)
    return list(latest.values())[:REFLECTIONS_SHOWN]
