"""Reads of the feedback app that feed pages."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from encounters.selectors import unit_ids_for_user

from .models import Note, Theme


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
    from django.db.models import Q

    return Note.objects.filter(
        Q(unit_id__in=unit_ids_for_user(user=user)) | Q(author=user)
    ).select_related("unit", "unit__service_area", "encounter", "author")


def theme_list_active() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True).order_by("position", "name")
