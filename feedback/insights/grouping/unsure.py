"""The job's placement of notes no lexicon matter covers, and its suggestions.

For such a note (engine's "text" placement), in order:
1. a curated insight of its area whose prototype it resembles at prototypes.JOIN or more
   takes it ("prototype");
2. otherwise it joins or starts an open-vocabulary group of its area ("vocab").
Curated insights and groups it came close to without joining become up to MAX_SUGGESTIONS
Suggestion rows (state open) for a manager to accept or reject; a rejected pair is never
suggested again, and an accepted one made the note a curated example.
"""

from __future__ import annotations

from dataclasses import replace

from feedback.models import Insight, Note, Suggestion, SuggestionReason, SuggestionState

from .engine import Grouper, Placement
from .lexicon import Lexicon
from .normalise import Analyser
from .openvocab import OpenGroups
from .prototypes import JOIN as PROTOTYPE_JOIN
from .prototypes import Prototypes

MAX_SUGGESTIONS = 3


def grouper_learn(grouper: Grouper, *, lexicon: Lexicon, analyser: Analyser) -> None:
    """Give the grouper its open-vocabulary groups and the curated insights' prototypes."""
    groups = OpenGroups.build(analyser, lexicon.stopwords)
    curated = Note.objects.filter(
        placed_by_manager=True,
        insight__isnull=False,
        insight__locked=False,
        insight__merged_into__isnull=True,
        insight__service_area__isnull=False,
    ).order_by("id")
    rejected = Suggestion.objects.filter(state=SuggestionState.REJECTED).order_by("id")
    grouper.prototypes = Prototypes.build(
        groups.vocabulary,
        list(curated.values_list("insight_id", "insight__service_area_id", "client_text")),
        list(rejected.values_list("insight_id", "note__client_text")),
    )
    grouper.open_groups = groups


def place_unsure(grouper: Grouper, placement: Placement, *, text: str, area_id: int) -> Placement:
    """Re-place a note the lexicon found no matter for (see the module's docstring)."""
    groups: OpenGroups | None = grouper.open_groups  # type: ignore[assignment]
    if groups is None or placement.reason != "text":
        return placement
    matches = grouper.prototypes.matches(area_id, text) if grouper.prototypes else []
    suggestions = [
        (m.insight_id, round(min(m.score, 1.0), 3), m.shared, SuggestionReason.CURATED_EXAMPLES)
        for m in matches
    ]
    if matches and matches[0].score >= PROTOTYPE_JOIN:
        return replace(
            placement,
            key=None,
            insight_id=matches[0].insight_id,
            reason="prototype",
            suggestions=tuple(suggestions[1:MAX_SUGGESTIONS]),
        )
    _area_ensure(grouper, groups, area_id)
    key, near = groups.assign(area_id, text)
    suggestions += [
        (c.key, round(min(c.score, 1.0), 3), c.shared, SuggestionReason.SHARED_WORDS) for c in near
    ]
    suggestions.sort(key=lambda s: (-s[1], str(s[0])))
    return replace(
        placement,
        key=key or placement.key,
        reason="vocab" if key else placement.reason,
        suggestions=tuple(suggestions[:MAX_SUGGESTIONS]),
    )


def _area_ensure(grouper: Grouper, groups: OpenGroups, area_id: int) -> None:
    """An incremental run loads the area's groups from the insights' keys; a rebuild starts
    without them and meets them again in note order."""
    if groups.area_known(area_id):
        return
    keys = []
    if not grouper.rebuilding:
        keys = list(
            Insight.objects.filter(key__startswith=f"a{area_id}:v:")
            .order_by("key")
            .values_list("key", flat=True)
        )
    groups.area_load(area_id, keys)


def suggestions_write(wanted: dict[tuple[int, int], tuple[float, list[str], str]], note_ids):
    """Make the batch's open suggestions what the job now thinks: new ones added, stale
    open ones of these notes removed; decided ones stay as the manager left them."""
    if not note_ids:
        return
    batch = set(note_ids)
    rows = [
        row
        for row in Suggestion.objects.filter(
            note_id__gte=min(batch), note_id__lte=max(batch), state=SuggestionState.OPEN
        ).values_list("id", "note_id", "insight_id")
        if row[1] in batch
    ]
    existing = {(note_id, insight_id) for _pk, note_id, insight_id in rows}
    stale = [pk for pk, note_id, insight_id in rows if (note_id, insight_id) not in wanted]
    if stale:
        Suggestion.objects.filter(id__in=stale).delete()
    new = [
        Suggestion(
            note_id=note_id,
            insight_id=insight_id,
            score=score,
            reason=reason,
            shared_terms=shared[:8],
        )
        for (note_id, insight_id), (score, shared, reason) in sorted(wanted.items())
        if (note_id, insight_id) not in existing
    ]
    if new:
        Suggestion.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)


def curation_changed(since) -> bool:
    """Whether managers curated since `since` (a note placed, moved, split off or accepted
    from a suggestion; insights merged; a suggestion rejected). What they taught changes
    where earlier notes belong too, so the next run regroups in full: that is what keeps a
    rebuild equal to the incremental runs, the learned placement included."""
    if since is None:
        return False
    return (
        Note.objects.filter(placed_by_manager=True, updated_at__gte=since).exists()
        or Insight.objects.filter(merged_into__isnull=False, updated_at__gte=since).exists()
        or Suggestion.objects.filter(state=SuggestionState.REJECTED, decided_at__gte=since).exists()
    )
