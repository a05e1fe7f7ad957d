"""The grouping job's placement: which insight each note joins, written batch by batch.

reports' aggregation owns the transactions and the lock that serialises runs; these
functions do one batch each inside the caller's transaction and are safe to repeat: a
note's place is recomputed, never appended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, Case, DateTimeField, Value, When
from django.utils import timezone

from feedback.models import Concept, ConceptTerm, Insight, InsightScope, Note, NoteEvent, NoteStatus

from .embedding import embedding_backend
from .engine import Grouper, NoteInput, Placement
from .figures import insights_add
from .lexicon import Lexicon
from .normalise import Analyser
from .rows import (
    AGGREGATED,
    AREA,
    BY_MANAGER,
    CREATED,
    FIELDS,
    ID,
    INSIGHT,
    KIND,
    LOCKED,
    MERGED,
    STATUS,
    TEXT,
    UNIT,
)
from .unsure import grouper_learn, place_unsure, suggestions_write


def lexicon_from_db() -> Lexicon:
    rows = list(
        ConceptTerm.objects.filter(concept__is_active=True).values_list(
            "concept__slug", "term", "weight", "is_negative"
        )
    )
    return Lexicon.from_rows(rows) if rows else Lexicon.from_seed()


def grouper_build(*, use_voikko: bool = True) -> Grouper:
    """A grouper with the admins' lexicon and every curated note as an example."""
    lexicon, analyser = lexicon_from_db(), Analyser(use_voikko=use_voikko)
    grouper = Grouper(lexicon=lexicon, analyser=analyser, embedding=embedding_backend())
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
    grouper_learn(grouper, lexicon=lexicon, analyser=analyser)
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


def notes_group_pending(
    *, grouper: Grouper, limit: int, cache: dict | None = None
) -> tuple[int, set[int]]:
    """Place up to `limit` unprocessed notes (the outbox) and add them to their insights'
    figures. Returns (count, touched insights)."""
    rows = list(
        _lock_rows(Note.objects.filter(aggregated_at__isnull=True).order_by("id")).values_list(
            *FIELDS
        )[:limit]
    )
    if not rows:
        return 0, set()
    themes = _themes(Note.themes.through.objects.filter(note_id__in=[r[ID] for r in rows]))
    if grouper.open_groups is not None:
        grouper.open_groups.forget()
    moves = _resolve(notes_place(grouper=grouper, rows=rows, themes=themes, cache=cache), rows)
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
    return rows[-1][ID], len(rows), notes_write(rows=rows, placed=placed)


def notes_read_range(*, after_id: int, limit: int) -> tuple[list[tuple], dict]:
    """Up to `limit` notes with id > after_id, and their themes (a rebuild's read).

    Rows have the columns of FIELDS up to the channel, but the created time is None and
    the processed time only True or None (whether there is one): counters need the
    created time and the channel, and a rebuild recounts instead; the write asks only
    whether the note was processed. Parsing two timestamps a note was a tenth of a
    rebuild's Python time.
    """
    rows = list(
        Note.objects.filter(id__gt=after_id)
        .order_by("id")
        .values_list(
            *FIELDS[:CREATED],
            Value(None, output_field=DateTimeField()),
            Case(
                When(aggregated_at__isnull=True, then=Value(None)),
                default=Value(True),
                output_field=BooleanField(),
            ),
        )[:limit]
    )
    if not rows:
        return [], {}
    themes = _themes(
        Note.themes.through.objects.filter(note_id__gt=after_id, note_id__lte=rows[-1][ID])
    )
    return rows, themes


