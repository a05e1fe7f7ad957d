"""A rebuild's read of notes: only the columns placement and the write need."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback.insights.grouping import placement
from feedback.insights.grouping.rows import AGGREGATED, CREATED, FIELDS, ID
from feedback.models import Note
from feedback.tests.insight_support import PHONE_TEXTS, capture
from reports.aggregation import aggregation_run


@pytest.mark.django_db
def test_a_rebuild_reads_whether_a_note_was_processed_and_none_of_its_times(worker, unit):
    processed = capture(worker, unit, PHONE_TEXTS[0])
    aggregation_run()
    waiting = capture(worker, unit, PHONE_TEXTS[1])

    with CaptureQueriesContext(connection) as queries:
        rows, _themes = placement.notes_read_range(after_id=0, limit=10)

    read = queries.captured_queries[0]["sql"]
    columns = read.split(" FROM ", 1)[0]
    assert "created_at" not in columns
    assert "aggregated_at" in columns.split("CASE", 1)[1]  # only in the processed flag
    assert [len(row) for row in rows] == [len(FIELDS) - 1] * 2  # without the channel
    assert [(row[ID], row[CREATED], row[AGGREGATED]) for row in rows] == [
        (processed.pk, None, True),
        (waiting.pk, None, None),
    ]


@pytest.mark.django_db
def test_a_rebuild_still_marks_the_notes_it_reads_unprocessed_as_processed(worker, unit):
    capture(worker, unit, PHONE_TEXTS[0])
    aggregation_run()
    capture(worker, unit, PHONE_TEXTS[1])

    aggregation_run(full=True)

    assert not Note.objects.filter(aggregated_at__isnull=True).exists()
