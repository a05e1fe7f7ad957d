"""The monthly note roll-up: the dashboard's unused-knowledge count stays exact with it."""

from datetime import timedelta

import pytest
import time_machine

from feedback.models import Insight, Note, NoteStatus
from reports.models import UnitNoteMonth
from reports.rollups import note_months_refresh, note_months_rollup
from reports.selectors import unused_count_for_report, unused_notes_for_report
from reports.tasks import aggregate_sweep
from reports.tests.test_dashboard import TODAY, note_at


def _both(unit_ids):
    with time_machine.travel(TODAY, tick=False):
        return (
            unused_count_for_report(unit_ids=unit_ids),
            unused_notes_for_report(unit_ids=unit_ids).count(),
        )


@pytest.mark.django_db
def test_unused_count_matches_the_notes_before_and_after_the_rollup(worker, unit, other_unit):
    notes = [note_at(TODAY - timedelta(days=days), worker, unit) for days in (95, 70, 40, 5)]
    note_at(TODAY - timedelta(days=70), worker, other_unit)
    assert _both({unit.pk}) == (3, 3)
    with time_machine.travel(TODAY, tick=False):
        note_months_rollup()
    assert _both({unit.pk}) == (3, 3)
    assert _both({unit.pk, other_unit.pk}) == (4, 4)
    # Answers and reviews after the roll-up count at once.
    Note.objects.filter(pk=notes[0].pk).update(status=NoteStatus.DONE)
    insight = Insight.objects.create(
        scope="unit", unit=unit, service_area=unit.service_area, title="T", reviewed_at=TODAY
    )
    Note.objects.filter(pk=notes[1].pk).update(insight=insight)
    assert _both({unit.pk}) == (1, 1)
    # A month later the roll-up is stale but the count is still exact.
    with time_machine.travel(TODAY + timedelta(days=40), tick=False):
        assert unused_count_for_report(unit_ids={unit.pk}) == 2
        assert unused_notes_for_report(unit_ids={unit.pk}).count() == 2


@pytest.mark.django_db
def test_rollup_is_idempotent(worker, unit):
    note_at(TODAY - timedelta(days=70), worker, unit)
    with time_machine.travel(TODAY, tick=False):
        first = note_months_rollup()
        second = note_months_rollup()
    assert first == second == 1


def _rows():
    return sorted(UnitNoteMonth.objects.values_list("unit_id", "month", "notes"))


@pytest.mark.django_db
def test_back_dated_notes_recount_the_rollup_at_the_next_run(worker, unit, other_unit):
    note_at(TODAY - timedelta(days=70), worker, unit)
    with time_machine.travel(TODAY, tick=False):
        aggregate_sweep()  # the day's first run rolls the months up
        assert note_months_refresh() is None  # nothing new: nothing recounted
    # A seeding or an import puts notes into closed months, later the same day.
    for days in (70, 70, 100):
        note_at(TODAY - timedelta(days=days), worker, unit)
    note_at(TODAY - timedelta(days=40), worker, other_unit)
    with time_machine.travel(TODAY + timedelta(hours=1), tick=False):
        aggregate_sweep()
        after_run = _rows()
        note_months_rollup()  # what a full rebuild writes
    assert after_run == _rows()
    assert sum(notes for _unit, _month, notes in after_run) == 5
    assert _both({unit.pk, other_unit.pk}) == (5, 5)


@pytest.mark.django_db
def test_late_notes_added_to_the_days_rollup_give_what_a_full_recount_gives(
    worker, unit, other_unit
):
    note_at(TODAY - timedelta(days=70), worker, unit)
    note_at(TODAY - timedelta(days=100), worker, other_unit)
    with time_machine.travel(TODAY, tick=False):
        note_months_rollup()
    # Late notes into a month the roll-up has, a month it lacks, and the live month.
    for days, where in ((70, unit), (70, unit), (130, unit), (100, other_unit), (2, unit)):
        note_at(TODAY - timedelta(days=days), worker, where)
    with time_machine.travel(TODAY + timedelta(hours=1), tick=False):
        assert note_months_refresh(counted_on=TODAY.date()) == 3  # months added to
        added = sorted(
            UnitNoteMonth.objects.values_list("unit_id", "month", "notes", "through_note_id")
        )
        assert note_months_refresh(counted_on=TODAY.date()) is None  # each note added once
        note_months_rollup()  # what a full rebuild writes
    assert added == sorted(
        UnitNoteMonth.objects.values_list("unit_id", "month", "notes", "through_note_id")
    )
    assert sum(row[2] for row in added) == 6


@pytest.mark.django_db
def test_a_rollup_counted_on_an_earlier_day_is_recounted_whole(worker, unit):
    note_at(TODAY - timedelta(days=70), worker, unit)
    note_at(TODAY - timedelta(days=2), worker, unit)  # the live month, closed by `later`
    with time_machine.travel(TODAY, tick=False):
        note_months_rollup()
    later = TODAY + timedelta(days=40)
    note_at(later - timedelta(days=100), worker, unit)  # a late note
    with time_machine.travel(later, tick=False):
        note_months_refresh(counted_on=TODAY.date())
        refreshed = _rows()
        note_months_rollup()
    assert refreshed == _rows()
    assert sum(notes for _unit, _month, notes in refreshed) == 3
