"""Shared set-up of the action tests: notes grouped into an insight, and an action."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from encounters.models import Channel
from feedback.action_services import action_create
from feedback.grouping.runner import insights_refresh
from feedback.models import Insight, InsightScope, Note
from feedback.services import capture_token_new, note_create


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Page cache and counters of this process only, so parallel tests never share them."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "action-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


def make_insight(*, worker, unit, texts, summary="Puhelimeen oli vaikea päästä läpi."):
    insight = Insight.objects.create(
        service_area=unit.service_area,
        unit=unit,
        scope=InsightScope.UNIT,
        title="Puhelinaika",
        summary_fi=summary,
        summary_en="It was hard to get through on the phone.",
    )
    codes = []
    for text in texts:
        token = capture_token_new()
        note = note_create(
            worker=worker,
            unit=unit,
            channel=Channel.PHONE,
            kind="problem",
            client_text=text,
            wants_receipt=True,
            token=token,
        ).note
        Note.objects.filter(pk=note.pk).update(insight=insight)
        codes.append(token.receipt_code)
    insights_refresh(insight_ids=[insight.pk])
    insight.refresh_from_db()
    return insight, codes


@pytest.fixture
def insight(worker, unit):
    insight, codes = make_insight(
        worker=worker,
        unit=unit,
        texts=["Puhelimessa ei pääse läpi.", "Takaisinsoittoa sai odottaa koko päivän."],
    )
    insight.codes = codes
    return insight


@pytest.fixture
def action(insight, manager, unit):
    return action_create(
        user=manager,
        insights=[insight],
        unit=unit,
        title_fi="Takaisinsoitto samana päivänä",
        title_en="Call-back on the same day",
        text_fi="Soitamme takaisin samana päivänä.",
        text_en="We call you back on the same day.",
        responsible=manager,
        due_date=timezone.localdate() + timedelta(days=14),
    )
