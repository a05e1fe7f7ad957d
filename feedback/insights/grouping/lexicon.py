"""The concept lexicon compiled for matching: folded terms, weights, negatives.

The lexicon lives in the database (Concept, ConceptTerm; seeded from lexicon_seed and
edited by admins). `Lexicon.from_seed()` builds the same thing straight from the seed file
for tests and tools that have no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .normalise import fold

# Prefix matching of short stems is safe from four letters on; shorter terms (abbreviations
# such as "tk", "kh") must match a whole word form.
MIN_PREFIX = 4


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # folded; one word, or several that must all be present
    weight: float


@dataclass
class ConceptEntry:
    slug: str
    terms: list[Term] = field(default_factory=list)
    negatives: list[Term] = field(default_factory=list)


def parse_term(raw: str) -> Term:
    """ "soittaa takaisin:3" -> Term(("soittaa", "takaisin"), 3.0)."""
    text, _, weight = raw.rpartition(":")
    if not text or not _is_number(weight):
        text, weight = raw, "1"
    return Term(tuple(fold(word) for word in text.split()), float(weight))


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@dataclass
class Lexicon:
    concepts: list[ConceptEntry]
    stopwords: frozenset[str]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word of every term: the matcher looks token forms and their prefixes up here."""
        return frozenset(
            word
            for concept in self.concepts
            for term in [*concept.terms, *concept.negatives]
            for word in term.words
        )

    @cached_property
    def positions(self) -> dict[str, int]:
        """Concept slug -> its position in `concepts`."""
        return {concept.slug: position for position, concept in enumerate(self.concepts)}

    @cached_property
    def multi_terms(self) -> list[tuple[int, Term]]:
        """(concept position, term) of every term of several words, heaviest first (then in
        a fixed order), so that a note's tokens go to the strongest reading of them."""
        terms = [
            (position, term)
            for position, concept in enumerate(self.concepts)
            for term in concept.terms
            if len(term.words) > 1
        ]
        return sorted(terms, key=lambda item: (-item[1].weight, item[0], item[1].words))

    @cached_property
    def multi_by_first(self) -> dict[str, list[tuple[int, int, Term]]]:
        """First word -> (rank in multi_terms, concept position, term): a note's matched
        words pick the few terms it may match, in multi_terms' order once sorted."""
        index: dict[str, list[tuple[int, int, Term]]] = {}
        for rank, (position, term) in enumerate(self.multi_terms):
            index.setdefault(term.words[0], []).append((rank, position, term))
        return index

    @cached_property
    def single_index(self) -> dict[str, list[tuple[int, float]]]:
        """Single-word term -> [(concept position, weight)]."""
        index: dict[str, list[tuple[int, float]]] = {}
        for position, concept in enumerate(self.concepts):
            for term in concept.terms:
                if len(term.words) == 1:
                    index.setdefault(term.words[0], []).append((position, term.weight))
        return index

    @classmethod
    def from_seed(cls) -> Lexicon:
        from . import lexicon_seed

        concepts = []
        for item in lexicon_seed.CONCEPTS:
            entry = ConceptEntry(slug=item["slug"])
            entry.terms = [parse_term(t) for t in [*item["terms"], *item.get("terms_sv", [])]]
            entry.negatives = [parse_term(t) for t in item.get("negative", [])]
            concepts.append(entry)
        return cls(concepts=concepts, stopwords=seed_stopwords())

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, float, bool]]) -> Lexicon:
        """From (concept slug, term, weight, is_negative) rows, in any order."""
        by_slug: dict[str, ConceptEntry] = {}
        for slug, term, weight, negative in sorted(rows):
            entry = by_slug.setdefault(slug, ConceptEntry(slug=slug))
            parsed = Term(tuple(fold(word) for word in term.split()), float(weight))
            (entry.negatives if negative else entry.terms).append(parsed)
        return cls(concepts=[by_slug[s] for s in sorted(by_slug)], stopwords=seed_stopwords())


def seed_stopwords() -> frozenset[str]:
    from . import lexicon_seed

    return frozenset(fold(w) for w in lexicon_seed.STOPWORDS_FI | lexicon_seed.STOPWORDS_SV)


def word_matches(term_word: str, forms: tuple[str, ...]) -> bool:
    """A term word matches a token when one of its forms is the term or, for stems of four
    letters or more, starts with it (the lexicon's stems are written to be safe prefixes)."""
    if len(term_word) < MIN_PREFIX:
        return term_word in forms
    return any(form.startswith(term_word) for form in forms)
