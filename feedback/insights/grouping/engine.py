"""Grouping notes into insights: deterministic, order-independent, precision first.

Each note is placed by a pure function of the note itself, the lexicon and the curated
examples, never of the other uncurated notes. That is what makes the result independent of
arrival order and makes a full rebuild equal to incremental runs.

1. Curated examples first: a note that closely resembles notes a manager placed in an
   insight of the same service area joins that insight ("learning from curation").
2. Otherwise the concept lexicon scores each service matter from the note's lemmas and
   compound parts, the worker's themes and the kind of note; a clear winner gives the key
   "area + matter". A curated insight of that area whose examples are about the same matter
   takes the note instead.
3. Otherwise the note is grouped only with notes saying the same thing in the same words
   (same content lemmas) in the same area. Two insights about one matter cost one click to
   merge; a wrong merge misleads, so an unsure note stays apart.

The job refines step 3 (see unsure): a note like a curated insight's prototype joins it,
and otherwise it joins an open-vocabulary group of its area when confident (openvocab),
with suggestions for the close calls. Open-vocabulary groups depend on the notes before
it (in id order), so they are the same in a rebuild and in incremental runs, but not
independent of arrival order like steps 1-2.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .lexicon import MIN_PREFIX, Lexicon, Term
from .normalise import Analyser, fold, tokens

# Tuned for precision on the labelled corpus (see test_grouping_quality); the odd-id half
# chose them and the even-id half confirms them.
MIN_SCORE = 2.0
MIN_MARGIN = 1.5  # the best matter must outscore the second by this factor
NEGATIVE_FACTOR = 0.4
THEME_BONUS = 0.5
EXAMPLE_MIN_SIMILARITY = 0.45
EMBEDDING_MIN_SIMILARITY = 0.85  # only with an embedding backend configured
# A note whose words point at a matter without deciding it (too little evidence, or two
# matters too close) is offered to its two best matters from this score on, for a manager.
CLOSE_CALL_MIN_SCORE = 1.5

# The worker's theme tags lend weight to the matters they cover; never enough alone.
THEME_CONCEPTS: dict[str, frozenset[str]] = {
    "booking-access": frozenset(
        {
            "phone_access",
            "appointment_availability",
            "dental_queue",
            "digital_booking",
            "chat_service",
            "opening_hours",
            "social_worker_reach",
            "mental_health_access",
            "referral_information",
        }
    ),
    "waiting": frozenset(
        {
            "waiting_room_delay",
            "delay_information",
            "appointment_availability",
            "dental_queue",
            "phone_access",
            "benefit_processing",
            "mental_health_access",
            "lab_results",
        }
    ),
    "information": frozenset(
        {
            "delay_information",
            "lab_results",
            "referral_information",
            "plain_language_letters",
            "reminders",
            "signage",
            "service_language",
            "interpreters",
        }
    ),
    "respect": frozenset(
        {"kind_treatment", "not_listened", "rushed_visits", "privacy_at_reception"}
    ),
    "continuity": frozenset({"staff_continuity", "homecare_visit_times", "rushed_visits"}),
    "premises": frozenset(
        {
            "accessibility",
            "signage",
            "cleanliness",
            "waiting_room_comfort",
            "parking",
            "privacy_at_reception",
        }
    ),
    "digital": frozenset({"digital_booking", "chat_service", "reminders"}),
    "service-content": frozenset(
        {
            "homecare_food",
            "homecare_cleaning_help",
            "medication",
            "assistive_devices",
            "family_coaching",
            "homecare_visit_times",
            "rushed_visits",
        }
    ),
    "fees": frozenset({"fees"}),
}
PRAISE_KINDS = frozenset({"thanks", "good_experience"})
# A thanks is often about a matter ("the ride came on time all week, thanks"): the kind of
# note lends kind treatment less than a word would, so that it rarely outweighs the matter.
PRAISE_BONUS = 0.5

# Words that name a service or its staff say where the client was, which the unit and the
# service area already tell; they must not decide the matter ("hammaslääkäri" in a note of
# the dental clinic is not a sign of the dental queue). They count at most SETTING_WEIGHT.
SETTING_WORDS = frozenset(
    fold(word)
    for word in (
        "hammas",
        "hampa",
        "hammaslääkäri",
        "hammaslääk",
        "hammaslekuri",
        "hammashoito",
        "hammashoid",
        "hammashoitola",
        "hammashuolto",
        "hammashoitaja",
        "hammasklinikka",
        "tandläkare",
        "tandvård",
        "tand",
        "tänder",
        "tandhygienist",
        "hemtjänst",
        "socialarbetare",
        "rådgivning",
        "sosiaalityöntekijä",
        "sosiaalityönt",
        "sossu",
        "sosiaalitoimisto",
        "neuvola",
        "kotihoito",
        "kotihoid",
        "terveysasema",
        "hälsostation",
        "hemvård",
        "toimeentulotuki",
        "toimeentulotu",
        "toimeentulo",
        "toimari",
        "utkomststöd",
    )
)
SETTING_WEIGHT = 0.5


@dataclass(frozen=True)
class NoteInput:
    id: int
    text: str
    kind: str = ""
    themes: tuple[str, ...] = ()
    unit_id: int = 0
    area_id: int = 0


@dataclass(frozen=True)
class Analysis:
    forms: tuple[tuple[str, ...], ...]  # per token, its folded forms
    content: frozenset[str]  # one representative form per non-stopword token


@dataclass(frozen=True)
class Placement:
    key: str | None  # grouping key of an automatic insight, or None
    insight_id: int | None  # a curated insight the note joins, or None
    concept: str | None
    reason: str  # "example", "concept", "concept-curated", "text", "prototype", "vocab"
    # (target, score, shared terms, reason): insights the note may belong to, for a manager
    # to decide; target is an insight id or an open-vocabulary group's key.
    suggestions: tuple = ()


@dataclass
class Example:
    insight_id: int
    area_id: int
    content: frozenset[str]
    concept: str | None
    text: str = ""


@dataclass
class Grouper:
    lexicon: Lexicon
    analyser: Analyser
    examples: list[Example] = field(default_factory=list)
    embedding: object | None = None  # optional backend, see grouping.embedding
    # Set by the job (placement.grouper_build): open-vocabulary groups and the curated
    # insights' prototypes; a rebuild meets the groups afresh in note order.
    open_groups: object | None = None
    prototypes: object | None = None
    rebuilding: bool = False
    _score_cache: dict = field(default_factory=dict, repr=False)
    _analysis_cache: dict = field(default_factory=dict, repr=False)
    _close_call_cache: dict = field(default_factory=dict, repr=False)
    # The examples by area, and each area's curated insight per matter, for the list
    # `examples` was when they were made (callers assign a new list, never edit one).
    _examples_source: list | None = field(default=None, repr=False)
    _examples_by_area: dict = field(default_factory=dict, repr=False)
    _example_words: dict = field(default_factory=dict, repr=False)  # area -> word -> positions
    _curated_cache: dict = field(default_factory=dict, repr=False)

    # -- analysis ---------------------------------------------------------------------
    def analyse(self, text: str) -> Analysis:
        """The text's forms and content words; many notes share a text (cached)."""
        cached = self._analysis_cache.get(text)
        if cached is None:
            cached = self._analyse(text)
            if len(self._analysis_cache) < 100_000:
                self._analysis_cache[text] = cached
        return cached

    def _analyse(self, text: str) -> Analysis:
        forms = tuple(self.analyser.forms(word) for word in tokens(text))
        stop = self.lexicon.stopwords
        content = frozenset(
            min(f, key=lambda form: (len(form), form))
            for f in forms
            if not any(form in stop for form in f) and len(f[0]) > 1
        )
        return Analysis(forms=forms, content=content)

    def _matched_words(self, analysis: Analysis) -> dict[str, set[int]]:
        """Term word -> indexes of the tokens it matches (exactly, or as a stem prefix)."""
        vocabulary = self.lexicon.vocabulary
        matched: dict[str, set[int]] = {}
        for index, token_forms in enumerate(analysis.forms):
            for form in token_forms:
                if form in vocabulary:
                    matched.setdefault(form, set()).add(index)
                for length in range(MIN_PREFIX, len(form)):
                    prefix = form[:length]
                    if prefix in vocabulary:
                        matched.setdefault(prefix, set()).add(index)
        return matched

    def _lexicon_scores(self, analysis: Analysis) -> dict[int, float]:
        """Concept position -> score from the words alone (cached per text by the caller).

        Evidence is counted once: a token counts once per matter with its best single-word
        term, a word the note repeats counts once, and a term of several words needs that
        many different tokens (the parts of one compound are the compound's own term) and
        shares none of them with a heavier such term of the same matter.
        """
        matched = self._matched_words(analysis)
        # The same word written twice ("lääkkeisiin ... lääkkeet") is one piece of evidence.
        same_word = [min(forms, key=lambda form: (len(form), form)) for forms in analysis.forms]

        best: dict[tuple[int, str], float] = {}
        for word, indexes in matched.items():
            cap = SETTING_WEIGHT if word in SETTING_WORDS else None
            for position, weight in self.lexicon.single_index.get(word, ()):
                if cap is not None:
                    weight = min(weight, cap)
                for index in indexes:
                    key = (position, same_word[index])
                    if weight > best.get(key, 0):
                        best[key] = weight
        totals: dict[int, float] = defaultdict(float)
        for (position, _word), weight in best.items():
            totals[position] += weight
        used: dict[int, set[int]] = defaultdict(set)
        # Only terms whose first word the note has can match: found through their first
        # word, in multi_terms' order (heaviest first).
        multi_by_first = self.lexicon.multi_by_first
        candidates = sorted(
            item for word in matched if word in multi_by_first for item in multi_by_first[word]
        )
        for _rank, position, term in candidates:
            covered = _cover(term, matched)
            if covered is None or covered & used[position]:
                continue
            used[position] |= covered
            totals[position] += term.weight
        for position in list(totals):
            if any(
                negative.words[0] in matched and _cover(negative, matched) is not None
                for negative in self.lexicon.concepts[position].negatives
            ):
                totals[position] *= NEGATIVE_FACTOR
        return dict(totals)

    def concept_scores(self, note: NoteInput, analysis: Analysis) -> dict[str, float]:
        cached = self._score_cache.get(analysis.forms)
        if cached is None:
            cached = self._lexicon_scores(analysis)
            if len(self._score_cache) < 100_000:
                self._score_cache[analysis.forms] = cached
        scores: dict[str, float] = {}
        for position, total in cached.items():
            if total <= 0:
                continue
            slug = self.lexicon.concepts[position].slug
            for theme in note.themes:
                if slug in THEME_CONCEPTS.get(theme, ()):
                    total += THEME_BONUS
            if slug == "kind_treatment" and note.kind in PRAISE_KINDS:
                total += PRAISE_BONUS
            scores[slug] = total
        return scores

    def best_concept(self, note: NoteInput, analysis: Analysis) -> str | None:
        ranked = sorted(self.concept_scores(note, analysis).items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < MIN_SCORE:
            return None
        if len(ranked) > 1 and ranked[0][1] < MIN_MARGIN * ranked[1][1]:
            return None
        return ranked[0][0]

    def close_calls(self, note: NoteInput) -> list[tuple[str, float, list[str]]]:
        """(matter, score, the note's words for it) of the matters a note points at without
        a clear winner: up to two, best first, each with words of the note to show. The
        score is the matter's share of their evidence, scaled down while that evidence is
        below MIN_SCORE."""
        key = (note.text, note.kind, note.themes)
        cached = self._close_call_cache.get(key)
        if cached is not None:
            return [(slug, score, list(words)) for slug, score, words in cached]
        analysis = self.analyse(note.text)
        ranked = sorted(self.concept_scores(note, analysis).items(), key=lambda kv: (-kv[1], kv[0]))
        ranked = [(slug, total) for slug, total in ranked[:2] if total >= CLOSE_CALL_MIN_SCORE]
        evidence = sum(total for _slug, total in ranked)
        matched = self._matched_words(analysis) if ranked else {}
        calls = [
            (
                slug,
                round(min(total / MIN_SCORE, 1.0) * total / evidence, 3),
                self._words_for(note.text, analysis, slug, matched),
            )
            for slug, total in ranked
        ]
        # A matter pointed at only by little words ("palaute", "kaikki") is no call a
        # manager could judge: the suggestion would name no word of the note.
        calls = [call for call in calls if call[2]]
        if len(self._close_call_cache) < 100_000:
            self._close_call_cache[key] = tuple((s, c, tuple(w)) for s, c, w in calls)
        return calls

    def _words_for(
        self, text: str, analysis: Analysis, slug: str, matched: dict[str, set[int]]
    ) -> list[str]:
        """The note's own words that the matter's terms matched, in the note's order (not
        "ei" or other little words a phrase needed, which tell a manager nothing)."""
        concept = self.lexicon.concepts[self.lexicon.positions[slug]]
        words = {word for term in concept.terms for word in term.words}
        stop = self.lexicon.stopwords
        written = tokens(text)
        indexes = sorted(
            i
            for i in {i for word, found in matched.items() if word in words for i in found}
            if len(written[i]) > 2 and not any(form in stop for form in analysis.forms[i])
        )
        return list(dict.fromkeys(written[i] for i in indexes))

    # -- placement --------------------------------------------------------------------
    def place(self, note: NoteInput) -> Placement:
        analysis = self.analyse(note.text)
        concept = self.best_concept(note, analysis)
        example = self._best_example(note, analysis, concept)
        if example is not None:
            return Placement(None, example.insight_id, concept, "example")
        if concept is not None:
            curated = self.curated_for_concept(note.area_id, concept)
            if curated is not None:
                return Placement(None, curated, concept, "concept-curated")
        return self.place_uncurated(note, concept, analysis)

    def place_uncurated(
        self, note: NoteInput, concept: str | None, analysis: Analysis | None = None
    ) -> Placement:
        """Where the note goes by its words alone, curated insights aside: its matter's own
        insight of the area, or else the area's group of notes of the same words."""
        if concept is not None:
            return Placement(f"a{note.area_id}:c:{concept}", None, concept, "concept")
        analysis = analysis or self.analyse(note.text)
        digest = hashlib.sha1(  # noqa: S324 - a grouping key, not security
            " ".join(sorted(analysis.content)).encode()
        ).hexdigest()[:16]
        if not analysis.content:
            digest = f"n{note.id}"
        return Placement(f"a{note.area_id}:t:{digest}", None, None, "text")

    def _best_example(
        self, note: NoteInput, analysis: Analysis, concept: str | None
    ) -> Example | None:
        best: tuple[float, int] | None = None
        chosen = None
        examples = self._examples_in(note.area_id)
        # Only examples sharing a content word can reach EXAMPLE_MIN_SIMILARITY (above 0).
        by_word = self._example_words[note.area_id] if examples else {}
        sharing = sorted({i for word in analysis.content for i in by_word.get(word, ())})
        for example in (examples[i] for i in sharing):
            if concept and example.concept and example.concept != concept:
                continue  # the lexicon clearly says another matter
            similarity = _jaccard(analysis.content, example.content)
            if similarity < EXAMPLE_MIN_SIMILARITY:
                continue
            rank = (similarity, -example.insight_id)
            if best is None or rank > best:
                best, chosen = rank, example
        if chosen is None and concept is None and self.embedding is not None:
            # The lexicon found no matter; an embedding may still recognise the example.
            for example in examples:
                similarity = self.embedding.similarity(note.text, example.text)
                rank = (similarity, -example.insight_id)
                if similarity >= EMBEDDING_MIN_SIMILARITY and (best is None or rank > best):
                    best, chosen = rank, example
        return chosen

    def _examples_in(self, area_id: int) -> list[Example]:
        """The area's examples, in the order of `examples` (indexed once per list: a note
        compares itself with its own area's examples only)."""
        if self._examples_source is not self.examples:
            by_area: dict[int, list[Example]] = defaultdict(list)
            for example in self.examples:
                by_area[example.area_id].append(example)
            self._examples_by_area = dict(by_area)
            self._example_words = {}
            for area, found in self._examples_by_area.items():
                words: dict[str, list[int]] = defaultdict(list)
                for position, example in enumerate(found):
                    for word in example.content:
                        words[word].append(position)
                self._example_words[area] = dict(words)
            self._curated_cache = {}
            self._examples_source = self.examples
        return self._examples_by_area.get(area_id, [])

    def curated_for_concept(self, area_id: int, concept: str) -> int | None:
        examples = self._examples_in(area_id)
        key = (area_id, concept)
        if key in self._curated_cache:
            return self._curated_cache[key]
        votes: Counter[int] = Counter()
        totals: Counter[int] = Counter()
        for example in examples:
            totals[example.insight_id] += 1
            if example.concept == concept:
                votes[example.insight_id] += 1
        # The insight whose examples are mostly about this matter; most examples, then oldest.
        candidates = [(-votes[i], i) for i in votes if votes[i] * 2 > totals[i]]
        found = min(candidates)[1] if candidates else None
        self._curated_cache[key] = found
        return found

    def example_from(self, *, insight_id: int, note: NoteInput) -> Example:
        analysis = self.analyse(note.text)
        return Example(
            insight_id=insight_id,
            area_id=note.area_id,
            content=analysis.content,
            concept=self.best_concept(note, analysis),
            text=note.text if self.embedding is not None else "",
        )


def _cover(term: Term, matched: dict[str, set[int]]) -> set[int] | None:
    """The tokens a term matches, or None. A term of several words matches only when its
    words fall on as many different tokens: "oma lääkäri" is written in two words, while the
    parts of "omalääkäri" are evidence already counted by its own single-word term."""
    covered: set[int] = set()
    for word in term.words:
        indexes = matched.get(word)
        if not indexes:
            return None
        covered |= indexes
    if len(term.words) > 1 and len(covered) < len(set(term.words)):
        return None
    return covered


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def group(grouper: Grouper, notes: Iterable[NoteInput]) -> dict[int, str]:
    """Note id -> group label, for evaluation without a database."""
    labels = {}
    for note in notes:
        placement = grouper.place(note)
        labels[note.id] = placement.key or f"insight:{placement.insight_id}"
    return labels


def pairwise_scores(
    predicted: dict[int, str], gold: dict[int, str | None]
) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1; notes with gold None are singletons."""
    ids: Sequence[int] = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_pred = predicted[a] == predicted[b]
            same_gold = gold[a] is not None and gold[a] == gold[b]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
