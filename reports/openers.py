"""Figures per conversation opener: how often it was shown, how often the client then had
something to say, and what kinds of notes followed. Counts are suppressed as elsewhere in
the reports (reports.metrics.suppress) where the view is shared beyond the unit's managers.
"""

from datetime import datetime

from django.db.models import Count, Q

from encounters.models import Encounter, Opener
from feedback.models import Note, NoteKind

from .metrics import SMALL, suppress

_OPENER_FIELDS = ("opener_id", "text_fi", "text_sv", "text_en", "retired_at")


def opener_stats_for_report(
    *, unit_ids: set[int], start: datetime, end: datetime, shared: bool
) -> list[dict]:
    """One row per opener shown in the units in [start, end], most shown first.

    Two grouped queries: encounters by opener through encounter_unit_time, with the
    opener's texts; notes by opener and kind through the notes' unit and time.
    """
    counts = list(
        Encounter.objects.filter(
            unit_id__in=unit_ids, occurred_at__range=(start, end), opener__isnull=False
        )
        .values("opener_id", *(f"opener__{field}" for field in _OPENER_FIELDS[1:]))
        .annotate(shown=Count("*"), said=Count("pk", filter=Q(nothing_to_add=False)))
        .order_by()
    )
    if not counts:
        return []
    kinds: dict[int, dict[str, int]] = {}
    for row in (
        Note.objects.filter(
            unit_id__in=unit_ids,
            created_at__range=(start, end),
            encounter__opener__isnull=False,
            withdrawn_at__isnull=True,
        )
        .values("encounter__opener_id", "kind")
        .annotate(count=Count("*"))
        .order_by()
    ):
        kinds.setdefault(row["encounter__opener_id"], {})[row["kind"]] = row["count"]
    labels = dict(NoteKind.choices)
    rows = []
    for row in sorted(counts, key=lambda row: (-row["shown"], row["opener_id"])):
        shown, said = row["shown"], row["said"]
        # The share would give a suppressed count away, so it goes with it.
        share_visible = not shared or said == 0 or (said >= SMALL and shown - said >= SMALL)
        rows.append(
            {
                "opener": Opener(
                    pk=row["opener_id"],
                    **{field: row[f"opener__{field}"] for field in _OPENER_FIELDS[1:]},
                ),
                "shown": suppress(shown, shared=shared),
                "said": suppress(said, shared=shared),
                "share": round(100 * said / shown) if share_visible else None,
                "share_value": said / shown,
                "kinds": [
                    (labels.get(kind, kind), suppress(count, shared=shared))
                    for kind, count in sorted(
                        kinds.get(row["opener_id"], {}).items(), key=lambda item: -item[1]
                    )
                ],
            }
        )
    return rows
