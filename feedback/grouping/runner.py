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

from django.db import connection, transaction
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


# What a batch reads of each note: one query, values only (no model instances).
_FIELDS = (
    "id",
    "client_text",
    "kind",
    "unit_id",
    "unit__service_area_id",
    "insight_id",
    "insight__locked",
    "insight__merged_into_id",
    "placed_by_manager",
    "status",
    "created_at",
    "aggregated_at",
    "encounter__channel",
)
(
    _ID,
    _TEXT,
    _KIND,
    _UNIT,
    _AREA,
    _INSIGHT,
    _LOCKED,
    _MERGED,
    _BY_MANAGER,
    _STATUS,
    _CREATED,
    _AGGREGATED,
    _CHANNEL,
) = range(len(_FIELDS))


def notes_group_pending(
    *, grouper: Grouper, limit: int, cache: dict | None = None
) -> tuple[int, set[int]]:
    """Place up to `limit` unprocessed notes (the outbox) and add them to their insights'
    figures. Returns (count, touched insights)."""
    rows = list(
        _lock_rows(Note.objects.filter(aggregated_at__isnull=True).order_by("id")).values_list(
            *_FIELDS
        )[:limit]
    )
    if not rows:
        return 0, set()
    themes = _themes(Note.themes.through.objects.filter(note_id__in=[r[_ID] for r in rows]))
    moves = _resolve(notes_place(grouper=grouper, rows=rows, themes=themes, cache=cache))
    _write(rows=rows, moves=moves)
    return len(rows), insights_add(rows=rows, moves=moves, themes=themes)


def notes_group_range(
    *, grouper: Grouper, after_id: int, limit: int, cache: dict | None = None
) -> tuple[int | None, int, set[int]]:
    """A full rebuild's batch: re-place notes with id > after_id, leaving the insights'
    figures to one recount at the end. Returns (last id or None, notes read, touched)."""
    rows, themes = notes_read_range(after_id=after_id, limit=limit)
    if not rows:
        return None, 0, set()
    placed = notes_place(grouper=grouper, rows=rows, themes=themes, cache=cache)
    return rows[-1][_ID], len(rows), notes_write(rows=rows, placed=placed)


def notes_read_range(*, after_id: int, limit: int) -> tuple[list[tuple], dict]:
    """Up to `limit` notes with id > after_id, and their themes (a rebuild's read)."""
    # Without the channel (last): only counters need it, and a rebuild recounts instead.
    rows = list(
        Note.objects.filter(id__gt=after_id).order_by("id").values_list(*_FIELDS[:_CHANNEL])[:limit]
    )
    if not rows:
        return [], {}
    themes = _themes(
        Note.themes.through.objects.filter(note_id__gt=after_id, note_id__lte=rows[-1][_ID])
    )
    return rows, themes


def notes_write(*, rows: list[tuple], placed: list[tuple[tuple, Placement]]) -> set[int]:
    """Resolve placements to insights and write them (inside the caller's locked
    transaction). Returns the insights that gained or lost notes."""
    moves = _resolve(placed)
    _write(rows=rows, moves=moves)
    return {target for _row, target in moves} | {
        row[_INSIGHT] for row, _target in moves if row[_INSIGHT]
    }


def _themes(through_rows) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    for note_id, slug in through_rows.values_list("note_id", "theme__slug"):
        found[note_id].append(slug)
    return {note_id: tuple(sorted(slugs)) for note_id, slugs in found.items()}


def notes_place(
    *, grouper: Grouper, rows: list[tuple], themes: dict, cache: dict | None
) -> list[tuple[tuple, Placement]]:
    """(row, placement) for every note the job may place: no database access.

    Notes with the same words, kind, themes and service area are placed alike (placement
    is a pure function of them), so `cache` may live for a whole run.
    """
    cache = {} if cache is None else cache
    pending: list[tuple[tuple, Placement]] = []
    for row in rows:
        if row[_BY_MANAGER] or (
            row[_INSIGHT]
            and not Insight.takes_automatic_notes(locked=row[_LOCKED], merged_into_id=row[_MERGED])
        ):
            continue  # the manager's decision stands
        note_themes = themes.get(row[_ID], ())
        signature = (row[_TEXT], row[_KIND], note_themes, row[_AREA])
        placement = cache.get(signature)
        if placement is None:
            placement = grouper.place(
                NoteInput(
                    id=row[_ID],
                    text=row[_TEXT],
                    kind=row[_KIND],
                    themes=note_themes,
                    unit_id=row[_UNIT],
                    area_id=row[_AREA],
                )
            )
            if not (placement.key or "").endswith(f":t:n{row[_ID]}") and len(cache) < 500_000:
                cache[signature] = placement
        pending.append((row, placement))
    return pending


