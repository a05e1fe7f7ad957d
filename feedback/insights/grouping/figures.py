"""The insights' figures: counts, first and last note, kinds, themes, channels, scope,
trend and suggested title, kept in step with the notes grouping places in them.

Incremental batches add to the counters; a full rebuild or a manager's change recounts.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from feedback.models import Insight, InsightScope, Note
from feedback.notes.status import notes_follow_actions

from .rows import CHANNEL, CREATED, ID, INSIGHT, KIND, UNIT

TREND_DAYS = 30


# An automatic title is the first sentence of the earliest note, whole words up to this
# length, never cut with "…": pages wrap long titles instead.
TITLE_MAX_LENGTH = 120


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
            # An organisation insight holds its areas' insights, not notes.
            insights = list(insights.exclude(scope=InsightScope.ORGANISATION).order_by("id"))
            _recount(insights, notes, through, start_recent, start_previous)
        # Notes that joined an insight after its action moved on catch up with it.
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
    moved = {target for row, target in moves if row[INSIGHT]} | {
        row[INSIGHT] for row, _target in moves if row[INSIGHT]
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
            created = [row[CREATED] for row in batch]
            units = {row[UNIT] for row in batch}
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
                "kinds": _added(insight.kinds, (row[KIND] for row in batch)),
                "channels": _added(insight.channels, (row[CHANNEL] for row in batch)),
                "themes": _added(
                    insight.themes, (slug for row in batch for slug in themes.get(row[ID], ()))
                ),
                "scope": InsightScope.UNIT if single else InsightScope.AREA,
                "unit_id": next(iter(units)) if single else None,
                "title": _title(insight, first_texts.get(insight.pk, "")),
            }
            changes.append((insight.pk, values))
        _write_insights(changes)
        notes_follow_actions(
            insight_ids=set(added), note_ids=[row[ID] for batch in added.values() for row in batch]
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
    sentence = re.split(r"(?<=[.!?])\s", first_text.strip(), maxsplit=1)[0]
    title = ""
    for word in sentence.split():
        if title and len(title) + 1 + len(word) > TITLE_MAX_LENGTH:
            break
        title = f"{title} {word}" if title else word
    return title[:TITLE_MAX_LENGTH] or "—"


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
            # A suggestion's target waits for the manager's answer (and keeps it).
            suggestions__isnull=True,
        )
        .exclude(key__isnull=True)
        .exclude(scope=InsightScope.ORGANISATION)  # they hold parts, not notes
        .delete()
    )
    return deleted
