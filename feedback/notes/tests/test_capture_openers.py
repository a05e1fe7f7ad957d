"""The conversation opener on the capture page: shown, rotated, recorded with the encounter."""

import pytest
from django.urls import reverse

from encounters.models import Encounter, Opener
from encounters.openers import opener_retire
from encounters.tests.opener_support import starter_set_seed

from .test_capture import capture_data, fresh_token

CAPTURE = reverse("feedback:capture")


@pytest.fixture
def openers(unit, manager):
    return [
        Opener.objects.create(
            unit=unit, text_fi=f"Kysymys {n}?", text_sv=f"Fråga {n}?", created_by=manager
        )
        for n in (1, 2)
    ]


@pytest.mark.django_db
def test_a_unit_without_openers_shows_the_starter_set_for_the_channel(worker_client):
    starter_set_seed()
    response = worker_client.get(CAPTURE)
    opener = response.context["opener"]
    assert opener is not None and opener.unit_id is None
    assert response.context["form"].initial["opener"] == opener.pk
    assert opener.text_fi in response.content.decode()


@pytest.mark.django_db
def test_the_units_own_openers_take_turns_least_shown_first(worker_client, unit, openers):
    first = worker_client.get(CAPTURE).context["opener"]
    assert first == openers[0]
    worker_client.post(CAPTURE, capture_data(unit, fresh_token(worker_client), opener=first.pk))

    assert worker_client.get(CAPTURE).context["opener"] == openers[1]


@pytest.mark.django_db
def test_another_opener_without_javascript_is_the_next_in_turn(worker_client, openers):
    response = worker_client.get(CAPTURE, {"after": openers[0].pk})
    assert response.context["opener"] == openers[1]
    response = worker_client.get(CAPTURE, {"after": openers[1].pk})
    assert response.context["opener"] == openers[0]
    # Nonsense is the first in turn, not an error.
    assert worker_client.get(CAPTURE, {"after": "x"}).context["opener"] == openers[0]


@pytest.mark.django_db
def test_every_language_of_the_opener_is_on_the_page(worker_client, openers):
    content = worker_client.get(CAPTURE).content.decode()
    assert "Kysymys 1?" in content and "Fråga 1?" in content
    # English falls back to Finnish.
    assert content.count("Kysymys 1?") == 2


@pytest.mark.django_db
def test_a_saved_note_and_nothing_to_add_both_record_the_opener(worker_client, unit, openers):
    worker_client.post(
        CAPTURE, capture_data(unit, fresh_token(worker_client), opener=openers[0].pk)
    )
    worker_client.post(
        CAPTURE,
        capture_data(
            unit,
            fresh_token(worker_client),
            opener=openers[1].pk,
            client_text="",
            action="nothing_to_add",
        ),
    )
    note_encounter, nothing_encounter = Encounter.objects.order_by("pk")
    assert note_encounter.opener == openers[0] and note_encounter.notes.get()
    assert nothing_encounter.opener == openers[1] and nothing_encounter.nothing_to_add


@pytest.mark.django_db
def test_an_opener_of_another_unit_or_retired_is_not_recorded(
    worker_client, unit, other_unit, openers
):
    foreign = Opener.objects.create(unit=other_unit, text_fi="Toisen yksikön?")
    worker_client.post(CAPTURE, capture_data(unit, fresh_token(worker_client), opener=foreign.pk))
    opener_retire(opener=openers[0])
    worker_client.post(
        CAPTURE, capture_data(unit, fresh_token(worker_client), opener=openers[0].pk)
    )
    assert list(Encounter.objects.values_list("opener", flat=True)) == [None, None]


@pytest.mark.django_db
def test_a_malformed_opener_is_refused_and_nothing_is_saved(worker_client, unit):
    response = worker_client.post(
        CAPTURE, capture_data(unit, fresh_token(worker_client), opener="x")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["opener"]
    assert not Encounter.objects.exists()


@pytest.mark.django_db
def test_a_retired_opener_is_no_longer_shown(worker_client, openers):
    opener_retire(opener=openers[0])
    assert worker_client.get(CAPTURE).context["openers"] == [openers[1]]


@pytest.mark.django_db
def test_the_opener_is_shown_in_the_clients_language(worker_client, unit, openers):
    response = worker_client.get("/sv/work/capture/")
    assert response.context["opener_language"] == "sv"
    content = response.content.decode()
    assert '<p class="opener__text" lang="sv" data-language="sv"><q>Fråga 1?</q>' in content
    # Sent back with errors, the opener stays in the language the worker chose.
    response = worker_client.post(
        CAPTURE,
        capture_data(
            unit, fresh_token(worker_client), opener=openers[1].pk, language="sv", client_text=""
        ),
    )
    assert response.context["opener"] == openers[1]
    assert response.context["opener_language"] == "sv"
