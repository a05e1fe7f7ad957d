"""The labelled grouping corpus loaded into the database the way workers would capture it."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model

from encounters.models import Membership, ServiceArea, Unit
from feedback.tests.insight_support import capture

CORPUS = Path(__file__).parent / "data" / "grouping_corpus.json"


def corpus_notes() -> list[dict]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))["notes"]


def corpus_load(items: list[dict] | None = None) -> dict[int, int]:
    """Capture the corpus notes (in the given order); returns corpus id -> note id."""
    items = items if items is not None else corpus_notes()
    worker, _ = get_user_model().objects.get_or_create(username="corpus-worker")
    units = {}
    for slug, area_slug in sorted({(n["unit"], n["area"]) for n in items}):
        area, _ = ServiceArea.objects.get_or_create(slug=area_slug, defaults={"name": area_slug})
        units[slug], _ = Unit.objects.get_or_create(
            slug=slug, defaults={"name": slug, "service_area": area}
        )
        Membership.objects.get_or_create(user=worker, unit=units[slug])
    return {
        n["id"]: capture(worker, units[n["unit"]], n["text"], kind=n["kind"], themes=n["themes"]).pk
        for n in items
    }
