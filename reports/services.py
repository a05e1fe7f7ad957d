"""Writes of the reports app besides the aggregation job: encounter totals imported from
the patient record system, the export log, and reminders about unused knowledge."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from encounters.models import AreaManagement, Membership
from encounters.selectors import report_unit_ids

from .models import (
    EncounterTotal,
    ExportLog,
    UnusedKnowledgeCheck,
)
from .selectors import unused_notes_for_report

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


def unused_knowledge_remind(*, now=None) -> int:
    """Weekly: tell each manager by e-mail when their unused notes have grown since the last
    check. Every check is recorded, so "grown" always compares with the week before."""
    now = now or timezone.now()
    manager_ids = set(
        Membership.objects.filter(role=Membership.Role.MANAGER).values_list("user_id", flat=True)
    ) | set(AreaManagement.objects.values_list("user_id", flat=True))
    sent = 0
    for user in get_user_model().objects.filter(pk__in=manager_ids, is_active=True).order_by("pk"):
        count = unused_notes_for_report(unit_ids=report_unit_ids(user=user), now=now).count()
        last = UnusedKnowledgeCheck.objects.filter(user=user).first()
        grew = count > (last.unused_count if last else 0)
        remind = grew and bool(user.email)
        if remind:
            with translation.override(settings.LANGUAGE_CODE):
                subject = gettext("Kumppanuus: notes are waiting for you")
                body = ngettext(
                    "%(count)d note older than 30 days is waiting in your units: it is not in "
                    "a reviewed insight and has no answer yet. See the dashboard: %(path)s",
                    "%(count)d notes older than 30 days are waiting in your units: they are "
                    "not in a reviewed insight and have no answer yet. See the dashboard: "
                    "%(path)s",
                    count,
                ) % {
                    "count": count,
                    "path": settings.PUBLIC_BASE_URL + reverse("reports:dashboard"),
                }
            send_mail(subject, body, None, [user.email])
            sent += 1
        UnusedKnowledgeCheck.objects.create(
            user=user, unused_count=count, reminded=remind, created_at=now
        )
    logger.info("unused knowledge reminders sent=%s", sent)
    return sent
