"""Learning from curation: one prototype per curated insight, and what managers rejected.

A note a manager placed (moved, merged, split off, or accepted from a suggestion: every
such note has `placed_by_manager`) is a labelled example of its insight. The prototype of
a curated insight is the centroid of its examples' feature vectors (features.py: lemmas,
character n-grams and the lexicon's matter scores), so that notes of its matter written in
other words, with typos or in dialect still find it. A note joins the curated insight of
its area it resembles most when the cosine reaches JOIN and its nearest single example is
one of that insight's too (a note between two matters, nearer one's centroid but one of
the other's examples, stays out); close calls are suggested (SUGGEST). A rejected
suggestion is a negative example: a note that resembles a note the manager refused for an
insight at least as much as the insight's prototype is neither placed there nor suggested.

Prototypes are built from the database at the start of every run, so a rebuild and an
incremental run see the same ones (the learned placement converges); an area without
curated insights costs nothing per note.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .engine import PRAISE_KINDS
from .features import Features, cosine, norm
from .vocab import GENERIC_WEIGHT

JOIN = 0.34
# A thanks or a good experience shares words with a curated insight of a problem more often
# than it is about that problem ("kiitos kokille" and the cold meals): on the dev corpus,
# placed at cosine 0.3 or more, 9 of 21 such notes were another matter's, 24 of 142 others.
PRAISE_JOIN = 0.42
SUGGEST = 0.25
# A note near JOIN is compared with single examples too: with the first this many of each
# curated insight's (its oldest), so that an insight of many placed notes costs no more.
EXAMPLES_COMPARED = 20
MAX_SHARED = 8
MATCHES_CACHED = 200_000  # mostly empty: a few hundred bytes each at most


@dataclass
class Prototype:
    insight_id: int
    area_id: int
    vector: dict[str, float]
    length: float
    terms: dict[str, float]  # the examples' lemmas, for the reason shown to managers
    rejected: list[dict[str, float]] = field(default_factory=list)


@dataclass
class Match:
    insight_id: int
    score: float
    shared: list[str]
    # The note's nearest example is one of this insight's (asked only of a note whose best
    # match reaches JOIN).
    nearest: bool = False


@dataclass(frozen=True)
class Example:
    """A note as the prototypes see it."""

    insight_id: int
    area_id: int
    text: str
    kind: str = ""
    themes: tuple[str, ...] = ()


@dataclass
class Prototypes:
    features: Features
    by_area: dict[int, list[Prototype]] = field(default_factory=dict)
    # Per area, the lemmas and matters of its prototypes (for a cheap first test).
    words: dict[int, set[str]] = field(default_factory=dict)
    # Per area, feature -> (position in by_area, weight) of its prototypes.
    index: dict[int, dict[str, list[tuple[int, float]]]] = field(default_factory=dict)
    # Per area, feature -> (example, weight) of the first EXAMPLES_COMPARED examples of each
    # prototype, and per example the position of its prototype in by_area.
    example_index: dict[int, dict[str, list[tuple[int, float]]]] = field(default_factory=dict)
    owner: dict[int, list[int]] = field(default_factory=dict)
    _matches: dict[tuple, tuple[Match, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls, features: Features, examples: list[Example], rejected: list[Example] = ()
    ) -> Prototypes:
        """From curated notes and notes a manager refused for an insight (area unused)."""
        sums: dict[tuple[int, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        terms: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
        vectors: dict[tuple[int, int], list[dict[str, float]]] = defaultdict(list)
        for example in examples:
            group = (example.insight_id, example.area_id)
            vector = _vector(features, example)
            if len(vectors[group]) < EXAMPLES_COMPARED:  # only these are compared one by one
                vectors[group].append(vector)
            for feature, weight in vector.items():
                sums[group][feature] += weight
            for term, weight in features.vocabulary.terms(example.text).items():
                terms[group][term] = max(weight, terms[group].get(term, 0.0))
        refused: dict[int, list[dict[str, float]]] = defaultdict(list)
        for example in rejected:
            refused[example.insight_id].append(_vector(features, example))
        prototypes = cls(features=features)
        for (insight_id, area_id), total in sorted(sums.items()):
            prototypes.by_area.setdefault(area_id, []).append(
                Prototype(
                    insight_id=insight_id,
                    area_id=area_id,
                    vector=dict(total),
                    length=norm(total),
                    terms=terms[(insight_id, area_id)],
                    rejected=refused.get(insight_id, []),
                )
            )
        for area_id, found in prototypes.by_area.items():
            index: dict[str, list[tuple[int, float]]] = defaultdict(list)
            example_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
            owner: list[int] = []
            for position, prototype in enumerate(found):
                for feature, weight in prototype.vector.items():
                    index[feature].append((position, weight))
                for vector in vectors[(prototype.insight_id, area_id)]:
                    for feature, weight in vector.items():
                        example_index[feature].append((len(owner), weight))
                    owner.append(position)
            prototypes.index[area_id] = dict(index)
            prototypes.example_index[area_id] = dict(example_index)
            prototypes.owner[area_id] = owner
            prototypes.words[area_id] = {
                term for p in found for term, w in p.terms.items() if w > GENERIC_WEIGHT
            } | {feature for p in found for feature in p.vector if feature.startswith("x:")}
        return prototypes

    def matches(
        self, area_id: int, text: str, *, kind: str = "", themes: tuple[str, ...] = ()
    ) -> list[Match]:
        """Curated insights of the area the note resembles (score >= SUGGEST), best first
        (cached: notes often share a text, and the job asks again for notes it re-places)."""
        candidates = self.by_area.get(area_id)
        if not candidates:
            return []
        key = (area_id, text, kind, themes)
        cached = self._matches.get(key)
        if cached is None:
            cached = self._find(candidates, area_id, text, kind, themes)
            if len(self._matches) < MATCHES_CACHED:
                self._matches[key] = cached
        return list(cached)

    def _find(
        self,
        candidates: list[Prototype],
        area_id: int,
        text: str,
        kind: str,
        themes: tuple[str, ...],
    ) -> tuple[Match, ...]:
        if not self._may_match(area_id, text, kind, themes):
            return ()
        vector = self.features.vector(text=text, kind=kind, themes=themes)
        # One pass over the note's features through the area's index; the note's vector
        # has unit length, so the cosine is the dot product over the prototype's length.
        dots = [0.0] * len(candidates)
        index = self.index[area_id]
        for feature, weight in vector.items():
            for position, other in index.get(feature, ()):
                dots[position] += weight * other
        found = []
        for position, (prototype, dot) in enumerate(zip(candidates, dots, strict=True)):
            score = dot / prototype.length
            if score < SUGGEST:
                continue
            if any(cosine(vector, negative) >= score for negative in prototype.rejected):
                continue  # the manager refused a note like this one for this insight
            found.append((score, prototype.insight_id, position, prototype))
        found.sort(key=lambda f: (-f[0], f[1]))
        # Only a note that may join its best match is compared with single examples.
        nearest = self._nearest(area_id, vector) if found and found[0][0] >= JOIN else None
        return tuple(
            Match(insight_id, score, self._shared(text, prototype), nearest=position == nearest)
            for score, insight_id, position, prototype in found
        )

    def _nearest(self, area_id: int, vector: dict[str, float]) -> int:
        """The position in by_area of the prototype owning the note's nearest example."""
        owner = self.owner[area_id]
        dots = [0.0] * len(owner)
        index = self.example_index[area_id]
        for feature, weight in vector.items():
            for example, other in index.get(feature, ()):
                dots[example] += weight * other
        return owner[max(range(len(owner)), key=lambda e: (dots[e], -owner[e]))]

    def _may_match(self, area_id: int, text: str, kind: str, themes: tuple[str, ...]) -> bool:
        """Whether the note shares an informative lemma or a matter with a prototype of the area: a
        note sharing neither never reached JOIN on the dev corpus (its n-grams alone are
        too little), and this test costs a fraction of the note's vector."""
        words = self.words[area_id]
        terms = self.features.vocabulary.terms(text)
        if any(term in words for term, weight in terms.items() if weight > GENERIC_WEIGHT):
            return True
        return any(f"x:{slug}" in words for slug in self.features.matters(text, kind, themes))

    def best(self, matches: list[Match], *, kind: str = "") -> Match | None:
        """The match a note joins: the best, when it reaches JOIN (PRAISE_JOIN for a
        thanks) and the note's nearest example is one of its insight's. (A margin over
        the second best gained nothing on the dev corpus; the nearest example's agreement
        keeps out notes between two matters.)"""
        if not matches or not matches[0].nearest:
            return None
        needed = max(JOIN, PRAISE_JOIN) if kind in PRAISE_KINDS else JOIN
        return matches[0] if matches[0].score >= needed else None

    def refused(
        self,
        area_id: int,
        insight_id: int,
        text: str,
        *,
        kind: str = "",
        themes: tuple[str, ...] = (),
    ) -> bool:
        """Whether a manager refused a note like this one for the curated insight: it
        resembles a refused note at JOIN or more, and at least as much as the insight's
        prototype (the rule `matches` keeps, for a note the lexicon sends by its matter)."""
        prototype = next(
            (p for p in self.by_area.get(area_id, ()) if p.insight_id == insight_id), None
        )
        if prototype is None or not prototype.rejected:
            return False
        vector = self.features.vector(text=text, kind=kind, themes=themes)
        closest = max(cosine(vector, negative) for negative in prototype.rejected)
        return closest >= max(JOIN, cosine(vector, prototype.vector))

    def knows(self, area_id: int, insight_id: int) -> bool:
        """Whether the curated insight has a prototype in the area."""
        return any(p.insight_id == insight_id for p in self.by_area.get(area_id, ()))

    def _shared(self, text: str, prototype: Prototype) -> list[str]:
        terms = self.features.vocabulary.terms(text)
        shared = [
            term
            for term, weight in terms.items()
            if min(weight, prototype.terms.get(term, 0.0)) > GENERIC_WEIGHT
        ]
        return sorted(shared)[:MAX_SHARED]


def _vector(features: Features, example: Example) -> dict[str, float]:
    return features.vector(text=example.text, kind=example.kind, themes=example.themes)
