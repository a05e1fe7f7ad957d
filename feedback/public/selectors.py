"""Reads for the pages anyone can open: published actions and what led to them.

Only published actions and the counts of their insights leave this module; no note's text
or any other unpublished thing does.
"""

from django.db.models import (
    Case,
    DateTimeField,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)

from encounters.models import Unit
from feedback.models import Action, Insight, Note


def _parts(field: str, function: str) -> Subquery:
    """One figure over the parts of an organisation-wide action's insights: the notes of an
    organisation-wide matter live in its parts in the service areas. (A plain SQL function
    rather than Django's aggregate: the subquery is one row, without a GROUP BY.)"""
    parts = (
        Insight.objects.filter(parent__actions=OuterRef("pk"), merged_into__isnull=True)
        .order_by()
        .annotate(figure=Func(F(field), function=function))
        .values("figure")
    )
    return Subquery(parts[:1])


def action_entries(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Actions with what a public entry shows, latest published first.

    people: how many notes led to it (shown as "fewer than 5" below the floor); said_from
    and said_to: over what period they were given. The managers' preview uses the same.
    """
    organisation_wide = Q(service_area__isnull=True)
    return (
        actions.annotate(
            people=Case(
                When(organisation_wide, then=_parts("note_count", "SUM")),
                default=Sum("insights__note_count"),
                output_field=IntegerField(),
            ),
            said_from=Case(
                When(organisation_wide, then=_parts("first_note_at", "MIN")),
                default=Min("insights__first_note_at"),
                output_field=DateTimeField(),
            ),
            said_to=Case(
                When(organisation_wide, then=_parts("last_note_at", "MAX")),
                default=Max("insights__last_note_at"),
                output_field=DateTimeField(),
            ),
        )
        .select_related("unit", "service_area")
        .prefetch_related("insights")
        .order_by("-published_at", "-id")
    )


def _reaching(area_ids) -> Q:
    """Organisation-wide actions whose insight has a part in one of these service areas."""
    return Q(
        service_area__isnull=True,
        insights__parts__service_area_id__in=area_ids,
        insights__parts__merged_into__isnull=True,
    )


def action_list_public(
    *,
    area_id: int | None = None,
    unit_id: int | None = None,
    theme: str = "",
    organisation: bool = False,
) -> QuerySet[Action]:
    """Published actions, latest first, with what the public entry shows.

    An organisation-wide action shows on the pages of every service area its insight's
    parts reach, and on every unit page there; `organisation` keeps only those actions.
    """
    actions = Action.objects.filter(published_at__isnull=False)
    if organisation:
        actions = actions.filter(service_area__isnull=True)
    if area_id:
        actions = actions.filter(Q(service_area_id=area_id) | _reaching([area_id]))
    if unit_id:
        unit_area = Unit.objects.filter(pk=unit_id).values("service_area_id")
        actions = actions.filter(
            Q(unit_id=unit_id)
            | Q(unit__isnull=True, service_area__units=unit_id)
            | _reaching(unit_area)
        )
    if theme:
        actions = actions.filter(insights__themes__has_key=theme)
    return action_entries(Action.objects.filter(id__in=actions.values("id")))


def action_last_published_at():
    return Action.objects.filter(published_at__isnull=False).aggregate(last=Max("published_at"))[
        "last"
    ]


def action_public_for_note(*, note: Note) -> Action | None:
    """The published action that answers the note's insight, for the receipt page."""
    if not note.insight_id:
        return None
    answering = Q(insights=note.insight_id) | Q(insights__parts=note.insight_id)
    return (
        Action.objects.filter(answering, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )
