"""Learning from curation: one prototype per curated insight, and what managers rejected.

A note a manager placed (moved, merged, split off, or accepted from a suggestion: every
such note has `placed_by_manager`) is a labelled example of its insight. The prototype of
a curated insight is the centroid of its examples' open-vocabulary terms, so that notes of
its matter that share no lexicon matter with the examples still find it. A rejected
suggestion is a negative example: a note that resembles a note the manager refused for an
insight at least as much as the insight's prototype is neither placed there nor suggested.

Prototypes are built from the database at the start of every run, so a rebuild and an
incremental run see the same ones (the learned placement converges).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .vocab import Vocabulary, similarity

JOIN = 0.3
SUGGEST = 0.18


@dataclass
class Prototype:
    insight_id: int
    area_id: int
    terms: dict[str, float]
    rejected: list[dict[str, float]] = field(default_factory=list)


@dataclass
class Match:
    insight_id: int
    score: float
    shared: list[str]


@dataclass
class Prototypes:
    vocabulary: Vocabulary
    by_area: dict[int, list[Prototype]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        vocabulary: Vocabulary,
        examples: list[tuple[int, int, str]],
        rejected: list[tuple[int, str]] = (),
    ) -> Prototypes:
        """From (insight id, area id, text) of curated notes and (insight id, text) of
        notes a manager refused for an insight."""
        sums: dict[tuple[int, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for insight_id, area_id, text in examples:
            counts[(insight_id, area_id)] += 1
            for term, weight in vocabulary.terms(text).items():
                sums[(insight_id, area_id)][term] += weight
        refused: dict[int, list[dict[str, float]]] = defaultdict(list)
        for insight_id, text in rejected:
            refused[insight_id].append(vocabulary.terms(text))
        prototypes = cls(vocabulary=vocabulary)
        for (insight_id, area_id), total in sorted(sums.items()):
            n = counts[(insight_id, area_id)]
            prototypes.by_area.setdefault(area_id, []).append(
                Prototype(
                    insight_id=insight_id,
                    area_id=area_id,
                    terms={term: weight / n for term, weight in total.items()},
                    rejected=refused.get(insight_id, []),
                )
            )
        return prototypes

    def matches(self, area_id: int, text: str) -> list[Match]:
        """Curated insights of the area the note resembles (score >= SUGGEST), best first."""
        candidates = self.by_area.get(area_id)
        if not candidates:
            return []
        terms = self.vocabulary.terms(text)
        found = []
        for prototype in candidates:
            score, shared = similarity(terms, prototype.terms)
            if score < SUGGEST or not shared:
                continue
            if any(similarity(terms, negative)[0] >= score for negative in prototype.rejected):
                continue  # the manager refused a note like this one for this insight
            found.append(Match(prototype.insight_id, score, shared))
        found.sort(key=lambda m: (-m.score, m.insight_id))
        return found
