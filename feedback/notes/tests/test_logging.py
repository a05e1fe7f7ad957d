"""What a client said never reaches the logs, nor does a receipt code."""

import logging

import pytest
from django.urls import reverse

from encounters.models import Channel
from feedback.notes.services import capture_token_load, capture_token_new


@pytest.mark.django_db
def test_capture_logs_ids_but_never_the_text_or_the_code(worker_client, unit, caplog):
    token = capture_token_new().dumps()
    secret_text = "Salainen lause jota ei saa lokittaa"
    with caplog.at_level(logging.DEBUG):
        response = worker_client.post(
            reverse("feedback:capture"),
            {
                "unit": unit.pk,
                "channel": Channel.HOME,
                "client_text": secret_text,
                "worker_observation": "Havainto myös salainen",
                "kind": "idea",
                "wants_receipt": "on",
                "token": token,
                "action": "save",
            },
        )
        worker_client.get(response["Location"])
    code = capture_token_load(token).receipt_code
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "note created" in logged
    assert secret_text not in logged and "salainen" not in logged.lower()
    assert code not in logged
