"""Writes about follow-up actions: create, change status, publish, unpublish.

A status change cascades: the linked insights and every linked note follow, each note
with a timeline event the client's receipt page shows, and clients who asked for e-mail
are told. Publishing runs the privacy guard again on every public text.
"""

import logging
from collections.abc import Iterable
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from encounters.models import Unit
from feedback.models import (
    QUICK_CHANGE_DAYS,
    Action,
    ActionEvent,
    ActionStatus,
    Insight,
    InsightScope,
    InsightStatus,
    Note,
)
from feedback.notes.status import notes_follow_action
from feedback.privacy.guard import PrivacyFindings, public_text_scan
from feedback.privacy.public import PUBLIC_TEXT_FIELDS, public_text_check
from feedback.public.cache import public_cache_invalidate

logger = logging.getLogger(__name__)

# How an action's status shows on its insights and their notes.
_INSIGHT_STATUS = {
    ActionStatus.PLANNED: InsightStatus.ACTION_PLANNED,
    ActionStatus.IN_PROGRESS: InsightStatus.ACTION_PLANNED,
    ActionStatus.DONE: InsightStatus.DONE,
    ActionStatus.NOT_POSSIBLE: InsightStatus.NOT_POSSIBLE,
}
PUBLIC_FIELDS = list(PUBLIC_TEXT_FIELDS["feedback.Action"])


def _invalidate_public_pages() -> None:
    """Now, and again after commit, so that no request caches the old page in between."""
    public_cache_invalidate()
    transaction.on_commit(public_cache_invalidate)


def _cascade(*, action: Action, now) -> int:
    """Insights and their notes follow the action's status. Returns notes that moved.

    An organisation-wide insight holds no notes itself: its parts in the service areas,
    and their notes, follow its action."""
    linked = action.insights.values_list("id", flat=True)
    insight_ids = list(
        Insight.objects.filter(Q(id__in=linked) | Q(parent_id__in=linked)).values_list(
            "id", flat=True
        )
    )
    Insight.objects.filter(id__in=insight_ids).update(
        status=_INSIGHT_STATUS[action.status], updated_at=now
    )
    return notes_follow_action(insight_ids=insight_ids, action_status=action.status, now=now)


def _action_area_id(*, insights: list[Insight], unit: Unit | None) -> int | None:
    """The service area of an action; none for an organisation-wide one, which answers
    organisation-wide insights only and is for the whole organisation, not one unit."""
    organisation = [i for i in insights if i.scope == InsightScope.ORGANISATION]
    if organisation:
        if unit is not None or len(organisation) != len(insights):
            raise ValidationError(
                _(
                    "An organisation-wide action answers organisation-wide insights only, "
                    "for the whole organisation."
                )
            )
        return None
    return unit.service_area_id if unit else insights[0].service_area_id


def action_create(
    *,
    user: AbstractBaseUser,
    insights: Iterable[Insight],
    unit: Unit | None,
    title_fi: str,
    text_fi: str,
    responsible: AbstractBaseUser,
    due_date: date,
    title_sv: str = "",
    title_en: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> Action:
    """A planned action from insights; the caller has checked the manager may see them."""
    insights = list(insights)
    if not insights:
        raise ValidationError(_("Choose at least one insight."))
    public_text_check(title_fi, title_sv, title_en, text_fi, text_sv, text_en, going_public=False)
    area_id = _action_area_id(insights=insights, unit=unit)
    now = timezone.now()
    with transaction.atomic():
        action = Action.objects.create(
            service_area_id=area_id,
            unit=unit,
            title_fi=title_fi,
            title_sv=title_sv,
            title_en=title_en,
            text_fi=text_fi,
            text_sv=text_sv,
            text_en=text_en,
            responsible=responsible,
            due_date=due_date,
            created_by=user,
        )
        action.insights.set(insights)
        ActionEvent.objects.create(
            action=action, kind=ActionEvent.Kind.STATUS, status=action.status, user=user
        )
        _cascade(action=action, now=now)
    logger.info("action created action_id=%s", action.pk)
    return action


def _first_note_at(action: Action):
    linked = action.insights.all()
    return Note.objects.filter(
        Q(insight__in=linked) | Q(insight__parent__in=linked), withdrawn_at__isnull=True
    ).aggregate(first=Min("created_at"))["first"]


def action_set_status(
    *,
    action: Action,
    user: AbstractBaseUser,
    status: str,
    constraint_category: str = "",
    justification_fi: str = "",
    justification_sv: str = "",
    justification_en: str = "",
    instead_fi: str = "",
    instead_sv: str = "",
    instead_en: str = "",
) -> Action:
    """Move the action on; every linked insight and note follows, on their timelines.

    New public texts (why not, what instead) pass the guard; on a published action they
    take it off the public pages (recorded), to be published again after the preview.
    """
    if status not in ActionStatus.values:
        raise ValidationError(_("Unknown status."))
    if status == ActionStatus.NOT_POSSIBLE and not (
        constraint_category and justification_fi.strip() and instead_fi.strip()
    ):
        raise ValidationError(
            _("Say why it is not possible now and what we do instead, at least in Finnish.")
        )
    texts = {
        "justification_fi": justification_fi.strip(),
        "justification_sv": justification_sv.strip(),
        "justification_en": justification_en.strip(),
        "instead_fi": instead_fi.strip(),
        "instead_sv": instead_sv.strip(),
        "instead_en": instead_en.strip(),
    }
    if status == ActionStatus.NOT_POSSIBLE:
        public_text_check(*texts.values(), going_public=False)
    now = timezone.now()
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if action.status == status and status != ActionStatus.NOT_POSSIBLE:
            return action
        action.status = status
        withdrawn = False
        if status == ActionStatus.NOT_POSSIBLE:
            action.constraint_category = constraint_category
            changed = any(getattr(action, name) != value for name, value in texts.items())
            for name, value in texts.items():
                setattr(action, name, value)
            if changed and action.is_published:
                action.published_at = None
                action.published_by = None
                withdrawn = True
        if status == ActionStatus.DONE:
            action.done_at = now
            first = _first_note_at(action)
            action.quick_change = bool(first and now - first <= timedelta(days=QUICK_CHANGE_DAYS))
        else:
            action.done_at = None
            action.quick_change = False
        action.save()
        ActionEvent.objects.create(
            action=action, kind=ActionEvent.Kind.STATUS, status=status, user=user
        )
        if withdrawn:
            ActionEvent.objects.create(
                action=action, kind=ActionEvent.Kind.UNPUBLISHED, status=status, user=user
            )
        moved = _cascade(action=action, now=now)
        if action.is_published or withdrawn:
            _invalidate_public_pages()
    logger.info("action status action_id=%s status=%s notes=%s", action.pk, status, moved)
    return action


def action_public_texts(*, action: Action) -> list[str]:
    """Every text publishing would show: the action's and its insights' public summaries."""
    texts = [getattr(action, name) for name in PUBLIC_FIELDS]
    for insight in action.insights.all():
        texts += [insight.summary_fi, insight.summary_sv, insight.summary_en]
    return [text for text in texts if text]


def _allowed_words(action: Action) -> set[str]:
    """The organisation's own unit and area names are not taken for people's names."""
    units = Unit.objects.select_related("service_area")
    if action.service_area_id:
        # An organisation-wide action (no area) allows every unit's and area's name.
        units = units.filter(service_area_id=action.service_area_id)
    allowed = {word for unit in units for word in f"{unit.name} {unit.name_sv}".split()}
    for area in {unit.service_area for unit in units} | {action.service_area} - {None}:
        allowed |= set(f"{area.name} {area.name_sv}".split())
    return allowed | {"Kumppanuus"}


def action_privacy_check(*, action: Action) -> PrivacyFindings:
    """What the preview highlights; action_publish decides with the same findings."""
    return public_text_scan(
        *action_public_texts(action=action), allowed_words=_allowed_words(action)
    )


def action_publish(*, action: Action, user: AbstractBaseUser, confirmed: bool = False) -> Action:
    """Show the action on the public pages, after the manager has seen the preview.

    An identity code blocks; any other finding of the privacy guard needs `confirmed`.
    """
    public_text_check(
        *action_public_texts(action=action),
        going_public=True,
        confirmed=confirmed,
        allowed_words=_allowed_words(action),
    )
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        action.published_at = timezone.now()
        action.published_by = user
        action.save(update_fields=["published_at", "published_by", "updated_at"])
        ActionEvent.objects.create(
            action=action, kind=ActionEvent.Kind.PUBLISHED, status=action.status, user=user
        )
        _invalidate_public_pages()
    logger.info("action published action_id=%s", action.pk)
    return action


def action_unpublish(*, action: Action, user: AbstractBaseUser) -> Action:
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if not action.is_published:
            return action
        action.published_at = None
        action.published_by = None
        action.save(update_fields=["published_at", "published_by", "updated_at"])
        ActionEvent.objects.create(
            action=action, kind=ActionEvent.Kind.UNPUBLISHED, status=action.status, user=user
        )
        _invalidate_public_pages()
    logger.info("action unpublished action_id=%s", action.pk)
    return action


def action_update(
    *,
    action: Action,
    user: AbstractBaseUser,
    insights: Iterable[Insight],
    unit: Unit | None,
    title_fi: str,
    text_fi: str,
    responsible: AbstractBaseUser,
    due_date: date,
    title_sv: str = "",
    title_en: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> Action:
    """Edit the action's texts and details. A published action is taken off the public
    pages (recorded), so that a changed text is public only after a new preview."""
    insights = list(insights)
    if not insights:
        raise ValidationError(_("Choose at least one insight."))
    public_text_check(title_fi, title_sv, title_en, text_fi, text_sv, text_en, going_public=False)
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        was_published = action.is_published
        action.unit = unit
        action.service_area_id = _action_area_id(insights=insights, unit=unit)
        action.title_fi, action.title_sv, action.title_en = title_fi, title_sv, title_en
        action.text_fi, action.text_sv, action.text_en = text_fi, text_sv, text_en
        action.responsible = responsible
        action.due_date = due_date
        action.published_at = None
        action.published_by = None
        action.save()
        action.insights.set(insights)
        if was_published:
            ActionEvent.objects.create(
                action=action, kind=ActionEvent.Kind.UNPUBLISHED, status=action.status, user=user
            )
            _invalidate_public_pages()
        _cascade(action=action, now=timezone.now())
    logger.info("action updated action_id=%s", action.pk)
    return action
