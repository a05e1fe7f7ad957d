"""The grouping job: places notes in insights in batches, inside the caller's transaction.

reports.services owns the transactions and the lock that serialises runs; these functions
do one batch each and are safe to repeat: a note's place is recomputed, never appended.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from ..models import (
    Concept,
    ConceptTerm,
    Insight,
    InsightScope,
    Note,
    NoteEvent,
    NoteStatus,
)
from .embedding import embedding_backend
from .engine import Grouper, NoteInput, Placement
from .lexicon import Lexicon
from .normalise import Analyser

logger = logging.getLogger(__name__)

TREND_DAYS = 30
TITLE_WORDS = 8


def lexicon_from_db() -> Lexicon:
    rows = list(
        ConceptTerm.objects.filter(concept__is_active=True).values_list(
            "concept__slug", "term", "weight", "is_negative"
        )
    )
    return Lexicon.from_rows(rows) if rows else Lexicon.from_seed()


def grouper_build(*, use_voikko: bool = True) -> Grouper:
    """A grouper with the admins' lexicon and every curated note as an example."""
    grouper = Grouper(
        lexicon=lexicon_from_db(),
        analyser=Analyser(use_voikko=use_voikko),
        embedding=embedding_backend(),
    )
    curated = (
        Note.objects.filter(
            placed_by_manager=True,
            insight__isnull=False,
            insight__locked=False,
            insight__merged_into__isnull=True,
        )
        .select_related("unit")
        .prefetch_related("themes")
        .order_by("id")
    )
    grouper.examples = [
        grouper.example_from(insight_id=note.insight_id, note=_input(note)) for note in curated
    ]
    return grouper


def _input(note: Note, theme_slugs: Iterable[str] | None = None) -> NoteInput:
    slugs = theme_slugs if theme_slugs is not None else [t.slug for t in note.themes.all()]
    return NoteInput(
        id=note.pk,
        text=note.client_text,
        kind=note.kind,
        themes=tuple(sorted(slugs)),
        unit_id=note.unit_id,
        area_id=note.unit.service_area_id,
    )


