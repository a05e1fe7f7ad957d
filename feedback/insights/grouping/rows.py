"""What the grouping job reads of each note: one query, values only, and the column of each.

Placement reads batches in this shape and the insights' figures add them up from it.
"""

# What a batch reads of each note: one query, values only (no model instances).
FIELDS = (
    "id",
    "client_text",
    "kind",
    "unit_id",
    "unit__service_area_id",
    "insight_id",
    "insight__locked",
    "insight__merged_into_id",
    "placed_by_manager",
    "status",
    "created_at",
    "aggregated_at",
    "encounter__channel",
)


(
    ID,
    TEXT,
    KIND,
    UNIT,
    AREA,
    INSIGHT,
    LOCKED,
    MERGED,
    BY_MANAGER,
    STATUS,
    CREATED,
    AGGREGATED,
    CHANNEL,
) = range(len(FIELDS))
