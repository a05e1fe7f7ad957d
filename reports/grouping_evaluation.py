"""Grouping quality on the labelled notes corpus, measured through the real pipeline.

The corpus notes are captured the way a worker captures them (`note_create`, each note in
its own unit of its own service area, so an organisation-wide matter's notes are spread
over several areas), then the real rebuild (`aggregation_run(full=True)`, the path of
`aggregate_notes --full`) groups them.

- Pairwise: a pair of notes counts as together when both land in the same insight (an
  area insight's organisation insight, when it has one, stands for it) and as gold when
  both have the same matter; one-off notes (matter null) must stay alone.
- Placement: for every matter, a manager moves 3 of its notes (the first three in one
  service area: the area with most of the matter's notes) into a new insight; after a
  rebuild, `placement` is the share of the matter's other notes that land there, counting
  only the matter's own notes, and `pulled_in` the share of all other uncurated notes that
  land in some curated insight not of their own matter.

Run it with `manage.py evaluate_grouping --split dev|test`; it works in a transaction that
is rolled back.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from encounters.models import Channel, Membership, ServiceArea, Unit
from feedback.insights.grouping import analyser_name
from feedback.insights.grouping.engine import pairwise_scores
from feedback.insights.services import note_move
from feedback.models import Insight, InsightScope, Note, Theme
from feedback.notes.services import capture_token_new, note_create

from .aggregation import aggregation_run

CORPUS = Path(__file__).resolve().parent.parent / "feedback/tests/data/notes_corpus.json"
CURATED_PER_MATTER = 3


@dataclass
class Figures:
    split: str
    analyser: str
    notes: int
    matters: int
    precision: float
    recall: float
    f1: float
    insights: int
    single_note_insights: int
    placement: float
    placement_notes: int
    pulled_in: float
    curated_matters: int

    def line(self) -> str:
        return (
            f"{self.split} ({self.analyser}, {self.notes} notes, {self.matters} matters): "
            f"precision={self.precision:.3f} recall={self.recall:.3f} f1={self.f1:.3f} "
            f"insights={self.insights} single={self.single_note_insights} "
            f"placement={self.placement:.3f} (of {self.placement_notes}, "
            f"{self.curated_matters} matters) pulled_in={self.pulled_in:.3f}"
        )

    def as_json(self) -> str:
        return json.dumps(asdict(self))


def corpus_split(split: str) -> list[dict]:
    notes = json.loads(CORPUS.read_text(encoding="utf-8"))["notes"]
    return [n for n in notes if split == "all" or n["split"] == split]


def corpus_capture(notes: list[dict]) -> dict[str, int]:
    """Capture the notes in corpus order; returns corpus id -> note id."""
    worker, _ = get_user_model().objects.get_or_create(username="corpus-worker")
    units = {}
    for slug, area_slug in sorted({(n["unit"], n["area"]) for n in notes}):
        area, _ = ServiceArea.objects.get_or_create(slug=area_slug, defaults={"name": area_slug})
        units[slug], _ = Unit.objects.get_or_create(
            slug=slug, defaults={"name": slug, "service_area": area}
        )
        Membership.objects.get_or_create(user=worker, unit=units[slug])
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    ids = {}
    for n in notes:
        extra = {"language": n["lang"]} if _has_language() else {}
        ids[n["id"]] = note_create(
            worker=worker,
            unit=units[n["unit"]],
            channel=Channel.CLINIC,
            kind=n["kind"],
            client_text=n["text"],
            themes=[themes[slug] for slug in n["themes"] if slug in themes],
            token=capture_token_new(),
            **extra,
        ).note.pk
    return ids


def _has_language() -> bool:
    return any(field.name == "language" for field in Note._meta.get_fields())


def top_insights() -> dict[int, int]:
    """Note id -> the insight it counts in: the organisation insight over its insight, if any."""
    has_parent = any(field.name == "parent" for field in Insight._meta.get_fields())
    parent = dict(Insight.objects.values_list("id", "parent_id")) if has_parent else {}
    return {
        note_id: parent.get(insight_id) or insight_id
        for note_id, insight_id in Note.objects.values_list("id", "insight_id")
    }


def evaluate(split: str) -> Figures:
    """Capture the split's notes, rebuild, score; then curate, rebuild and score placement.

    The caller provides a database it may fill (and usually rolls back)."""
    notes = corpus_split(split)
    ids = corpus_capture(notes)
    aggregation_run(full=True)
    top = top_insights()
    predicted = {cid: str(top[nid]) for cid, nid in ids.items()}
    gold = {n["id"]: n["matter"] for n in notes}
    precision, recall, f1 = pairwise_scores(predicted, gold)
    sizes = Counter(top[nid] for nid in ids.values())
    placement, placed_total, pulled_in, curated = _placement(notes, ids)
    return Figures(
        split=split,
        analyser=analyser_name(),
        notes=len(notes),
        matters=len({n["matter"] for n in notes if n["matter"]}),
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        insights=len(sizes),
        single_note_insights=sum(1 for size in sizes.values() if size == 1),
        placement=round(placement, 4),
        placement_notes=placed_total,
        pulled_in=round(pulled_in, 4),
        curated_matters=curated,
    )


def curate(notes: list[dict], ids: dict[str, int]) -> tuple[dict[str, int], set[str]]:
    """A manager's curation: per matter, 3 notes of one area moved into a new insight.
    Returns matter -> curated insight id, and the curated corpus ids."""
    by_matter: dict[str, list[dict]] = {}
    for n in notes:
        if n["matter"]:
            by_matter.setdefault(n["matter"], []).append(n)
    curated_insight, curated_notes = {}, set()
    for matter, members in sorted(by_matter.items()):
        areas = Counter(n["area"] for n in members)
        area, count = min(areas.items(), key=lambda kv: (-kv[1], kv[0]))
        if count < CURATED_PER_MATTER or len(members) <= CURATED_PER_MATTER:
            continue
        chosen = [n for n in members if n["area"] == area][:CURATED_PER_MATTER]
        first = Note.objects.select_related("unit").get(pk=ids[chosen[0]["id"]])
        insight = Insight.objects.create(
            service_area_id=first.unit.service_area_id,
            scope=InsightScope.AREA,
            title=f"curated {matter}",
            title_edited=True,
        )
        for n in chosen:
            note = Note.objects.select_related("unit").get(pk=ids[n["id"]])
            note_move(note=note, target=insight)
            curated_notes.add(n["id"])
        curated_insight[matter] = insight.pk
    return curated_insight, curated_notes


def _placement(notes: list[dict], ids: dict[str, int]) -> tuple[float, int, float, int]:
    curated_insight, curated_notes = curate(notes, ids)
    aggregation_run(full=True)
    top = top_insights()
    parent = {insight_id: top_of for insight_id, top_of in _insight_tops().items()}
    curated_top = {matter: parent[pk] for matter, pk in curated_insight.items()}
    matter_of_top = {pk: matter for matter, pk in curated_top.items()}
    right = total = pulled = others = 0
    for n in notes:
        if n["id"] in curated_notes:
            continue
        landed = top[ids[n["id"]]]
        if n["matter"] in curated_top:
            total += 1
            right += landed == curated_top[n["matter"]]
        others += 1
        if landed in matter_of_top and matter_of_top[landed] != n["matter"]:
            pulled += 1
    return (
        right / total if total else 0.0,
        total,
        pulled / others if others else 0.0,
        len(curated_insight),
    )


def _insight_tops() -> dict[int, int]:
    has_parent = any(field.name == "parent" for field in Insight._meta.get_fields())
    if not has_parent:
        return {pk: pk for pk in Insight.objects.values_list("id", flat=True)}
    return {pk: parent or pk for pk, parent in Insight.objects.values_list("id", "parent_id")}