def _lock_rows(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def notes_group_pending(*, grouper: Grouper, limit: int) -> tuple[int, set[int]]:
    """Place up to `limit` unprocessed notes (the outbox). Returns (count, touched insights)."""
    ids = list(
        _lock_rows(Note.objects.filter(aggregated_at__isnull=True).order_by("id")).values_list(
            "id", flat=True
        )[:limit]
    )
    return len(ids), _place(grouper=grouper, ids=ids, refresh=True)


def notes_group_range(
    *, grouper: Grouper, after_id: int, limit: int
) -> tuple[int | None, set[int]]:
    """A full rebuild's batch: re-place notes with id > after_id. Returns (last id, touched)."""
    ids = list(
        Note.objects.filter(id__gt=after_id).order_by("id").values_list("id", flat=True)[:limit]
    )
    if not ids:
        return None, set()
    return ids[-1], _place(grouper=grouper, ids=ids, refresh=False)


def _place(*, grouper: Grouper, ids: list[int], refresh: bool) -> set[int]:
    if not ids:
        return set()
    now = timezone.now()
    notes = list(
        Note.objects.filter(id__in=ids)
        .select_related("unit", "insight")
        .only(
            "id",
            "client_text",
            "kind",
            "unit_id",
            "unit__service_area_id",
            "status",
            "insight_id",
            "insight__locked",
            "insight__merged_into_id",
            "placed_by_manager",
        )
        .order_by("id")
    )
    themes: dict[int, list[str]] = defaultdict(list)
    for note_id, slug in Note.themes.through.objects.filter(note_id__in=ids).values_list(
        "note_id", "theme__slug"
    ):
        themes[note_id].append(slug)

    cache: dict[tuple, Placement] = {}
    targets: dict[int, list[int]] = defaultdict(list)
    touched: set[int] = set()
    resolver = _InsightResolver()
    pending: list[tuple[Note, Placement, int]] = []
    for note in notes:
        if note.placed_by_manager or (
            note.insight_id and not note.insight.accepts_automatic_notes()
        ):
            continue  # the manager's decision stands
        note_input = _input(note, themes[note.pk])
        signature = (note_input.text, note_input.kind, note_input.themes, note_input.area_id)
        placement = cache.get(signature)
        if placement is None:
            placement = grouper.place(note_input)
            if not (placement.key or "").endswith(f":t:n{note.pk}"):
                cache[signature] = placement
        pending.append((note, placement, note_input.area_id))
    resolver.prefetch((placement, area) for _note, placement, area in pending)
    for note, placement, area_id in pending:
        insight_id = resolver.resolve(placement, area_id=area_id)
        if insight_id != note.insight_id:
            targets[insight_id].append(note.pk)
            touched.add(insight_id)
            if note.insight_id:
                touched.add(note.insight_id)
    _set_insights([(pk, insight_id) for insight_id, pks in targets.items() for pk in pks])
    Note.objects.filter(id__in=ids, aggregated_at__isnull=True).update(aggregated_at=now)
    _mark_under_review(ids=ids, now=now)
    if refresh:
        insights_refresh(insight_ids=touched)
    return touched


def _set_insights(pairs: list[tuple[int, int]]) -> None:
    """Note id -> insight id, in one statement per batch on PostgreSQL."""
    if not pairs:
        return
    table = Note._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ",".join(["(%s, %s)"] * len(pairs))
            cursor.execute(
                f"UPDATE {table} AS n SET insight_id = v.insight_id "  # noqa: S608 - no user input
                f"FROM (VALUES {values}) AS v(id, insight_id) WHERE n.id = v.id",
                [value for pair in sorted(pairs) for value in pair],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET insight_id = %s WHERE id = %s",  # noqa: S608
                [(insight_id, pk) for pk, insight_id in sorted(pairs)],
            )


def _mark_under_review(*, ids: list[int], now) -> None:
    """A note that joined an insight moves from received to under review, on its timeline."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH moved AS (UPDATE {Note._meta.db_table} SET status = %s "  # noqa: S608
                "WHERE id = ANY(%s) AND status = %s AND insight_id IS NOT NULL RETURNING id) "
                f"INSERT INTO {NoteEvent._meta.db_table} (note_id, status, created_at) "
                "SELECT id, %s, %s FROM moved",
                [NoteStatus.UNDER_REVIEW, ids, NoteStatus.RECEIVED, NoteStatus.UNDER_REVIEW, now],
            )
        return
    moving = list(
        Note.objects.filter(
            id__in=ids, status=NoteStatus.RECEIVED, insight__isnull=False
        ).values_list("id", flat=True)
    )
    if not moving:
        return
    Note.objects.filter(id__in=moving).update(status=NoteStatus.UNDER_REVIEW)
    NoteEvent.objects.bulk_create(
        [NoteEvent(note_id=pk, status=NoteStatus.UNDER_REVIEW, created_at=now) for pk in moving],
        batch_size=2000,
    )


class _InsightResolver:
    """Grouping key or curated insight -> the insight id that takes the note."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.concepts = dict(Concept.objects.values_list("slug", "id"))

    def prefetch(self, placements: Iterable[tuple[Placement, int]]) -> None:
        """One query for the batch's keys, and one insert for the keys never seen before.

        Keys of locked or merged insights are left to resolve(), which follows them.
        """
        wanted = {p.key: (p, area) for p, area in placements if p.key and p.key not in self.by_key}
        existing: set[str] = set()
        keys = sorted(wanted)
        for start in range(0, len(keys), 1000):
            for pk, key, locked, merged in Insight.objects.filter(
                key__in=keys[start : start + 1000]
            ).values_list("id", "key", "locked", "merged_into"):
                existing.add(key)
                if not locked and merged is None:
                    self.by_key[key] = pk
        new = [
            Insight(
                key=key,
                service_area_id=area_id,
                scope=InsightScope.AREA,
                concept_id=self.concepts.get(placement.concept or ""),
                title=key,
            )
            for key, (placement, area_id) in sorted(wanted.items())
            if key not in existing
        ]
        for insight in Insight.objects.bulk_create(new, batch_size=1000):
            if insight.pk is None:  # backends that return no ids (none we support today)
                insight.pk = Insight.objects.get(key=insight.key).pk
            self.by_key[insight.key] = insight.pk

    def resolve(self, placement: Placement, *, area_id: int) -> int:
        if placement.insight_id is not None:
            return placement.insight_id
        key = placement.key
        if key in self.by_key:
            return self.by_key[key]
        seen = set()
        while True:
            insight = Insight.objects.filter(key=key).only("id", "locked", "merged_into").first()
            if insight is None:
                insight = Insight.objects.create(
                    key=key,
                    service_area_id=area_id,
                    scope=InsightScope.AREA,
                    concept_id=self.concepts.get(placement.concept or ""),
                    title=key,
                )
                break
            final = insight
            while final.merged_into_id and final.pk not in seen:
                seen.add(final.pk)
                final = Insight.objects.only("id", "locked", "merged_into").get(
                    pk=final.merged_into_id
                )
            if not final.locked:
                insight = final
                break
            # A locked insight takes no more notes: later ones start a continuation.
            key = f"{placement.key}/{final.pk}"[:80]
        self.by_key[placement.key] = insight.pk
        return insight.pk


def insights_refresh(*, insight_ids: Iterable[int], today=None) -> None:
    """Recompute the denormalised statistics, scope and suggested title of insights."""
    ids = sorted(set(insight_ids))
    if not ids:
        return
    today = today or timezone.localdate()
    start_recent = timezone.make_aware(
        datetime.combine(today - timedelta(days=TREND_DAYS - 1), time.min)
    )
    start_previous = start_recent - timedelta(days=TREND_DAYS)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        notes = Note.objects.filter(insight_id__in=chunk)
        base = {
            row["insight_id"]: row
            for row in notes.values("insight_id").annotate(
                count=Count("id"),
                first=Min("created_at"),
                last=Max("created_at"),
                units=Count("unit_id", distinct=True),
                unit=Min("unit_id"),
                recent=Count("id", filter=Q(created_at__gte=start_recent)),
                previous=Count(
                    "id", filter=Q(created_at__gte=start_previous, created_at__lt=start_recent)
                ),
                first_id=Min("id"),
            )
        }
        kinds = _counts(notes.values_list("insight_id", "kind").annotate(n=Count("id")))
        channels = _counts(
            notes.values_list("insight_id", "encounter__channel").annotate(n=Count("id"))
        )
        themes = _counts(
            Note.themes.through.objects.filter(note__insight_id__in=chunk)
            .values_list("note__insight_id", "theme__slug")
            .annotate(n=Count("id"))
        )
        insights = Insight.objects.filter(id__in=chunk).select_related("concept")
        first_texts = dict(
            Note.objects.filter(id__in=[row["first_id"] for row in base.values()]).values_list(
                "insight_id", "client_text"
            )
        )
        changes = []
        for insight in insights:
            row = base.get(insight.pk)
            values = {
                "note_count": row["count"] if row else 0,
                "first_note_at": row["first"] if row else None,
                "last_note_at": row["last"] if row else None,
                "recent_count": row["recent"] if row else 0,
                "previous_count": row["previous"] if row else 0,
                "kinds": kinds.get(insight.pk, {}),
                "channels": channels.get(insight.pk, {}),
                "themes": themes.get(insight.pk, {}),
                "scope": InsightScope.UNIT if row and row["units"] == 1 else InsightScope.AREA,
                "unit_id": row["unit"] if row and row["units"] == 1 else None,
                "title": insight.title
                if insight.title_edited
                else _suggested_title(insight, first_texts.get(insight.pk, "")),
            }
            if any(getattr(insight, name) != value for name, value in values.items()):
                changes.append((insight.pk, values))
        _write_insights(changes)
    # Notes that joined an insight after its action moved on catch up with the action.
    from feedback.action_services import notes_follow_actions

    notes_follow_actions(insight_ids=ids)


def _write_insights(changes: list[tuple[int, dict]]) -> None:
    """Only the insights whose figures changed, as one prepared statement run many times."""
    if not changes:
        return
    names = list(changes[0][1])
    table = Insight._meta.db_table
    assignments = ", ".join(f"{name} = %s" for name in [*names, "updated_at"])
    now = timezone.now()
    rows = [
        [
            json.dumps(values[name]) if isinstance(values[name], dict) else values[name]
            for name in names
        ]
        + [now, pk]
        for pk, values in changes
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)  # noqa: S608


def _counts(rows) -> dict[int, dict[str, int]]:
    out: dict[int, Counter] = defaultdict(Counter)
    for insight_id, value, n in rows:
        out[insight_id][value or ""] += n
    return {pk: dict(sorted(c.items())) for pk, c in out.items()}


def _suggested_title(insight: Insight, first_text: str) -> str:
    """The matter's name, or the first words of the earliest note when no matter was found."""
    if insight.concept_id:
        return insight.concept.name[:200]
    words = first_text.split()
    title = " ".join(words[:TITLE_WORDS])
    return (title + (" …" if len(words) > TITLE_WORDS else ""))[:200] or "—"


def insights_prune_empty() -> int:
    """Delete automatic insights left without notes and untouched by any manager."""
    deleted, _ = (
        Insight.objects.filter(
            notes__isnull=True,
            title_edited=False,
            locked=False,
            summary_fi="",
            reviewed_at__isnull=True,
            merged_from__isnull=True,
            merged_into__isnull=True,
            status="new",
        )
        .exclude(key__isnull=True)
        .delete()
    )
    return deleted
