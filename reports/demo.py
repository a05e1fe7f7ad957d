"""Demo encounter totals, as a patient record system would send them, so that the demo's
dashboard shows an ask rate. Only for units with demo staff; idempotent."""

import math
import random

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from encounters.models import Encounter

from .models import EncounterTotal

# About two in five encounters include the question, the rest are counted without it.
ASK_SHARE = 0.4


def encounter_totals_demo_seed(*, seed: int = 2017) -> int:
    """Daily totals for every unit-day with demo encounters that has none; the count made."""
    rng = random.Random(seed)  # noqa: S311 (demo figures, not a secret)
    days = (
        Encounter.objects.filter(worker__username__startswith="demo-", client_asked=True)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("unit_id", "day")
        .annotate(asked=Count("id"))
        .order_by("unit_id", "day")
    )
    existing = set(EncounterTotal.objects.values_list("unit_id", "day"))
    totals = [
        EncounterTotal(
            unit_id=row["unit_id"],
            day=row["day"],
            total=math.ceil(row["asked"] / ASK_SHARE) + rng.randint(0, 2),
        )
        for row in days
        if (row["unit_id"], row["day"]) not in existing
    ]
    EncounterTotal.objects.bulk_create(totals, batch_size=2000)
    return len(totals)
