"""The job's learned placement, its placement of notes no lexicon matter covers, and its
suggestions.

1. A curated insight of the note's area whose prototype it resembles most, at
   prototypes.JOIN or more, takes it ("prototype"): for notes the lexicon placed by a
   matter too (LEARNED_OVER), since managers know their matters better than the lexicon.
   A note the lexicon sent to a curated insight by its matter ("concept-curated") but that
   resembles another curated insight of its area more stays in its matter's own insight.
   A note sent to a curated insight by its matter or a close example, but like a note a
   manager refused for that insight (prototypes.Prototypes.refused), goes where its words
   alone take it.
2. Otherwise a note the lexicon found no matter for (engine's "text" placement) joins or
   starts an open-vocabulary group of its area ("vocab").
Curated insights and groups it came close to without joining, and the matters its words
point at without a clear winner (engine's close calls), become up to MAX_SUGGESTIONS
Suggestion rows (state open) for a manager to accept or reject; a rejected pair is never
suggested again, and an accepted one made the note a curated example.
"""

from __future__ import annotations

from dataclasses import replace

from feedback.models import Insight, Note, Suggestion, SuggestionReason, SuggestionState

from .engine import Grouper, NoteInput, Placement
from .features import Features
from .lexicon import Lexicon
from .normalise import Analyser
from .openvocab import OpenGroups
from .prototypes import Example, Prototypes

MAX_SUGGESTIONS = 3
# The lexicon's placements a curated prototype may override: a note the lexicon gave a
# matter ("concept") or none ("text"). A close curated example ("example") and a curated
# insight of the note's matter ("concept-curated") stand.
LEARNED_OVER = frozenset({"text", "concept", "concept-curated"})
# The placements into a curated insight that a manager's refusal of a like note undoes.
REFUSABLE = frozenset({"example", "concept-curated"})


def grouper_learn(grouper: Grouper, *, lexicon: Lexicon, analyser: Analyser) -> None:
    """Give the grouper its open-vocabulary groups and the curated insights' prototypes."""
    groups = OpenGroups.build(analyser, lexicon.stopwords)
    curated = list(
        Note.objects.filter(
            placed_by_manager=True,
            insight__isnull=False,
            insight__locked=False,
            insight__merged_into__isnull=True,
            insight__service_area__isnull=False,
        )
        .order_by("id")
        .values_list("id", "insight_id", "insight__service_area_id", "client_text", "kind")
    )
    rejected = list(
        Suggestion.objects.filter(state=SuggestionState.REJECTED)
        .order_by("id")
        .values_list("note_id", "insight_id", "note__client_text", "note__kind")
    )
    themes = _themes_of([row[0] for row in curated] + [row[0] for row in rejected])
    grouper.prototypes = Prototypes.build(
        Features(groups.vocabulary, grouper),
        [
            Example(insight_id, area_id, text, kind, themes.get(note_id, ()))
            for note_id, insight_id, area_id, text, kind in curated
        ],
        [
            Example(insight_id, 0, text, kind, themes.get(note_id, ()))
            for note_id, insight_id, text, kind in rejected
        ],
    )
    grouper.open_groups = groups


def _themes_of(note_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for start in range(0, len(note_ids), 1000):
        for note_id, slug in Note.themes.through.objects.filter(
            note_id__in=note_ids[start : start + 1000]
        ).values_list("note_id", "theme__slug"):
            found.setdefault(note_id, []).append(slug)
    return {note_id: tuple(sorted(slugs)) for note_id, slugs in found.items()}


def place_unsure(
    grouper: Grouper,
    placement: Placement,
    *,
    text: str,
    area_id: int,
    kind: str = "",
    themes: tuple[str, ...] = (),
    note_id: int = 0,
) -> Placement:
    """Re-place a note by what managers taught, and the lexicon's unsure ones by their
    words (see the module's docstring)."""
    prototypes: Prototypes | None = grouper.prototypes  # type: ignore[assignment]
    note = NoteInput(id=note_id, text=text, kind=kind, themes=themes, area_id=area_id)
    if (
        prototypes is not None
        and placement.reason in REFUSABLE
        and prototypes.refused(area_id, placement.insight_id, text, kind=kind, themes=themes)
    ):
        # A manager refused a note like this one for the curated insight the lexicon or a
        # close example sends it to: it goes where its words alone would take it.
        placement = grouper.place_uncurated(note, placement.concept)
    matches = []
    if prototypes is not None and placement.reason in LEARNED_OVER:
        matches = prototypes.matches(area_id, text, kind=kind, themes=themes)
    best = prototypes.best(matches, kind=kind) if matches else None
    suggestions = [
        (m.insight_id, round(min(m.score, 1.0), 3), m.shared, SuggestionReason.CURATED_EXAMPLES)
        for m in matches
        if m is not best
    ]
    if best is not None:
        return replace(
            placement,
            key=None,
            insight_id=best.insight_id,
            reason="prototype",
            suggestions=tuple(suggestions[: MAX_SUGGESTIONS - 1]),
        )
    if (
        placement.reason == "concept-curated"
        and matches
        and matches[0].insight_id != placement.insight_id
        and prototypes.knows(area_id, placement.insight_id)
    ):
        # The lexicon sends the note to a curated insight by its matter, but the note
        # resembles another curated insight's examples more: the lexicon's matters are
        # coarser than the managers' insights, so it stays in its matter's own insight.
        return replace(
            grouper.place_uncurated(note, placement.concept),
            suggestions=tuple(suggestions[:MAX_SUGGESTIONS]),
        )
    groups: OpenGroups | None = grouper.open_groups  # type: ignore[assignment]
    if groups is None or placement.reason != "text":
        return placement
    _area_ensure(grouper, groups, area_id)
    key, near = groups.assign(area_id, text)
    suggestions += [
        (c.key, round(min(c.score, 1.0), 3), c.shared, SuggestionReason.SHARED_WORDS) for c in near
    ]
    # The matters the note's words point at without deciding one: the area's curated
    # insight of the matter, or else its automatic one ("a<area>:c:<matter>", made if the
    # area has none yet), is offered.
    suggestions += [
        (
            grouper.curated_for_concept(area_id, slug) or f"a{area_id}:c:{slug}",
            score,
            words,
            SuggestionReason.SHARED_WORDS,
        )
        for slug, score, words in grouper.close_calls(note)
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
