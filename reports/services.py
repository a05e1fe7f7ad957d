"""Writes of the reports app."""

import logging
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .models import EncounterTotal, ExportLog

logger = logging.getLogger(__name__)


def encounter_totals_import(*, user: AbstractBaseUser, rows: dict[tuple[int, date], int]) -> int:
    """Save checked totals; a unit's day imported again replaces the earlier figure."""
    objects = [
        EncounterTotal(unit_id=unit_id, day=day, total=total, imported_by=user)
        for (unit_id, day), total in sorted(rows.items())
    ]
    with transaction.atomic():
        EncounterTotal.objects.bulk_create(
            objects,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["unit", "day"],
            update_fields=["total", "imported_by", "updated_at"],
        )
    logger.info("encounter totals imported user_id=%s rows=%s", user.pk, len(objects))
    return len(objects)


def export_log_record(
    *,
    user: AbstractBaseUser,
    what: str,
    file_format: str,
    filters: dict,
    unit_ids: set[int],
    row_count: int,
) -> ExportLog:
    return ExportLog.objects.create(
        user=user,
        username=user.get_username(),
        what=what,
        file_format=file_format,
        filters=filters,
        unit_ids=sorted(unit_ids),
        row_count=row_count,
    )
