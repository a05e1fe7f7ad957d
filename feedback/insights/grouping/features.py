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
CACHE_SIZE = 200_000
# Matter scores count fully from this length on (about one clear lexicon term); a weak hint
# ("hissad" for the lift of accessibility) counts proportionally less.
MATTER_FULL = engine.MIN_SCORE


def _unit(block: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(w * w for w in block.values()))
    return {k: w / length for k, w in block.items()} if length else {}


def _scaled(block: dict[str, float], full: float) -> dict[str, float]:
    """Unit length once the block's length reaches `full`, proportionally shorter below."""
    length = math.sqrt(sum(w * w for w in block.values()))
    return {k: w / max(length, full) for k, w in block.items()} if length else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two vectors (b need not have unit length)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    if not dot:
        return 0.0
    return dot / (
        math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    )


class Features:
    """Feature vectors of notes (cached per text, kind and themes)."""

    def __init__(self, vocabulary: Vocabulary, grouper: Grouper) -> None:
        self.vocabulary = vocabulary
        self.grouper = grouper
        self._cache: dict[tuple, dict[str, float]] = {}

    def vector(
        self, *, text: str, kind: str = "", themes: tuple[str, ...] = ()
    ) -> dict[str, float]:
        key = (text, kind, themes)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lemmas = _unit({f"l:{t}": w for t, w in self.vocabulary.terms(text).items()})
        grams = _unit(self._grams(text))
        note = NoteInput(id=0, text=text, kind=kind, themes=themes)
        scores = self.grouper.concept_scores(note, self.grouper.analyse(text))
        matters = _scaled({f"x:{slug}": s for slug, s in scores.items()}, MATTER_FULL)
        vector = _unit({**lemmas, **grams, **matters})
        if len(self._cache) < CACHE_SIZE:
            self._cache[key] = vector
        return vector

    def _grams(self, text: str) -> dict[str, float]:
        counts: dict[str, float] = {}
        stop = self.vocabulary.stopwords
        for word in tokens(text):
            word = fold(word)
            if len(word) < MIN_WORD or word in stop or word.isdigit():
                continue
            edged = f"<{word}>"
            for n in NGRAMS:
                for i in range(len(edged) - n + 1):
                    gram = "c:" + edged[i : i + n]
                    counts[gram] = counts.get(gram, 0.0) + 1.0
        return {g: 1.0 + math.log(c) for g, c in counts.items()}
