"""A withdrawn note leaves its insight and every count, and stays out of later runs."""

import pytest
from django.db.models import Sum

from encounters.models import Channel
from feedback.models import Insight, Note
from feedback.selectors import note_similar_count
from feedback.services import capture_token_new, note_create, note_withdraw
from reports.models import ALL_THEMES, WeeklyUnitStat
from reports.services import aggregation_run

WORDS = [
    "Puhelimessa ei pääse läpi, jonotin tunnin.",
    "Puhelimeen ei vastata, jonotin puoli tuntia.",
    "Soitin monta kertaa eikä puhelimeen vastattu, jono oli pitkä.",
]


@pytest.fixture
def notes(worker, unit):
    return [
        note_create(
            worker=worker,
            unit=unit,
            channel=Channel.PHONE,
            kind="problem",
            client_text=text,
            wants_receipt=True,
            token=capture_token_new(),
        ).note
        for text in WORDS
    ]


def _counted_notes(unit) -> int:
    rows = WeeklyUnitStat.objects.filter(unit=unit, theme=ALL_THEMES).exclude(kind="")
    return rows.aggregate(n=Sum("notes"))["n"] or 0


@pytest.mark.django_db
def test_withdrawn_note_leaves_its_insight_and_the_weekly_counts(notes, unit):
    aggregation_run()
    for note in notes:
        note.refresh_from_db()
    assert _counted_notes(unit) == 3
    grouped = [note for note in notes if note.insight_id]
    assert grouped, "the grouping placed the notes"
    insight = Insight.objects.get(pk=grouped[0].insight_id)
    before = insight.note_count
    similar_before = note_similar_count(note=grouped[-1])

    note_withdraw(note=grouped[0])

    insight.refresh_from_db()
    assert insight.note_count == before - 1
    assert note_similar_count(note=grouped[-1]) == max(similar_before - 1, 0)
    aggregation_run()
    assert _counted_notes(unit) == 2
    withdrawn = Note.objects.get(pk=grouped[0].pk)
    assert withdrawn.insight_id is None
    # A full rebuild does not place it again, nor count it.
    aggregation_run(full=True)
    withdrawn.refresh_from_db()
    assert withdrawn.insight_id is None
    assert _counted_notes(unit) == 2
    assert Insight.objects.filter(notes=withdrawn).count() == 0
