"""Shared set-up of the feedback tests: a note with a receipt code, notes grouped into an
insight, and an action on it; and a cache of the test process's own for every test."""

from datetime import timedelta

import pytest
from django.utils import timezone

from encounters.models import Channel
from feedback.actions.services import action_create
from feedback.insights.grouping.figures import insights_refresh
from feedback.models import Insight, InsightScope, Note
from feedback.notes.services import capture_token_new, note_create


@pytest.fixture(autouse=True)
def _own_cache(own_cache):
    """Every feedback test: page cache and counters of this process only."""


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


# The client's words on the receipt fixture: a phone number the worker confirmed.
CLIENT_WORDS = "Soittakaa minulle numeroon 040 123 4567, takaisinsoittoa sai odottaa koko päivän."


@pytest.fixture
def receipt(worker, unit):
    """A note with a receipt code, and the code the client carries away."""
    token = capture_token_new()
    note = note_create(
        worker=worker,
        unit=unit,
        channel=Channel.PHONE,
        kind="problem",
        client_text=CLIENT_WORDS,
        worker_observation="Asiakas oli turhautunut.",
        wants_receipt=True,
        privacy_flags=["phone"],
        token=token,
    ).note
    return note, token.receipt_code
