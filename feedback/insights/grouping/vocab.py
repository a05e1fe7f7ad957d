"""Open vocabulary: weighted lemmas of a note, for notes no lexicon matter covers.

A note's terms are its content lemmas (Voikko base forms for Finnish, the Snowball stem
where Voikko does not know the word, simplemma's Swedish base forms for Swedish notes, with
the Snowball stem for a word its dictionary lacks), the parts
of its compounds (at half weight), and the Finnish lemma of common Swedish service words
(the fi-sv bridge), so that "tolken" meets "tulkki". Words that occur across many matters
(GENERIC, counted on the development corpus only) weigh little.

`similarity` is a weighted cosine over the terms; callers join two notes only above a
threshold calibrated for precision, and only when they share at least two distinct
informative terms.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .normalise import Analyser, fold, tokens
from .vocab_data import BRIDGE_SV_FI, GENERIC, SWEDISH_GENERIC, SWEDISH_LEMMAS

PART_WEIGHT = 0.5
GENERIC_WEIGHT = 0.2
MIN_TERM = 3
MIN_PART = 3  # shortest part of a Swedish compound
MIN_BRIDGED = 4  # shortest base form the bridge is keyed by ("bo" of "boende" is not)
SIGNATURE_TERMS = 6

_WORDBASE = re.compile(r"\(([^+)][^)]*)\)")  # "+soitto(soitto)+pyyntö(pyyntö)" -> parts
_DIGITS = re.compile(r"^[0-9-]+$")


@lru_cache(maxsize=1)
def _stemmers():
    import snowballstemmer

    return snowballstemmer.stemmer("finnish"), snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=1)
def _bridge() -> dict[str, str]:
    """Swedish word or base form -> Finnish lemma (both folded). The listed word comes first:
    a base form is only added when it is not a word of its own ("tolk" is listed, while
    the dictionary would read it as the verb "tolka")."""
    bridge = {fold(word): fold(lemma) for word, lemma in BRIDGE_SV_FI.items()}
    for word, lemma in BRIDGE_SV_FI.items():
        base = fold(swedish_lemma(word))
        if len(base) >= MIN_BRIDGED:
            bridge.setdefault(base, fold(lemma))
    return bridge


def swedish_lemma(word: str) -> str:
    """The Swedish base form (simplemma's dictionary), or the word itself when unknown.
    The low-memory reader loads in about a second and 20 MB, the plain one takes twice the
    time and 100 MB; they give the same base forms."""
    import simplemma

    if word in SWEDISH_LEMMAS:
        return SWEDISH_LEMMAS[word]
    return simplemma.lemmatize(word, lang="sv", low_memory=True)


def _swedish_known(word: str) -> bool:
    import simplemma

    return simplemma.is_known(word, lang="sv", low_memory=True)


def swedish_parts(word: str) -> tuple[str, str] | None:
    """A Swedish compound's modifier and head lemma ("färdtjänstresor" -> färdtjänst, resa),
    or None. The head is the longest known ending; the modifier may end in a linking -s."""
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        head_lemma = swedish_lemma(head)
        if not (_swedish_known(head) or head_lemma != head):
            continue
        modifier = word[:cut]
        for candidate in (modifier, modifier[:-1] if modifier.endswith("s") else ""):
            if len(candidate) >= MIN_PART and _swedish_known(candidate):
                return swedish_lemma(candidate), head_lemma
    return None


class Vocabulary:
    """Weighted open-vocabulary terms of texts (cached per text)."""

    def __init__(self, analyser: Analyser, stopwords: frozenset[str]) -> None:
        self.analyser = analyser
        self.stopwords = stopwords
        self._word_cache: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}
        self._cache: dict[str, dict[str, float]] = {}

    def terms(self, text: str) -> dict[str, float]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        words = tokens(text)
        swedish = _looks_swedish(words, self.stopwords)
        found: dict[str, float] = {}
        for word in words:
            if len(word) < MIN_TERM or _DIGITS.match(word) or fold(word) in self.stopwords:
                continue
            for term, weight in self._word_terms(word, swedish):
                if term in self.stopwords or len(term) < MIN_TERM:
                    continue
                if term in GENERIC or (swedish and term in SWEDISH_GENERIC):
                    weight = min(weight, GENERIC_WEIGHT)
                if weight > found.get(term, 0.0):
                    found[term] = weight
        if len(self._cache) < 200_000:
            self._cache[text] = found
        return found

    def _word_terms(self, word: str, swedish: bool) -> tuple[tuple[str, float], ...]:
        key = (word, swedish)
        cached = self._word_cache.get(key)
        if cached is None:
            cached = tuple(self._analyse_word(word, swedish))
            if len(self._word_cache) < 200_000:
                self._word_cache[key] = cached
        return cached

    def _analyse_word(self, word: str, swedish: bool) -> list[tuple[str, float]]:
        fi_stemmer, sv_stemmer = _stemmers()
        voikko = self.analyser.voikko
        analyses = [] if swedish or voikko is None else self.analyser._analyses(word)
        if analyses:
            first = analyses[0]
            lemma = fold(first.get("BASEFORM") or word)
            out = [(lemma, 1.0)]
            parts = [fold(p) for p in _WORDBASE.findall(first.get("WORDBASES", ""))]
            if len(parts) > 1:
                out.extend((part, PART_WEIGHT) for part in parts if part != lemma)
            return out
        if swedish:
            return self._swedish_terms(word, sv_stemmer)
        return [(fold(fi_stemmer.stemWord(word)), 1.0)]

    def _swedish_terms(self, word: str, sv_stemmer) -> list[tuple[str, float]]:
        """The lemma (the Snowball stem for a word the dictionary lacks), a compound's parts
        at half weight, and the Finnish lemma of any bridged one."""
        bridge = _bridge()
        lemma = swedish_lemma(word)
        parts: tuple[str, ...] = ()
        if lemma == word and not _swedish_known(word):
            split = swedish_parts(word)
            if split is not None:
                parts = split
                lemma = "".join(split)
            else:
                lemma = sv_stemmer.stemWord(word)
        lemma = fold(lemma)
        out = [(lemma, 1.0)]
        if lemma in bridge:
            out.append((bridge[lemma], 1.0))
        for part in (fold(p) for p in parts):
            out.append((part, PART_WEIGHT))
            if part in bridge:
                out.append((bridge[part], PART_WEIGHT))
        if not parts and lemma not in bridge:  # a compound the dictionary knows whole
            for sv, fi in bridge.items():
                if len(sv) >= 4 and sv != lemma and (lemma.startswith(sv) or lemma.endswith(sv)):
                    out.append((fi, PART_WEIGHT))
        return out


def _looks_swedish(words: list[str], stopwords: frozenset[str]) -> bool:
    from .vocab_data import SWEDISH_MARKERS

    hits = sum(1 for word in words if word in SWEDISH_MARKERS)
    return hits >= 2 or (hits == 1 and len(words) <= 4)


def norm(terms: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in terms.values()))


def similarity(a: dict[str, float], b: dict[str, float]) -> tuple[float, list[str]]:
    """Weighted cosine and the shared informative terms (weight above generic)."""
    if len(a) > len(b):
        a, b = b, a
    dot = 0.0
    shared = []
    for term, weight in a.items():
        other = b.get(term)
        if other:
            dot += weight * other
            if min(weight, other) > GENERIC_WEIGHT:
                shared.append(term)
    if not dot:
        return 0.0, []
    return dot / (norm(a) * norm(b)), sorted(shared)


def signature(terms: dict[str, float], limit: int = SIGNATURE_TERMS) -> dict[str, float]:
    """The heaviest terms (then the longest, then alphabetical): what a group is keyed by."""
    ranked = sorted(terms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return dict(ranked[:limit])
