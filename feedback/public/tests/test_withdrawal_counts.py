"""A withdrawn note leaves its insight and every count, and stays out of later runs."""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from encounters.models import Channel, UncountedEncounter
from feedback.models import Insight, Note
from feedback.notes.selectors import note_similar_count
from feedback.notes.services import capture_token_new, note_create
from feedback.public.services import note_withdraw
from reports import statistics
from reports.aggregation import aggregation_run
from reports.models import ALL_THEMES, WeeklyUnitStat

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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_during_the_run_counting_its_encounter_is_counted_by_the_next_run(
    require_postgres, notes, unit, settings, monkeypatch
):
    """The run has claimed the encounter and counted the note; the client withdraws before
    the run commits. The withdrawal waits for the run, and puts the encounter back in the
    outbox for the next run, which counts the week without the note."""
    settings.FEEDBACK_CAPTURE_HOOKS = []
    counted, resume = threading.Event(), threading.Event()
    compute = statistics._stats_postgresql

    def paused(scope=None):
        compute(scope)
        counted.set()
        resume.wait(timeout=30)

    monkeypatch.setattr(statistics, "_stats_postgresql", paused)
    errors = []

    def in_thread(function):
        def run():
            try:
                function()
            except Exception as error:  # noqa: BLE001 - asserted below
                errors.append(error)
            finally:
                connection.close()

        return threading.Thread(target=run)

    counting = in_thread(statistics.stats_pending)
    withdrawing = in_thread(lambda: note_withdraw(note=notes[0]))
    counting.start()
    assert counted.wait(timeout=30)
    assert _counted_notes(unit) == 0  # the run's counts are not committed yet
    withdrawing.start()
    withdrawing.join(timeout=2)  # it waits for the run (ends here only if it did not)
    resume.set()
    counting.join(timeout=30)
    withdrawing.join(timeout=30)

    assert errors == []
    assert _counted_notes(unit) == 3  # the run counted the note before it was withdrawn
    assert list(UncountedEncounter.objects.values_list("encounter_id", flat=True)) == [
        notes[0].encounter_id
    ]
    monkeypatch.setattr(statistics, "_stats_postgresql", compute)
    aggregation_run()
    assert _counted_notes(unit) == 2
    assert not UncountedEncounter.objects.exists()
