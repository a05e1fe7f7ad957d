"""Features of a note for learning from curation: what a curated insight's prototype is made of.

Three blocks, each scaled to unit length so that none drowns the others, then the whole:

- "l:" the note's open-vocabulary terms (vocab: Voikko lemmas, compound parts, the fi-sv
  bridge), so "peruttiin" meets "perua";
- "c:" character 3-5-grams of its folded words (with word edges), so a typo, a missing
  ä/ö or a dialect form ("myohassa", "ootellaan") still shares most of its pieces with the
  word the examples used;
- "x:" the lexicon's matter scores (engine.concept_scores, the worker's themes included),
  so that notes naming a matter in different words ("kyyti", "taksi", "auto") meet through
  the lexicon's synonyms even where no matter wins outright.

No weights are computed over the notes being grouped (no IDF): a note's vector is a pure
function of the note, which keeps a rebuild equal to incremental runs. Chosen on the dev
part of the corpus (docs/grouping-quality.md): IDF over the notes changed nothing there,
and weighting one block above the others only moved the threshold.
"""

from __future__ import annotations

import math

from . import engine
from .engine import Grouper, NoteInput
from .normalise import fold, tokens
from .vocab import Vocabulary

NGRAMS = (3, 4, 5)
MIN_WORD = 3
# A vector is a few kilobytes: only the last few thousand are kept (prototypes.matches
# caches what a note's vector is needed for); n-grams are cached per word.
CACHE_SIZE = 2_000
WORDS_CACHED = 200_000
# Matter scores count fully from this length on (about one clear lexicon term); a weak hint
# ("hissad" for the lift of accessibility) counts proportionally less.
MATTER_FULL = engine.MIN_SCORE


def norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two vectors (neither needs unit length)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    return dot / (norm(a) * norm(b)) if dot else 0.0


class Features:
    """Feature vectors of notes, of unit length (cached per text, kind and themes).

    Lemma features are keyed by the term itself, character n-grams by "c:<gram>" and
    matters by "x:<slug>": a term has no colon, so the blocks never collide.
    """

    def __init__(self, vocabulary: Vocabulary, grouper: Grouper) -> None:
        self.vocabulary = vocabulary
        self.grouper = grouper
        self._cache: dict[tuple, dict[str, float]] = {}
        self._word_grams: dict[str, tuple[str, ...]] = {}

    def vector(
        self, *, text: str, kind: str = "", themes: tuple[str, ...] = ()
    ) -> dict[str, float]:
        key = (text, kind, themes)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lemmas = self.vocabulary.terms(text)
        grams = self._grams(text)
        matters = self.matters(text, kind, themes)
        # Each block to unit length (matters: below MATTER_FULL proportionally less), then
        # the whole vector.
        lemma_scale, gram_scale, matter_scale = (norm(lemmas), norm(grams), norm(matters))
        matter_length = min(matter_scale / MATTER_FULL, 1.0)
        total = math.sqrt((lemma_scale > 0) + (gram_scale > 0) + matter_length**2) or 1.0
        vector: dict[str, float] = {}
        if lemma_scale:
            factor = 1.0 / (lemma_scale * total)
            for term, weight in lemmas.items():
                vector[term] = weight * factor
        if gram_scale:
            factor = 1.0 / (gram_scale * total)
            for gram, weight in grams.items():
                vector[gram] = weight * factor
        if matter_scale:
            factor = matter_length / (matter_scale * total)
            for slug, score in matters.items():
                vector[f"x:{slug}"] = score * factor
        if len(self._cache) >= CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))  # the oldest
        self._cache[key] = vector
        return vector

    def matters(self, text: str, kind: str, themes: tuple[str, ...]) -> dict[str, float]:
        """The lexicon's matter scores (the engine caches them per text)."""
        note = NoteInput(id=0, text=text, kind=kind, themes=themes)
        return self.grouper.concept_scores(note, self.grouper.analyse(text))

    def _grams(self, text: str) -> dict[str, float]:
        counts: dict[str, int] = {}
        for word in tokens(text):
            for gram in self._grams_of(word):
                counts[gram] = counts.get(gram, 0) + 1
        return {g: 1.0 + math.log(c) if c > 1 else 1.0 for g, c in counts.items()}

    def _grams_of(self, word: str) -> tuple[str, ...]:
        """A word's character n-grams (cached per word: the strings are shared)."""
        cached = self._word_grams.get(word)
        if cached is not None:
            return cached
        folded = fold(word)
        grams: tuple[str, ...] = ()
        if (
            len(folded) >= MIN_WORD
            and folded not in self.vocabulary.stopwords
            and not folded.isdigit()
        ):
            edged = f"<{folded}>"
            grams = tuple(
                "c:" + edged[i : i + n] for n in NGRAMS for i in range(len(edged) - n + 1)
            )
        if len(self._word_grams) < WORDS_CACHED:
            self._word_grams[word] = grams
        return grams