def _resolve(pending: list[tuple[tuple, Placement]]) -> list[tuple[tuple, int]]:
    """(row, insight id) for every note whose insight changes; creates new insights."""
    resolver = _InsightResolver()
    resolver.prefetch((placement, row[_AREA]) for row, placement in pending)
    moves = []
    for row, placement in pending:
        insight_id = resolver.resolve(placement, area_id=row[_AREA])
        if insight_id != row[_INSIGHT]:
            moves.append((row, insight_id))
    return moves


def _write(*, rows: list[tuple], moves: list[tuple[tuple, int]]) -> None:
    """Each note's new insight, processed time and "under review" step, with its timeline
    event: one statement per batch on PostgreSQL, touching each changed note once."""
    now = timezone.now()
    target = {row[_ID]: insight_id for row, insight_id in moves}
    # (note id, insight id, whether it was received when read, its insight when read)
    changes = []
    for row in rows:
        insight_id = target.get(row[_ID], row[_INSIGHT])
        received = row[_STATUS] == NoteStatus.RECEIVED
        if row[_ID] in target or row[_AGGREGATED] is None or (received and insight_id):
            changes.append((row[_ID], insight_id, received, row[_INSIGHT]))
    if not changes:
        return
    if connection.vendor == "postgresql":
        _write_postgresql(changes, now)
        return
    table = Note._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET insight_id = %s, "  # noqa: S608 - no user input
            "aggregated_at = COALESCE(aggregated_at, %s) "
            "WHERE id = %s AND insight_id IS %s AND NOT placed_by_manager",
            [(insight_id, now, pk, read) for pk, insight_id, _received, read in changes],
        )
    moving = list(
        Note.objects.filter(
            id__in=[pk for pk, insight_id, _received, _read in changes if insight_id is not None],
            status=NoteStatus.RECEIVED,
        ).values_list("id", flat=True)
    )
    if moving:
        Note.objects.filter(id__in=moving).update(status=NoteStatus.UNDER_REVIEW)
        NoteEvent.objects.bulk_create(
            [
                NoteEvent(note_id=pk, status=NoteStatus.UNDER_REVIEW, created_at=now)
                for pk in moving
            ],
            batch_size=2000,
        )


