"""Curation in the managers' workspace: rename, lock, review, summarise, merge, split, move.

Every function here is called only with insights and notes the view has already loaded
through the manager's scope. Curation is recorded on the rows (placed_by_manager, locked,
merged_into, title_edited) so that the grouping job never undoes it.
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from feedback.models import (
    Action,
    ActionEvent,
    Insight,
    InsightScope,
    InsightStatus,
    InsightVisit,
    Note,
    NoteEvent,
    NoteStatus,
)
from feedback.privacy.public import public_text_check

# A leaf module (Django's cache only): the version bump that drops the public pages.
from feedback.public.cache import public_cache_invalidate

from .grouping.figures import insights_refresh

logger = logging.getLogger(__name__)


def _refresh(*insight_ids: int) -> None:
    insights_refresh(insight_ids=[pk for pk in insight_ids if pk])


def _note_join(*, note: Note, insight: Insight) -> None:
    """Put a note in an insight as a manager's decision; received notes go under review."""
    note.insight = insight
    note.placed_by_manager = True
    fields = ["insight", "placed_by_manager", "updated_at"]
    if note.status == NoteStatus.RECEIVED:
        note.status = NoteStatus.UNDER_REVIEW
        fields.append("status")
        NoteEvent.objects.create(note=note, status=NoteStatus.UNDER_REVIEW)
    note.save(update_fields=fields)


@transaction.atomic
def insight_rename(*, insight: Insight, title: str) -> Insight:
    insight.title = title
    insight.title_edited = True
    insight.save(update_fields=["title", "title_edited", "updated_at"])
    return insight


@transaction.atomic
def insight_set_locked(*, insight: Insight, locked: bool) -> Insight:
    insight.locked = locked
    insight.save(update_fields=["locked", "updated_at"])
    return insight


@transaction.atomic
def insight_mark_reviewed(*, insight: Insight, manager: AbstractBaseUser) -> Insight:
    insight.reviewed_at = timezone.now()
    insight.reviewed_by = manager
    fields = ["reviewed_at", "reviewed_by", "updated_at"]
    if insight.status == InsightStatus.NEW:
        insight.status = InsightStatus.UNDER_REVIEW
        fields.append("status")
    insight.save(update_fields=fields)
    return insight


@transaction.atomic
def insight_update_summary(
    *,
    insight: Insight,
    user: AbstractBaseUser,
    status: str,
    summary_fi: str,
    summary_sv: str = "",
    summary_en: str = "",
) -> list[Action]:
    """The public summary only a manager writes; nothing is published automatically.

    The summary passes the privacy guard. If it changes while a published action shows
    it, those actions leave the public pages (recorded) until the manager has seen the
    new text in the publish preview. Returns the actions taken off.
    """
    texts = {"summary_fi": summary_fi, "summary_sv": summary_sv, "summary_en": summary_en}
    public_text_check(*texts.values(), going_public=False)
    changed = any(getattr(insight, name) != value for name, value in texts.items())
    insight.status = status
    insight.summary_fi, insight.summary_sv, insight.summary_en = summary_fi, summary_sv, summary_en
    insight.save(update_fields=["status", "summary_fi", "summary_sv", "summary_en", "updated_at"])
    withdrawn: list[Action] = []
    if changed:
        withdrawn = list(
            Action.objects.select_for_update()
            .filter(insights=insight, published_at__isnull=False)
            .order_by("pk")
        )
    for action in withdrawn:
        action.published_at = None
        action.published_by = None
        action.save(update_fields=["published_at", "published_by", "updated_at"])
        ActionEvent.objects.create(
            action=action, kind=ActionEvent.Kind.UNPUBLISHED, status=action.status, user=user
        )
    if withdrawn:
        public_cache_invalidate()
        transaction.on_commit(public_cache_invalidate)
        logger.info(
            "insight summary changed insight_id=%s unpublished=%s",
            insight.pk,
            [action.pk for action in withdrawn],
        )
    return withdrawn


@transaction.atomic
def insight_merge(*, source: Insight, target: Insight) -> Insight:
    """Move every note of `source` into `target`; later notes of source's matter follow."""
    if source.pk == target.pk or source.service_area_id != target.service_area_id:
        raise ValueError("insights to merge must be different and of the same service area")
    Note.objects.filter(insight=source).update(insight=target, updated_at=timezone.now())
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    Insight.objects.filter(merged_into=source).update(merged_into=target)
    _refresh(source.pk, target.pk)
    logger.info("insight merged source_id=%s target_id=%s", source.pk, target.pk)
    return target


@transaction.atomic
def insight_split(*, insight: Insight, notes: Iterable[Note], title: str) -> Insight:
    """Take some notes out into a new insight of their own, kept by the manager."""
    notes = list(notes)
    if not notes or any(note.insight_id != insight.pk for note in notes):
        raise ValueError("split needs notes of the insight")
    new = Insight.objects.create(
        service_area_id=insight.service_area_id,
        unit_id=insight.unit_id,
        scope=InsightScope.UNIT if insight.unit_id else InsightScope.AREA,
        concept_id=insight.concept_id,
        title=title,
        title_edited=True,
    )
    for note in notes:
        _note_join(note=note, insight=new)
    _refresh(insight.pk, new.pk)
    logger.info("insight split source_id=%s new_id=%s notes=%s", insight.pk, new.pk, len(notes))
    return new


@transaction.atomic
def note_move(*, note: Note, target: Insight) -> Note:
    """Move one note to another insight; it becomes an example for grouping new notes."""
    if note.unit.service_area_id != target.service_area_id:
        raise ValueError("a note moves only within its service area")
    previous = note.insight_id
    _note_join(note=note, insight=target)
    _refresh(previous, target.pk)
    logger.info("note moved note_id=%s insight_id=%s", note.pk, target.pk)
    return note


def insight_visit_record(*, user: AbstractBaseUser) -> datetime | None:
    """Remember this visit; returns the previous one for the "new since" marker."""
    visit = InsightVisit.objects.filter(user=user).first()
    previous = visit.seen_at if visit else None
    InsightVisit.objects.update_or_create(user=user, defaults={"seen_at": timezone.now()})
    return previous
