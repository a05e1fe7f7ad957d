"""Open-vocabulary groups: notes no lexicon matter covers, joined by their own words.

A note the lexicon finds no matter for joins the open-vocabulary group of its service area
whose signature it resembles most, when the similarity reaches JOIN (calibrated on the
development corpus for precision); otherwise it starts a group of its own, keyed by its
signature ("a<area>:v:<term>+<term>..."). The group's signature is its first note's, read
back from the key, so a group never drifts and needs no storage beyond the insight's key.

Notes are assigned in id order in both runs: a rebuild starts with no groups and meets
them in the order the incremental runs created them, so rebuild equals incremental. An
incremental run loads the groups of its batch's areas from the insights' keys (one query).
Candidates come from an inverted index over informative terms: the cost per note is the
few groups sharing one of its words, never every group. They are cached per area and text
until the area gains a group, which after the first notes of an area is rare: most notes
repeat a text the area has met.

Notes that come close (SUGGEST <= similarity < JOIN) are not joined; the job suggests the
group to a manager instead (see suggestions).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .normalise import Analyser
from .vocab import GENERIC_WEIGHT, Vocabulary, signature, similarity
from .vocab_data import GENERIC, SWEDISH_GENERIC

JOIN = 0.35
SUGGEST = 0.2
KEY_LENGTH = 80
MAX_CANDIDATES = 200
CANDIDATES_CACHED = 200_000  # texts per area; a few hundred bytes each


@dataclass
class Candidate:
    key: str
    score: float
    shared: list[str]


def key_for(area_id: int, terms: dict[str, float]) -> str:
    """The key of a new group: its area and its heaviest terms, as many as fit."""
    key = f"a{area_id}:v:"
    for term in signature(terms):
        if "+" in term or "/" in term:
            continue
        piece = term if key.endswith(":v:") else f"+{term}"
        if len(key) + len(piece) > KEY_LENGTH - 12:  # room for a continuation suffix
            break
        key += piece
    return key


def terms_of_key(key: str) -> dict[str, float]:
    """A group's signature, read back from its key."""
    body = key.split(":v:", 1)[1].split("/", 1)[0]
    generic = GENERIC | SWEDISH_GENERIC
    return {term: GENERIC_WEIGHT if term in generic else 1.0 for term in body.split("+") if term}


@dataclass
class OpenGroups:
    """The open-vocabulary groups of the areas a run has met, with their term index."""

    vocabulary: Vocabulary
    groups: dict[int, dict[str, dict[str, float]]] = field(default_factory=dict)
    index: dict[int, dict[str, set[str]]] = field(default_factory=dict)
    # Per area, text -> its candidates among the area's groups as they are now, and
    # informative term -> the cached texts that have it (what a new group makes stale).
    _candidates: dict[int, dict[str, list[Candidate]]] = field(default_factory=dict, repr=False)
    _cached_by_term: dict[int, dict[str, set[str]]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, analyser: Analyser, stopwords: frozenset[str]) -> OpenGroups:
        return cls(vocabulary=Vocabulary(analyser, stopwords))

    def forget(self) -> None:
        """Drop what was loaded: another run may have added groups since (runs take turns
        batch by batch), so an incremental batch reads its areas' groups afresh."""
        self.groups.clear()
        self.index.clear()
        self._candidates.clear()
        self._cached_by_term.clear()

    def area_known(self, area_id: int) -> bool:
        return area_id in self.groups

    def area_load(self, area_id: int, keys: list[str]) -> None:
        self.groups.setdefault(area_id, {})
        self.index.setdefault(area_id, defaultdict(set))
        for key in keys:
            self._add(area_id, key.split("/", 1)[0])

    def _add(self, area_id: int, key: str) -> None:
        groups = self.groups.setdefault(area_id, {})
        if key in groups:
            return
        terms = terms_of_key(key)
        groups[key] = terms
        index = self.index.setdefault(area_id, defaultdict(set))
        cached = self._candidates.get(area_id, {})
        cached_by_term = self._cached_by_term.get(area_id, {})
        for term, weight in terms.items():
            if weight > GENERIC_WEIGHT:
                index[term].add(key)
                # Texts sharing the term may now come close to this group: found afresh.
                for text in cached_by_term.pop(term, ()):
                    cached.pop(text, None)

    def candidates(self, area_id: int, terms: dict[str, float]) -> list[Candidate]:
        """Groups of the area sharing an informative term, best first (then by key)."""
        index = self.index.get(area_id, {})
        keys: set[str] = set()
        for term, weight in terms.items():
            if weight > GENERIC_WEIGHT:
                keys |= index.get(term, set())
        groups = self.groups.get(area_id, {})
        found = []
        for key in sorted(keys)[:MAX_CANDIDATES]:
            score, shared = similarity(terms, groups[key])
            if score >= SUGGEST and shared:
                found.append(Candidate(key, score, shared))
        found.sort(key=lambda c: (-c.score, c.key))
        return found

    def assign(self, area_id: int, text: str) -> tuple[str | None, list[Candidate]]:
        """The key of the group the note joins (a new one when none is close enough), and
        the groups it came close to without joining. None when the note has no words."""
        terms = self.vocabulary.terms(text)
        if not any(weight > GENERIC_WEIGHT for weight in terms.values()):
            return None, []
        cached = self._candidates.setdefault(area_id, {})
        found = cached.get(text)
        if found is None:
            found = self.candidates(area_id, terms)
            if len(cached) < CANDIDATES_CACHED:
                cached[text] = found
                cached_by_term = self._cached_by_term.setdefault(area_id, {})
                for term, weight in terms.items():
                    if weight > GENERIC_WEIGHT:
                        cached_by_term.setdefault(term, set()).add(text)
        if found and found[0].score >= JOIN:
            return found[0].key, []
        key = key_for(area_id, terms)
        self._add(area_id, key)
        return key, found[:3]
