"""Helpers shared by the insight tests: notes captured the real way, then aggregated."""

from encounters.models import Channel
from feedback.models import Theme
from feedback.notes.services import capture_token_new, note_create


def capture(worker, unit, text: str, *, kind: str = "problem", themes=(), channel=Channel.CLINIC):
    return note_create(
        worker=worker,
        unit=unit,
        channel=channel,
        kind=kind,
        client_text=text,
        themes=Theme.objects.filter(slug__in=themes),
        token=capture_token_new(),
    ).note


PHONE_TEXTS = [
    "Puhelimessa ei pääse läpi aamulla, jono on tunnin.",
    "Takaisinsoittoa sai odottaa koko päivän.",
    "Soittoaika on liian lyhyt, puhelu katkeaa aina.",
]
PARKING_TEXTS = [
    "Parkkipaikkoja ei ole tarpeeksi terveysaseman edessä.",
    "Pysäköinti maksaa liikaa, parkkimaksu on kallis.",
]


def seed_reference_data() -> None:
    """Themes and the concept lexicon as the data migrations create them.

    Transactional tests (browser, Celery worker) flush every table afterwards, data
    migrations' rows included; the tests after them put the reference data back this way.
    """
    import importlib

    from django.apps import apps

    for module in (
        "feedback.migrations.0002_seed_themes",
        "feedback.migrations.0004_seed_concepts",
    ):
        importlib.import_module(module).seed(apps, None)


def bulk_insights(*, worker, unit, count: int, notes_each: int = 2, title: str = "Asia"):
    """`count` insights of `notes_each` notes each in `unit`, written in a few bulk queries
    (the workspace tests and the manager's journey need a thousand of them quickly).
    Returns the insights in creation order."""
    from datetime import timedelta

    from django.utils import timezone

    from encounters.models import Encounter
    from feedback.models import Insight, InsightScope, Note, NoteStatus

    now = timezone.now()
    insights = Insight.objects.bulk_create(
        [
            Insight(
                service_area_id=unit.service_area_id,
                unit=unit,
                scope=InsightScope.UNIT,
                title=f"{title} {index}",
                note_count=notes_each,
                first_note_at=now - timedelta(hours=index + notes_each),
                last_note_at=now - timedelta(hours=index),
                recent_count=notes_each,
            )
            for index in range(count)
        ],
        batch_size=1000,
    )
    encounters = Encounter.objects.bulk_create(
        [
            Encounter(unit=unit, worker=worker, channel=Channel.CLINIC, occurred_at=now)
            for _ in range(count * notes_each)
        ],
        batch_size=1000,
    )
    Note.objects.bulk_create(
        [
            Note(
                encounter=encounters[index * notes_each + offset],
                unit=unit,
                author=worker,
                kind="problem",
                client_text=f"Palaute {index}-{offset} asiasta {insight.title}",
                status=NoteStatus.UNDER_REVIEW,
                insight=insight,
                aggregated_at=now,
                created_at=now - timedelta(hours=index + offset),
            )
            for index, insight in enumerate(insights)
            for offset in range(notes_each)
        ],
        batch_size=1000,
    )
    return insights
