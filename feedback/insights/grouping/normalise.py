"""Text normalisation for grouping: tokens, Voikko lemmas and compound parts, folding.

Every form is lowercased and folded (ä -> a, ö -> o, å -> a), so that "paasee" written
without dots meets "pääsee", and lexicon terms are folded the same way (see lexicon_seed).
Voikko (Debian's libvoikko1 + voikko-fi, through the libvoikko wrapper) gives base forms and
compound parts when it is installed; without it a small suffix-stripping stemmer stands in,
and the lexicon's short stems (matched as prefixes) keep the recall.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[0-9a-zåäöéü]+(?:-[0-9a-zåäöéü]+)*")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_DOTS = {"a": "ä", "o": "ö"}
MAX_DOTTED = 5
_WORDBASE_PART = re.compile(r"\+([^+(]+)\(")
_WORDBASE_BASE = re.compile(r"\(([^+)][^)]*)\)")  # "+vastan(vastata)+n+ut(+ut)" -> vastata

# Spoken Finnish as workers type it: "ollu", "ehtiny" (participles without their -t),
# "tulis", "soitettais" (conditionals cut short), "ootin" (odotin), "ilmottaa" (ilmoittaa).
# When Voikko does not know a word, these standard spellings are tried in turn.
_SPOKEN = (
    (re.compile(r"([nlrs])([uy])$"), r"\1\2t"),
    (re.compile(r"(ttai|ttäi)s$"), r"\1siin"),
    (re.compile(r"is$"), "isi"),
    (re.compile(r"^oot"), "odot"),
    (re.compile(r"ilmott"), "ilmoitt"),
)

# Common Finnish case and possessive endings, longest first; the fallback strips one.
_FI_SUFFIXES = sorted(
    {
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "ksi",
        "tta",
        "ttä",
        "ineen",
        "ista",
        "istä",
        "issa",
        "issä",
        "illa",
        "illä",
        "ilta",
        "iltä",
        "ille",
        "iden",
        "itten",
        "ien",
        "jen",
        "ihin",
        "iin",
        "seen",
        "aan",
        "ään",
        "een",
        "ni",
        "si",
        "nsa",
        "nsä",
        "mme",
        "nne",
        "kin",
        "kaan",
        "kään",
        "han",
        "hän",
        "na",
        "nä",
        "a",
        "ä",
        "n",
        "t",
        "ja",
        "jä",
        "ta",
        "tä",
        "en",
        "et",
        "in",
    },
    key=len,
    reverse=True,
)


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text.lower()).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Lowercased words with their diacritics (Voikko needs ä/ö); hyphenated parts split too."""
    words = _WORD.findall(unicodedata.normalize("NFC", text.lower()))
    out: list[str] = []
    for word in words:
        out.append(word)
        if "-" in word:
            out.extend(part for part in word.split("-") if part)
    return out


def dotted(word: str) -> list[str]:
    """Spellings of a word typed without the dots of ä and ö ("paivatoiminnan" ->
    "päivätoiminnan"), fewest restored letters first; none for a word with more than
    MAX_DOTTED candidate letters (the cost doubles with each)."""
    positions = [i for i, letter in enumerate(word) if letter in "ao"]
    if not positions or len(positions) > MAX_DOTTED:
        return []
    out = []
    for mask in sorted(range(1, 1 << len(positions)), key=lambda m: (m.bit_count(), m)):
        letters = list(word)
        for bit, index in enumerate(positions):
            if mask >> bit & 1:
                letters[index] = _DOTS[letters[index]]
        out.append("".join(letters))
    return out


def swedish_forms(word: str) -> tuple[str, ...]:
    """A Swedish word's base form and, for a compound the dictionary lacks, its parts."""
    from .vocab import swedish_lemma, swedish_parts

    lemma = swedish_lemma(word)
    if lemma != word:
        return (lemma,)
    return swedish_parts(word) or ()


def fallback_stem(word: str) -> str:
    """A crude Finnish stem: one common ending off, never below four letters."""
    for suffix in _FI_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class Analyser:
    """Turns a word into its folded forms: the word itself, lemmas and compound parts."""

    def __init__(self, *, use_voikko: bool = True) -> None:
        self.voikko = _voikko() if use_voikko else None
        self._cache: dict[str, tuple[str, ...]] = {}

    @property
    def backend(self) -> str:
        return "voikko" if self.voikko is not None else "fallback"

    def forms(self, word: str) -> tuple[str, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found = {fold(word)}
        if self.voikko is not None:
            analyses = self._analyses(word)
            if not analyses:  # perhaps Swedish: its base form and a compound's parts
                found.update(fold(form) for form in swedish_forms(word))
            for analysis in analyses:
                base = analysis.get("BASEFORM")
                if base:
                    found.add(fold(base))
                wordbases = analysis.get("WORDBASES", "")
                for part in [
                    *_WORDBASE_PART.findall(wordbases),
                    *_WORDBASE_BASE.findall(wordbases),
                ]:
                    if len(part) >= 3:
                        found.add(fold(part))
        else:
            found.add(fold(fallback_stem(word)))
            for pattern, standard in _SPOKEN[3:]:  # the spellings a prefix match would miss
                spelled = pattern.sub(standard, word)
                if spelled != word:
                    found.update((fold(spelled), fold(fallback_stem(spelled))))
        result = tuple(sorted(found))
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def _analyses(self, word: str) -> list[dict]:
        analyses = self.voikko.analyze(word)
        if analyses:
            return analyses
        for pattern, standard in _SPOKEN:
            spelled = pattern.sub(standard, word)
            if spelled != word:
                analyses = self.voikko.analyze(spelled)
                if analyses:
                    return analyses
        for spelled in dotted(word):
            analyses = self.voikko.analyze(spelled)
            if analyses:
                return analyses
        return []


@lru_cache(maxsize=1)
def _voikko():
    """The Finnish Voikko analyser, or None when libvoikko or its dictionary is missing."""
    if os.environ.get("GROUPING_ANALYSER") == "snowball":  # to measure the fallback
        return None
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:  # noqa: BLE001 - OSError, ImportError or libvoikko's own errors
        return None


def voikko_available() -> bool:
    return _voikko() is not None
