"""Text normalisation for grouping: tokens, Voikko lemmas and compound parts, folding.

Every form is lowercased and folded (ä -> a, ö -> o, å -> a), so that "paasee" written
without dots meets "pääsee", and lexicon terms are folded the same way (see lexicon_seed).
Voikko (Debian's libvoikko1 + voikko-fi, through the libvoikko wrapper) gives base forms and
compound parts when it is installed; without it a small suffix-stripping stemmer stands in,
and the lexicon's short stems (matched as prefixes) keep the recall.

A word Voikko does not know is tried in standard spellings (spoken Finnish, the services'
slang and abbreviations, ä and ö typed without dots: standard_spellings) and, as it may be
Swedish, gets its Swedish base form or compound parts (simplemma's Swedish dictionary).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[0-9a-zåäöéü]+(?:-[0-9a-zåäöéü]+)*")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_NUMBER_UNIT = re.compile(r"^[0-9]+([a-zåäö]+)$")
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
# More of the spoken language, tried alone and then followed by another rule (the last
# one may be a participle's: "kirjottanu" -> kirjoittanut): "oikeesti" (oikeasti),
# "kipee" (kipeä), "lyhytaikanen" (lyhytaikainen), "likaset" (likaiset), "saaha"
# (saada), "uusiks" (uusiksi), "kerranki" (kerrankin), "kattoo"
# (katsoo), "kirjottaa" (kirjoittaa), "kuitenkaa" (kuitenkaan), "vuos" (vuosi), "päevä"
# (päivä).
_SPOKEN_MORE = (
    (re.compile(r"ee"), "ea"),
    (re.compile(r"ee"), "eä"),
    (re.compile(r"([aäeoöuy])(nen|sen|set|sia|siä|sin|senä|sena)$"), r"\1i\2"),
    (re.compile(r"([aeiouyäö])h([aeiouyäö])"), r"\1d\2"),
    (re.compile(r"ks$"), "ksi"),
    (re.compile(r"ki$"), "kin"),
    (re.compile(r"tt"), "ts"),
    (re.compile(r"ott"), "oitt"),
    (re.compile(r"([aä])\1$"), r"\1\1n"),
    (re.compile(r"([^aeiouyäö])$"), r"\1i"),
    (re.compile(r"([aä])e"), r"\1i"),
)
# Slang and abbreviations of the services (general usage, not any client's words), also
# inside a compound or before an ending: "terkkarin" -> terveydenhoitaja, "silmäpolille" ->
# silmäpoliklinikka, "lääk" -> lääkäri, "vk" -> viikko (after "5vk" is split).
SLANG = {
    "terkkari": "terveydenhoitaja",
    "terkka": "terveyskeskus",
    "sossu": "sosiaalityöntekijä",
    "hoitsu": "hoitaja",
    "lekuri": "lääkäri",
    "poli": "poliklinikka",
    "fysio": "fysioterapeutti",
    "labra": "laboratorio",
    "tekstari": "tekstiviesti",
    "työkkäri": "työvoimatoimisto",
    "päiväkoti": "päiväkoti",
    "päikkäri": "päiväkoti",
    "psykka": "psykiatri",
    "kotsari": "kotihoito",
    "inva": "invalidi",
}
ABBREVIATIONS = {
    "lääk": "lääkäri",
    "th": "terveydenhoitaja",
    "sh": "sairaanhoitaja",
    "tk": "terveyskeskus",
    "ta": "terveysasema",
    "vk": "viikko",
    "vko": "viikko",
    "kk": "kuukausi",
    "vkl": "viikonloppu",
    "mt": "mielenterveys",
    "infl": "influenssa",
    "esh": "erikoissairaanhoito",
    "psyk": "psykiatrinen",
    "sos": "sosiaali",
    "h": "tunti",
    "min": "minuutti",
    "e": "euro",
}
MAX_SLANG_ENDING = 4

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
        unit = _NUMBER_UNIT.match(word)
        if unit:  # "5vk", "45min": the unit counts as a word
            out.append(unit.group(1))
    return out


def standard_spellings(word: str):
    """Standard spellings to try, in turn, for a word Voikko does not know (lazily: most
    words need one or two). See _SPOKEN, _SPOKEN_MORE, SLANG, ABBREVIATIONS and dotted."""
    seen = {word}

    def new(spelled: str) -> bool:
        if spelled in seen:
            return False
        seen.add(spelled)
        return True

    if word in ABBREVIATIONS:
        yield ABBREVIATIONS[word]
    for pattern, standard in _SPOKEN:
        spelled = pattern.sub(standard, word)
        if new(spelled):
            yield spelled
    for slang, standard in SLANG.items():
        at = word.rfind(slang)
        if at >= 0 and len(word) - at - len(slang) <= MAX_SLANG_ENDING:
            for spelled in (word[:at] + standard + word[at + len(slang) :], word[:at] + standard):
                if new(spelled):
                    yield spelled
    once = []
    for pattern, standard in _SPOKEN_MORE:
        spelled = pattern.sub(standard, word, count=1)
        if spelled != word:
            once.append(spelled)
            if new(spelled):
                yield spelled
    for spelled in once:
        for pattern, standard in (*_SPOKEN_MORE, _SPOKEN[0]):
            twice = pattern.sub(standard, spelled, count=1)
            if new(twice):
                yield twice
    for spelled in dotted(word):
        if new(spelled):
            yield spelled


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
        self._analyses_cache: dict[str, list[dict]] = {}

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
            found.update(fold(form) for form in swedish_forms(word))
            for pattern, standard in _SPOKEN[3:5]:  # the spellings a prefix match would miss
                spelled = pattern.sub(standard, word)
                if spelled != word:
                    found.update((fold(spelled), fold(fallback_stem(spelled))))
        result = tuple(sorted(found))
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def _analyses(self, word: str) -> list[dict]:
        """Voikko's analyses of the word or of its first standard spelling Voikko knows
        (cached: forms and the open vocabulary both ask, and an unknown word costs many
        tries)."""
        cached = self._analyses_cache.get(word)
        if cached is not None:
            return cached
        found = self.voikko.analyze(word)
        if not found:
            for spelled in standard_spellings(word):
                found = self.voikko.analyze(spelled)
                if found:
                    break
        if len(self._analyses_cache) < 200_000:
            self._analyses_cache[word] = found
        return found


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