def _write_postgresql(changes: list[tuple[int, int | None, bool, int | None]], now) -> None:
    """COPY the batch's placements into a temporary table and apply them in one statement.

    A note a manager placed or moved since it was read keeps the manager's insight: only
    notes still in the insight they were read in are written.

    Only this job moves a note from received to under review, and it runs under the
    aggregation lock, so a note read as received that is under review afterwards is one
    this statement moved: it gets the timeline event. A status another writer set in the
    meantime (an action's) is kept, because the CASE reads the row as it is updated.
    """
    note = Note._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS grouping_placement "
            "(note_id bigint PRIMARY KEY, insight_id bigint, received boolean, "
            "read_insight_id bigint) ON COMMIT DELETE ROWS"
        )
        cursor.execute("TRUNCATE grouping_placement")
        with cursor.cursor.copy(
            "COPY grouping_placement (note_id, insight_id, received, read_insight_id) FROM STDIN"
        ) as copy:
            for change in changes:
                copy.write_row(change)
        cursor.execute(
            f"""
            WITH changed AS (
                UPDATE {note} n
                SET insight_id = p.insight_id,
                    aggregated_at = COALESCE(n.aggregated_at, %(now)s),
                    status = CASE WHEN n.status = %(received)s AND p.insight_id IS NOT NULL
                                  THEN %(review)s ELSE n.status END
                FROM grouping_placement p
                WHERE n.id = p.note_id AND NOT n.placed_by_manager
                  AND n.insight_id IS NOT DISTINCT FROM p.read_insight_id
                  AND n.id BETWEEN %(first)s AND %(last)s
                RETURNING n.id, p.received, n.status
            )
            INSERT INTO {NoteEvent._meta.db_table} (note_id, status, created_at)
            SELECT id, status, %(now)s FROM changed WHERE received AND status = %(review)s
            """,  # noqa: S608 - table names from model metadata
            {
                "now": now,
                "received": NoteStatus.RECEIVED,
                "review": NoteStatus.UNDER_REVIEW,
                # The temporary table has no statistics: without the id range PostgreSQL
                # joins it by reading every note, a second or more per batch of a rebuild.
                "first": min(change[0] for change in changes),
                "last": max(change[0] for change in changes),
            },
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
                if Insight.takes_automatic_notes(locked=locked, merged_into_id=merged):
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


def _trend_window(today=None) -> tuple[datetime, datetime]:
    """Starts of the last 30 days and of the 30 before them, in local time."""
    today = today or timezone.localdate()
    start_recent = timezone.make_aware(
        datetime.combine(today - timedelta(days=TREND_DAYS - 1), time.min)
    )
    return start_recent, start_recent - timedelta(days=TREND_DAYS)


def insights_refresh(*, insight_ids: Iterable[int] | None, today=None) -> None:
    """Recount the figures, scope and suggested title of insights from all their notes;
    `insight_ids` None recounts every insight (a full rebuild) in one pass per figure.

    The insights are locked first, so a recount and the grouping job's additions
    (insights_add) never overwrite each other.
    """
    start_recent, start_previous = _trend_window(today)
    with transaction.atomic():
        if insight_ids is None:
            chunks = [None]
        else:
            ids = sorted(set(insight_ids))
            chunks = [ids[start : start + 500] for start in range(0, len(ids), 500)]
        for chunk in chunks:
            if chunk == []:
                continue
            insights = Insight.objects.select_for_update(of=("self",)).select_related("concept")
            notes = Note.objects.filter(insight__isnull=False)
            through = Note.themes.through.objects.filter(note__insight__isnull=False)
            if chunk is not None:
                insights = insights.filter(id__in=chunk)
                notes = notes.filter(insight_id__in=chunk)
                through = through.filter(note__insight_id__in=chunk)
            insights = list(insights.order_by("id"))
            _recount(insights, notes, through, start_recent, start_previous)
        # Notes that joined an insight after its action moved on catch up with it.
        from feedback.action_services import notes_follow_actions

        notes_follow_actions(
            insight_ids=Insight.objects.values_list("id", flat=True)
            if insight_ids is None
            else insight_ids
        )


def _recount(insights, notes, through, start_recent, start_previous) -> None:
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
    themes = _counts(through.values_list("note__insight_id", "theme__slug").annotate(n=Count("id")))
    titled = {i.pk for i in insights if not i.title_edited and not i.concept_id}
    first_ids = [row["first_id"] for pk, row in base.items() if pk in titled]
    first_texts: dict[int, str] = {}
    for start in range(0, len(first_ids), 5000):
        first_texts.update(
            Note.objects.filter(id__in=first_ids[start : start + 5000]).values_list(
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
            "title": _title(insight, first_texts.get(insight.pk, "")),
        }
        if any(getattr(insight, name) != value for name, value in values.items()):
            changes.append((insight.pk, values))
    _write_insights(changes)


def insights_add(
    *, rows: list[tuple], moves: list[tuple[tuple, int]], themes: dict, today=None
) -> set[int]:
    """Add a batch's newly placed notes to their insights' figures: counters updated from
    the batch alone, so a run costs the same however large the insights are. An insight
    that lost a note (a re-placed one) is recounted instead. Trends are right for `today`;
    insights_trend_refresh() moves them on when the day changes. Returns touched ids."""
    moved = {target for row, target in moves if row[_INSIGHT]} | {
        row[_INSIGHT] for row, _target in moves if row[_INSIGHT]
    }
    added: dict[int, list[tuple]] = defaultdict(list)
    for row, target in moves:
        if target not in moved:
            added[target].append(row)
    if added:
        start_recent, start_previous = _trend_window(today)
        insights = list(
            Insight.objects.select_for_update(of=("self",))
            .select_related("concept")
            .filter(id__in=added)
            .order_by("id")
        )
        first_ids = dict(
            Note.objects.filter(
                insight_id__in=[i.pk for i in insights if not i.title_edited and not i.concept_id]
            )
            .values("insight_id")
            .annotate(first=Min("id"))
            .values_list("insight_id", "first")
        )
        first_texts = dict(
            Note.objects.filter(id__in=first_ids.values()).values_list("insight_id", "client_text")
        )
        changes = []
        for insight in insights:
            batch = added[insight.pk]
            created = [row[_CREATED] for row in batch]
            units = {row[_UNIT] for row in batch}
            empty = insight.note_count == 0
            if not empty:
                units.add(insight.unit_id)  # None when the insight already spans units
            single = len(units) == 1 and None not in units
            values = {
                "note_count": insight.note_count + len(batch),
                "first_note_at": min(created)
                if empty
                else min(insight.first_note_at, min(created)),
                "last_note_at": max(created) if empty else max(insight.last_note_at, max(created)),
                "recent_count": insight.recent_count
                + sum(1 for moment in created if moment >= start_recent),
                "previous_count": insight.previous_count
                + sum(1 for moment in created if start_previous <= moment < start_recent),
                "kinds": _added(insight.kinds, (row[_KIND] for row in batch)),
                "channels": _added(insight.channels, (row[_CHANNEL] for row in batch)),
                "themes": _added(
                    insight.themes, (slug for row in batch for slug in themes.get(row[_ID], ()))
                ),
                "scope": InsightScope.UNIT if single else InsightScope.AREA,
                "unit_id": next(iter(units)) if single else None,
                "title": _title(insight, first_texts.get(insight.pk, "")),
            }
            changes.append((insight.pk, values))
        _write_insights(changes)
        from feedback.action_services import notes_follow_actions

        notes_follow_actions(
            insight_ids=set(added), note_ids=[row[_ID] for batch in added.values() for row in batch]
        )
    if moved:
        insights_refresh(insight_ids=moved, today=today)
    return set(added) | moved


def _added(counts: dict, values: Iterable) -> dict[str, int]:
    out = Counter(counts)
    for value in values:
        out[value or ""] += 1
    return dict(sorted(out.items()))


def insights_trend_refresh(*, today=None) -> int:
    """Recount every insight's trend for `today`'s windows: the counters insights_add keeps
    are right only for the day they were added. Reads only the last 60 days of notes.
    Returns the number of insights changed."""
    start_recent, start_previous = _trend_window(today)
    with transaction.atomic():
        stored = {
            pk: (recent, previous)
            for pk, recent, previous in Insight.objects.select_for_update()
            .filter(
                Q(recent_count__gt=0)
                | Q(previous_count__gt=0)
                | Q(last_note_at__gte=start_previous)
            )
            .order_by("id")
            .values_list("id", "recent_count", "previous_count")
        }
        counted = {
            pk: (recent, previous)
            for pk, recent, previous in Note.objects.filter(
                insight__isnull=False, created_at__gte=start_previous
            )
            .values("insight_id")
            .annotate(
                recent=Count("id", filter=Q(created_at__gte=start_recent)),
                previous=Count("id", filter=Q(created_at__lt=start_recent)),
            )
            .values_list("insight_id", "recent", "previous")
        }
        changes = [
            (counted.get(pk, (0, 0)), pk)
            for pk in sorted(stored.keys() | counted.keys())
            if counted.get(pk, (0, 0)) != stored.get(pk, (0, 0))
        ]
        if changes:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {Insight._meta.db_table} SET recent_count = %s, "  # noqa: S608
                    "previous_count = %s WHERE id = %s",
                    [(recent, previous, pk) for (recent, previous), pk in changes],
                )
    return len(changes)


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


def _title(insight: Insight, first_text: str) -> str:
    return insight.title if insight.title_edited else _suggested_title(insight, first_text)


def _suggested_title(insight: Insight, first_text: str) -> str:
    """The matter's name, or the first words of the earliest note when no matter was found."""
    if insight.concept_id:
        return insight.concept.name[:200]
    words = first_text.split()
    title = " ".join(words[:TITLE_WORDS])
    return (title + (" …" if len(words) > TITLE_WORDS else ""))[:200] or "—"


def insights_prune_empty() -> int:
    """Delete automatic insights left without notes and untouched by any manager.

    Run after a full recount: its note counts pick the few candidates, so the check that
    no note points at them reads the insight's note index instead of every note.
    """
    deleted, _ = (
        Insight.objects.filter(
            note_count=0,
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
