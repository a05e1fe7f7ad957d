"""Grouping quality on the labelled corpus, measured through the real pipeline.

Gold: two notes belong together when they are about the same matter in the same service
area (insights are scoped to a unit or a service area, never to the whole organisation).
The figures are printed; the asserts hold the level reached, so a regression fails.
"""

import sys

import pytest

from feedback.insights.grouping import normalise
from feedback.insights.grouping.engine import pairwise_scores
from feedback.insights.services import note_move
from feedback.models import Insight, Note
from feedback.tests.corpus import corpus_load, corpus_notes
from reports.aggregation import aggregation_run

# The level reached, just under the measured figures so that a regression fails; targets
# were P >= 0.9, F1 >= 0.7, placement >= 0.8. Measured: Voikko P 0.942 F1 0.706 placement
# 0.856; fallback P 0.913 F1 0.648 placement 0.824.
# Per backend: with Voikko (CI and this project's machines), and with the fallback stemmer.
MIN_PRECISION = {"voikko": 0.94, "fallback": 0.91}
MIN_F1 = {"voikko": 0.70, "fallback": 0.64}
MIN_PLACEMENT = {"voikko": 0.85, "fallback": 0.82}


def _gold(notes):
    return {n["id"]: f"{n['matter']}@{n['area']}" if n["matter"] else None for n in notes}


def _predicted(ids):
    insight_of = dict(Note.objects.values_list("id", "insight_id"))
    return {corpus_id: str(insight_of[note_id]) for corpus_id, note_id in ids.items()}


@pytest.mark.django_db
def test_grouping_from_scratch_reaches_the_measured_precision_and_f1():
    notes = corpus_notes()
    ids = corpus_load(notes)
    aggregation_run()
    precision, recall, f1 = pairwise_scores(_predicted(ids), _gold(notes))
    backend = "voikko" if normalise.voikko_available() else "fallback"
    print(  # noqa: T201 - the figures are the point of this test
        f"\ngrouping from scratch ({backend}, {len(notes)} notes): "
        f"precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}",
        file=sys.stderr,
    )
    assert precision >= MIN_PRECISION[backend]
    assert f1 >= MIN_F1[backend]
    # Every note was grouped: no experiential knowledge is left unused.
    assert not Note.objects.filter(insight__isnull=True).exists()


@pytest.mark.django_db
def test_notes_are_placed_in_the_curated_insight_of_their_matter():
    """Each matter-and-area cell with at least 4 notes gets 3 curated notes; the rest are
    placed by the job. A note is right when it lands in its cell's curated insight, or, if
    its cell has none (singletons, small cells), in none of the curated insights."""
    notes = sorted(corpus_notes(), key=lambda n: n["id"])
    ids = corpus_load(notes)
    gold = _gold(notes)
    cells: dict[str, list[int]] = {}
    for n in notes:
        if gold[n["id"]]:
            cells.setdefault(gold[n["id"]], []).append(n["id"])
    curated_insight = {}
    curated_notes = set()
    for cell, members in sorted(cells.items()):
        if len(members) < 4:
            continue
        first = Note.objects.select_related("unit").get(pk=ids[members[0]])
        insight = Insight.objects.create(
            service_area_id=first.unit.service_area_id, scope="area", title=cell
        )
        for corpus_id in members[:3]:
            note_move(
                note=Note.objects.select_related("unit").get(pk=ids[corpus_id]), target=insight
            )
            curated_notes.add(corpus_id)
        curated_insight[cell] = insight.pk
    aggregation_run()
    insight_of = dict(Note.objects.values_list("id", "insight_id"))
    curated_ids = set(curated_insight.values())
    right = total = 0
    for n in notes:
        if n["id"] in curated_notes:
            continue
        placed = insight_of[ids[n["id"]]]
        expected = curated_insight.get(gold[n["id"]])
        right += placed == expected if expected else placed not in curated_ids
        total += 1
    accuracy = right / total
    in_cells = sum(
        1 for n in notes if n["id"] not in curated_notes and gold[n["id"]] in curated_insight
    )
    print(  # noqa: T201 - the figures are the point of this test
        f"\nplacement with 3 curated notes per cell ({len(curated_insight)} cells, "
        f"{in_cells} notes to place into them, {total} notes in all): accuracy={accuracy:.3f}",
        file=sys.stderr,
    )
    backend = "voikko" if normalise.voikko_available() else "fallback"
    assert accuracy >= MIN_PLACEMENT[backend]