def notes_write(*, rows: list[tuple], placed: list[tuple[tuple, Placement]]) -> set[int]:
    """Resolve placements to insights and write them (inside the caller's locked
    transaction). Returns the insights that gained or lost notes."""
    moves = _resolve(placed, rows)
    _write(rows=rows, moves=moves)
    return {target for _row, target in moves} | {
        row[INSIGHT] for row, _target in moves if row[INSIGHT]
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
    is a pure function of them), so `cache` may live for a whole run. It keeps the
    engine's placement beside the final one: an open-vocabulary placement depends on the
    notes before this one, so only that last step is redone for a note of a cached text
    (a curated prototype's placement does not: it is a function of the note).
    """
    cache = {} if cache is None else cache
    pending: list[tuple[tuple, Placement]] = []
    for row in rows:
        if row[BY_MANAGER] or (
            row[INSIGHT]
            and not Insight.takes_automatic_notes(locked=row[LOCKED], merged_into_id=row[MERGED])
        ):
            continue  # the manager's decision stands
        note_themes = themes.get(row[ID], ())
        signature = (row[TEXT], row[KIND], note_themes, row[AREA])
        cached = cache.get(signature)
        if cached is not None and cached[1].reason != "vocab":
            pending.append((row, cached[1]))
            continue
        if cached is not None:
            engine_placement = cached[0]
        else:
            engine_placement = grouper.place(
                NoteInput(
                    id=row[ID],
                    text=row[TEXT],
                    kind=row[KIND],
                    themes=note_themes,
                    unit_id=row[UNIT],
                    area_id=row[AREA],
                )
            )
        placement = place_unsure(
            grouper,
            engine_placement,
            text=row[TEXT],
            area_id=row[AREA],
            kind=row[KIND],
            themes=note_themes,
            note_id=row[ID],
        )
        if (
            cached is None
            and not any(
                (found.key or "").endswith(f":t:n{row[ID]}")
                for found in (engine_placement, placement)
            )
            and len(cache) < 500_000
        ):
            cache[signature] = (engine_placement, placement)
        pending.append((row, placement))
    return pending


def _resolve(pending: list[tuple[tuple, Placement]], rows: list[tuple]) -> list[tuple[tuple, int]]:
    """(row, insight id) for every note whose insight changes; creates new insights.
    Writes the batch's suggestions too."""
    resolver = _InsightResolver()
    resolver.prefetch((placement, row[AREA]) for row, placement in pending)
    moves = []
    wanted: dict[tuple[int, int], tuple[float, list[str], str]] = {}
    for row, placement in pending:
        insight_id = resolver.resolve(placement, area_id=row[AREA])
        if insight_id != row[INSIGHT]:
            moves.append((row, insight_id))
        for target, score, shared, reason in placement.suggestions:
            if isinstance(target, str):
                # An open-vocabulary group's key, or a matter's ("a<area>:c:<matter>").
                concept = target.partition(":c:")[2] or None
                target = resolver.resolve(
                    Placement(target, None, concept, "vocab"), area_id=row[AREA]
                )
            if target != insight_id:
                wanted.setdefault((row[ID], target), (score, shared, reason))
    suggestions_write(wanted, [row[ID] for row in rows if not row[BY_MANAGER]])
    return moves


def _write(*, rows: list[tuple], moves: list[tuple[tuple, int]]) -> None:
    """Each note's new insight, processed time and "under review" step, with its timeline
    event: one statement per batch on PostgreSQL, touching each changed note once."""
    now = timezone.now()
    target = {row[ID]: insight_id for row, insight_id in moves}
    # (note id, insight id, whether it was received when read, its insight when read)
    changes = []
    for row in rows:
        insight_id = target.get(row[ID], row[INSIGHT])
        received = row[STATUS] == NoteStatus.RECEIVED
        if row[ID] in target or row[AGGREGATED] is None or (received and insight_id):
            changes.append((row[ID], insight_id, received, row[INSIGHT]))
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
        self.concepts = {
            slug: (pk, name) for slug, pk, name in Concept.objects.values_list("slug", "id", "name")
        }

    def _new(self, key: str, area_id: int, concept: str | None) -> Insight:
        """An automatic insight; a matter's is titled with the matter's name from the start
        (an insight made only as a suggestion's target has no notes to be recounted from)."""
        concept_id, name = self.concepts.get(concept or "", (None, ""))
        return Insight(
            key=key,
            service_area_id=area_id,
            scope=InsightScope.AREA,
            concept_id=concept_id,
            title=name[:200] or key,
        )

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
            self._new(key, area_id, placement.concept)
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
                insight = self._new(key, area_id, placement.concept)
                insight.save(force_insert=True)
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
