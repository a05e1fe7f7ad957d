"""The insight page's extra panels: the job's suggestions and the organisation-wide matter.

One function, so that the workspace view adds both with one line and the panels' rules
stay with their own packages.
"""

from django.contrib.auth.models import AbstractBaseUser

from encounters.selectors import managed_unit_ids
from feedback.models import Insight

from .organisation.selectors import organisation_area_counts
from .suggestions.selectors import suggestion_list_open_for_insight


def insight_detail_panels(*, insight: Insight, user: AbstractBaseUser) -> dict:
    """What the suggestions panel and the organisation-wide note show for this manager.

    The organisation-wide note shows the matter's title and each service area's count of
    notes, never another area's note texts or insight titles.
    """
    parent = insight.parent if insight.parent_id else None
    return {
        "suggestions": list(
            suggestion_list_open_for_insight(insight=insight, unit_ids=managed_unit_ids(user=user))[
                :50
            ]
        ),
        "organisation_insight": parent,
        "organisation_counts": organisation_area_counts(insight=parent) if parent else [],
    }
