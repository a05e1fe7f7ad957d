"""Organisation-wide matters: one organisation insight over the areas' insights of a matter.

When the same matter has insights in two or more service areas, the job links them under
one insight of scope "organisation" (no service area) as its parts (`Insight.parent`).
Area managers keep curating and acting on their area's part; an organisation admin
curates the whole. Only matters that one organisation-wide change fixes are linked
(ORGANISATION_CONCEPTS: the same words name different matters in different areas for the
others, so linking them across areas would mislead); a curated insight counts as its
examples' matter when most of them are about it.

Linking is a function of the current insights alone: it runs after every run, sets or
clears only the parents it set itself (organisation insights with a key "o:..."), and so a
rebuild and incremental runs end in the same links.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Q

from feedback.models import Concept, Insight, InsightScope

# Matters whose fix is organisation-wide by nature (interpreting, the service language,
# strong authentication and online booking, accessibility, wayfinding, records shared
# between services, staff introducing themselves, answering feedback).
ORGANISATION_CONCEPTS = frozenset(
    {
        "interpreters",
        "service_language",
        "digital_booking",
        "accessibility",
        "signage",
        "records_not_shared",
        "staff_introductions",
        "feedback_unanswered",
    }
)
PREFIX = "o:c:"


def organisation_link(examples: list | None = None) -> int:
    """Link the areas' insights of each organisation-wide matter; returns links changed."""
    concepts = dict(
        Concept.objects.filter(slug__in=ORGANISATION_CONCEPTS).values_list("id", "slug")
    )
    by_concept: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, area_id, concept_id in (
        Insight.objects.filter(
            merged_into__isnull=True,
            service_area__isnull=False,
            note_count__gt=0,
            # An admin's link or unlink is theirs: the job neither counts nor moves it.
            parent_set_by_manager=False,
        )
        .filter(Q(key__regex=r"^a[0-9]+:c:") & Q(concept_id__in=concepts))
        .values_list("id", "service_area_id", "concept_id")
    ):
        by_concept[concepts[concept_id]][area_id].append(pk)
    for insight_id, area_id, slug in _curated_matters(examples or []):
        if slug in ORGANISATION_CONCEPTS:
            by_concept[slug][area_id].append(insight_id)
    wanted: dict[int, str] = {}
    for slug, areas in by_concept.items():
        if len(areas) >= 2:
            for ids in areas.values():
                for pk in ids:
                    wanted[pk] = slug
    organisation = _organisation_insights(set(wanted.values()), concepts)
    changed = 0
    current = dict(
        Insight.objects.filter(Q(pk__in=wanted) | Q(parent__key__startswith=PREFIX))
        .filter(parent_set_by_manager=False)
        .values_list("id", "parent_id")
    )
    managed = set(organisation.values()) | set(
        Insight.objects.filter(key__startswith=PREFIX).values_list("id", flat=True)
    )
    for pk, parent_id in sorted(current.items()):
        target = organisation[wanted[pk]] if pk in wanted else None
        if parent_id == target or (parent_id is not None and parent_id not in managed):
            continue  # already right, or linked by a manager
        Insight.objects.filter(pk=pk).update(parent_id=target)
        changed += 1
    Insight.objects.filter(
        key__startswith=PREFIX,
        parts__isnull=True,
        summary_fi="",
        title_edited=False,
        status="new",
        reviewed_at__isnull=True,
        locked=False,
    ).delete()
    return changed


def _organisation_insights(slugs: set[str], concepts: dict[int, str]) -> dict[str, int]:
    ids = {slug: pk for pk, slug in concepts.items()}
    names = {c.slug: c.name for c in Concept.objects.filter(slug__in=slugs)}
    found = dict(
        Insight.objects.filter(key__in=[PREFIX + s for s in slugs]).values_list("key", "id")
    )
    out = {}
    for slug in sorted(slugs):
        key = PREFIX + slug
        if key not in found:
            found[key] = Insight.objects.create(
                key=key,
                scope=InsightScope.ORGANISATION,
                service_area=None,
                concept_id=ids.get(slug),
                title=(names.get(slug) or slug)[:200],
            ).pk
        out[slug] = found[key]
    return out


def _curated_matters(examples: list) -> list[tuple[int, int, str]]:
    """(insight id, area id, matter) of curated insights most of whose examples share it."""
    votes: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for example in examples:
        votes[(example.insight_id, example.area_id)][example.concept] += 1
    out = []
    for (insight_id, area_id), counter in sorted(votes.items()):
        concept, count = counter.most_common(1)[0]
        if concept and count * 2 > sum(counter.values()):
            out.append((insight_id, area_id, concept))
    return out
