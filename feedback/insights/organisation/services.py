"""Organisation admins' curation of organisation-wide insights: link and unlink parts, and
start an organisation-wide insight from parts of several service areas.

A link or unlink made here is the admin's decision (`parent_set_by_manager`): the grouping
job keeps it, linked or deliberately apart. Renaming and the public summary reuse the
workspace's services (feedback.insights.services).
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from feedback.models import Insight, InsightScope

logger = logging.getLogger(__name__)


def _check_part(part: Insight) -> None:
    if part.scope == InsightScope.ORGANISATION or part.merged_into_id is not None:
        raise ValidationError(
            _("Only an open insight of a unit or a service area can be a part."), code="part"
        )


@transaction.atomic
def insight_part_link(*, part: Insight, organisation_insight: Insight) -> Insight:
    """Make `part` its service area's part of the organisation-wide insight."""
    if organisation_insight.scope != InsightScope.ORGANISATION:
        raise ValidationError(_("Choose an organisation-wide insight."), code="organisation")
    _check_part(part)
    part.parent = organisation_insight
    part.parent_set_by_manager = True
    part.save(update_fields=["parent", "parent_set_by_manager", "updated_at"])
    logger.info("insight part linked part_id=%s parent_id=%s", part.pk, organisation_insight.pk)
    return part


@transaction.atomic
def insight_part_unlink(*, part: Insight) -> Insight:
    """Take a part out of its organisation-wide insight; the job leaves it apart."""
    previous = part.parent_id
    part.parent = None
    part.parent_set_by_manager = True
    part.save(update_fields=["parent", "parent_set_by_manager", "updated_at"])
    logger.info("insight part unlinked part_id=%s parent_id=%s", part.pk, previous)
    return part


@transaction.atomic
def insight_organisation_create(*, parts: Iterable[Insight], title: str) -> Insight:
    """A new organisation-wide insight over parts of at least two service areas."""
    parts = list(parts)
    for part in parts:
        _check_part(part)
    if len({part.service_area_id for part in parts}) < 2:
        raise ValidationError(
            _("An organisation-wide insight needs parts of at least two service areas."),
            code="areas",
        )
    insight = Insight.objects.create(
        scope=InsightScope.ORGANISATION,
        service_area=None,
        unit=None,
        title=title,
        title_edited=True,
    )
    for part in parts:
        insight_part_link(part=part, organisation_insight=insight)
    logger.info("organisation insight created insight_id=%s parts=%s", insight.pk, len(parts))
    return insight
