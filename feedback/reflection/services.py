"""Writes of the team's monthly reflection: the record and the decisions it makes.

A decision may become a follow-up action on an insight (through action_create, so the
insight and its notes follow the action as always) or a note on an insight.
"""

import logging
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from encounters.models import Team, Unit
from feedback.actions.services import action_create
from feedback.models import DecisionKind, Insight, Reflection, ReflectionDecision

logger = logging.getLogger(__name__)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_next(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_previous(month: date) -> date:
    return (month.replace(day=1) - timedelta(days=1)).replace(day=1)


def reflection_get_or_create(
    *, unit: Unit, team: Team | None, month: date, user: AbstractBaseUser
) -> Reflection:
    """The month's record of the unit (or team); the first writer creates it."""
    lookup = {"unit": unit, "team": team, "month": month_start(month)}
    reflection = Reflection.objects.filter(**lookup).first()
    if reflection:
        return reflection
    try:
        with transaction.atomic():
            return Reflection.objects.create(**lookup, recorded_by=user)
    except IntegrityError:
        # Two people of the team saved at once; the other one's record is the month's.
        return Reflection.objects.get(**lookup)


@transaction.atomic
def reflection_record(
    *,
    unit: Unit,
    team: Team | None,
    month: date,
    user: AbstractBaseUser,
    noticed_about_asking: str,
    follow_up_by: AbstractBaseUser | None,
) -> Reflection:
    """What the team noticed about asking, and who follows up."""
    reflection = reflection_get_or_create(unit=unit, team=team, month=month, user=user)
    reflection.noticed_about_asking = noticed_about_asking
    reflection.follow_up_by = follow_up_by
    reflection.save(update_fields=["noticed_about_asking", "follow_up_by", "updated_at"])
    logger.info("reflection recorded reflection_id=%s", reflection.pk)
    return reflection


@transaction.atomic
def reflection_decision_add(
    *,
    unit: Unit,
    team: Team | None,
    month: date,
    user: AbstractBaseUser,
    kind: str,
    text: str,
    insight: Insight | None = None,
    title: str = "",
    responsible: AbstractBaseUser | None = None,
    due_date: date | None = None,
) -> ReflectionDecision:
    """One decision; an action decision creates the action on the insight.

    The caller has checked that the user may act on the insight (a manager of the unit
    for an action) and that an action decision has its insight, responsible and due date.
    """
    reflection = reflection_get_or_create(unit=unit, team=team, month=month, user=user)
    action = None
    if kind == DecisionKind.ACTION:
        action = action_create(
            user=user,
            insights=[insight],
            unit=unit,
            title_fi=title or text[:200],
            text_fi=text,
            responsible=responsible,
            due_date=due_date,
        )
    decision = ReflectionDecision.objects.create(
        reflection=reflection,
        kind=kind,
        text=text,
        insight=insight if kind != DecisionKind.DECISION else None,
        action=action,
        created_by=user,
    )
    logger.info(
        "reflection decision added decision_id=%s reflection_id=%s action_id=%s",
        decision.pk,
        reflection.pk,
        action.pk if action else None,
    )
    return decision
