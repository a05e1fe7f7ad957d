"""An organisation-wide matter for tests: a part in each of two service areas, and an
organisation admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from feedback.insights.grouping.figures import insights_refresh
from feedback.models import Insight, InsightScope, Note

from .insight_support import capture

DECISION_TEXTS = [
    "Päätöskirjeestä ei ymmärrä mitään, liikaa virkakieltä.",
    "Päätöksen perustelut jäivät epäselviksi, kirje oli vaikea.",
]
DENTAL_TEXTS = ["Hammashoitolan päätöskirje oli täynnä lyhenteitä."]


def organisation_admin(username: str = "org-admin"):
    user = get_user_model().objects.create_user(username)
    user.user_permissions.add(Permission.objects.get(codename="view_organisation_reports"))
    return user


def part_with_notes(*, worker, unit, texts, title: str) -> Insight:
    part = Insight.objects.create(
        service_area=unit.service_area, unit=unit, scope=InsightScope.UNIT, title=title
    )
    # Where capture groups at once (an eager job), the notes leave the job's insights:
    # those are counted again too, so none keeps notes it no longer has.
    left = set()
    for text in texts:
        note = capture(worker, unit, text)
        left.add(Note.objects.get(pk=note.pk).insight_id)
        Note.objects.filter(pk=note.pk).update(insight=part)
    insights_refresh(insight_ids=[part.pk, *(pk for pk in left if pk)])
    part.refresh_from_db()
    return part


def organisation_matter(*, worker, unit, other_worker, other_unit) -> tuple[Insight, ...]:
    """(organisation insight, part in unit's area, part in other_unit's area)."""
    whole = Insight.objects.create(
        scope=InsightScope.ORGANISATION, service_area=None, title="Päätöskirjeiden kieli"
    )
    part = part_with_notes(worker=worker, unit=unit, texts=DECISION_TEXTS, title="Päätöskirjeet")
    other = part_with_notes(
        worker=other_worker, unit=other_unit, texts=DENTAL_TEXTS, title="Kirjeiden lyhenteet"
    )
    Insight.objects.filter(pk__in=[part.pk, other.pk]).update(parent=whole)
    part.refresh_from_db()
    other.refresh_from_db()
    return whole, part, other
