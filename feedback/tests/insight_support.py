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
