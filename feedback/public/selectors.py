"""Reads for the pages anyone can open: published actions and what led to them.

Only published actions and the counts of their insights leave this module; no note's text
or any other unpublished thing does.
"""

from django.db.models import Max, Min, Q, QuerySet, Sum

from feedback.models import Action, Note


def action_entries(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Actions with what a public entry shows, latest published first.

    people: how many notes led to it (shown as "fewer than 5" below the floor); said_from
    and said_to: over what period they were given. The managers' preview uses the same.
    """
    return (
        actions.annotate(
            people=Sum("insights__note_count"),
            said_from=Min("insights__first_note_at"),
            said_to=Max("insights__last_note_at"),
        )
        .select_related("unit", "service_area")
        .prefetch_related("insights")
        .order_by("-published_at", "-id")
    )


def action_list_public(
    *, area_id: int | None = None, unit_id: int | None = None, theme: str = ""
) -> QuerySet[Action]:
    """Published actions, latest first, with what the public entry shows."""
    actions = Action.objects.filter(published_at__isnull=False)
    if area_id:
        actions = actions.filter(service_area_id=area_id)
    if unit_id:
        actions = actions.filter(
            Q(unit_id=unit_id) | Q(unit__isnull=True, service_area__units=unit_id)
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
    return (
        Action.objects.filter(insights=note.insight_id, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )
