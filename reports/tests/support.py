"""Snapshots of everything the aggregation job writes, to compare runs table for table."""

from feedback.models import Insight, Note, NoteEvent
from reports.models import WeeklyUnitStat


def _insight_label(insight_id, keys):
    return keys.get(insight_id) or f"curated:{insight_id}"


def snapshot() -> dict:
    keys = dict(Insight.objects.values_list("id", "key"))
    return {
        "membership": sorted(
            (pk, _insight_label(insight_id, keys), status, placed)
            for pk, insight_id, status, placed in Note.objects.values_list(
                "id", "insight_id", "status", "placed_by_manager"
            )
        ),
        "insights": sorted(
            (
                _insight_label(row["id"], keys),
                row["title"],
                row["scope"],
                row["unit_id"],
                row["note_count"],
                sorted(row["kinds"].items()),
                sorted(row["themes"].items()),
                sorted(row["channels"].items()),
                row["first_note_at"],
                row["last_note_at"],
                row["recent_count"],
                row["previous_count"],
                row["locked"],
                row["merged_into_id"],
            )
            for row in Insight.objects.filter(note_count__gt=0).values()
        ),
        "events": sorted(NoteEvent.objects.values_list("note_id", "status")),
        "stats": sorted(
            WeeklyUnitStat.objects.values_list(
                "unit_id",
                "week_start",
                "iso_year",
                "iso_week",
                "kind",
                "theme",
                "channel",
                "notes",
                "encounters_asked",
                "nothing_to_add",
            )
        ),
    }
