"""Conversation openers: which one the capture page shows, and the managers' edits.

The capture page shows the least-shown opener first, so that a unit's openers take turns
fairly and the counts per opener stay comparable. The order is deterministic (ties by id),
so the same page drawn twice shows the same opener.
"""

import logging
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Channel, Encounter, Opener, OpenerContext, Unit

logger = logging.getLogger(__name__)

# Shows are counted over this window: long enough to even out, short enough to stay cheap
# (read through encounter_unit_time) and to let a new opener catch up.
ROTATION_DAYS = 90
# At most this many openers take turns on one capture page.
CANDIDATE_LIMIT = 20

_CONTEXT_FOR_CHANNEL = {
    Channel.HOME: OpenerContext.HOME_CARE,
    Channel.CLINIC: OpenerContext.CLINIC,
    Channel.PHONE: OpenerContext.PHONE,
    Channel.VIDEO: OpenerContext.PHONE,
}


def opener_list_active(*, unit: Unit) -> QuerySet[Opener]:
    return Opener.objects.filter(unit=unit, retired_at__isnull=True)


def opener_candidates(*, unit: Unit, channel: str | None = None) -> list[Opener]:
    """The openers that take turns on the unit's capture page, least shown first.

    A unit's own openers when it has any; otherwise the organisation-wide starter set,
    narrowed to the context of the channel when that is known.
    """
    openers = opener_list_active(unit=unit)
    if not openers.exists():
        openers = Opener.objects.filter(unit__isnull=True, retired_at__isnull=True)
        context = _CONTEXT_FOR_CHANNEL.get(channel)
        if context and openers.filter(context=context).exists():
            openers = openers.filter(context=context)
    candidates = list(openers.order_by("id")[: CANDIDATE_LIMIT * 3])
    # One grouped query through encounter_unit_time; a join from openers to encounters
    # would read every encounter, as opener has no index.
    since = timezone.now() - timedelta(days=ROTATION_DAYS)
    counts = dict(
        Encounter.objects.filter(
            unit=unit, occurred_at__gte=since, opener_id__in=[o.pk for o in candidates]
        )
        .values("opener_id")
        .annotate(shown=Count("*"))
        .values_list("opener_id", "shown")
    )
    for opener in candidates:
        opener.shown = counts.get(opener.pk, 0)
    candidates.sort(key=lambda opener: (opener.shown, opener.pk))
    return candidates[:CANDIDATE_LIMIT]


def opener_next(*, candidates: list[Opener], after: int | None) -> Opener | None:
    """The opener after `after` in the rotation ("another opener"), or the first one."""
    if not candidates:
        return None
    ids = [opener.pk for opener in candidates]
    if after in ids:
        return candidates[(ids.index(after) + 1) % len(candidates)]
    return candidates[0]


def opener_allowed_for(*, opener_id: int, unit: Unit) -> Opener | None:
    """The opener if it may be recorded for an encounter in the unit: active, and the
    unit's own or the organisation's."""
    return Opener.objects.filter(
        Q(unit=unit) | Q(unit__isnull=True), pk=opener_id, retired_at__isnull=True
    ).first()


def opener_create(
    *, user: AbstractBaseUser, unit: Unit, text_fi: str, text_sv: str = "", text_en: str = ""
) -> Opener:
    """A unit's own opener; the caller has checked that the user manages the unit."""
    opener = Opener.objects.create(
        unit=unit, text_fi=text_fi, text_sv=text_sv, text_en=text_en, created_by=user
    )
    logger.info("opener created opener_id=%s unit_id=%s", opener.pk, unit.pk)
    return opener


def opener_update(*, opener: Opener, text_fi: str, text_sv: str = "", text_en: str = "") -> Opener:
    opener.text_fi, opener.text_sv, opener.text_en = text_fi, text_sv, text_en
    opener.save(update_fields=["text_fi", "text_sv", "text_en", "updated_at"])
    return opener


def opener_retire(*, opener: Opener) -> Opener:
    """Stop showing the opener; its counts stay. Retiring twice keeps the first time."""
    Opener.objects.filter(pk=opener.pk, retired_at__isnull=True).update(
        retired_at=timezone.now(), updated_at=timezone.now()
    )
    opener.refresh_from_db(fields=["retired_at", "updated_at"])
    logger.info("opener retired opener_id=%s", opener.pk)
    return opener


def opener_restore(*, opener: Opener) -> Opener:
    opener.retired_at = None
    opener.save(update_fields=["retired_at", "updated_at"])
    return opener
