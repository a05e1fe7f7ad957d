"""The Integration API's personas: keys of a unit and of another unit, a revoked key, keys
with one scope only; and `api`, the test client speaking JSON with a key."""

import json
import uuid

import pytest

from feedback.api.services import integration_key_create, integration_key_revoke


@pytest.fixture
def api_key(unit):
    """A patient-record system's key for `unit` that may also read (the whole key string)."""
    return integration_key_create(name="Potilastietojärjestelmä", units=[unit], may_read=True)


@pytest.fixture
def other_key(other_unit):
    return integration_key_create(name="Toinen järjestelmä", units=[other_unit], may_read=True)


@pytest.fixture
def revoked_key(unit):
    new = integration_key_create(name="Vanha", units=[unit], may_read=True)
    integration_key_revoke(key=new.key)
    return new


@pytest.fixture
def notes_only_key(unit):
    return integration_key_create(name="Vain kirjaukset", units=[unit])


@pytest.fixture
def read_only_key(unit):
    return integration_key_create(
        name="Intranet", units=[unit], may_create_notes=False, may_read=True
    )


def tampered(secret: str) -> str:
    """The same key id with one character of the secret changed."""
    last = "A" if secret[-1] != "A" else "B"
    return secret[:-1] + last


@pytest.fixture
def api(client):
    """call(method, path, key=..., body=..., headers=...) -> response, as another system."""

    def call(method: str, path: str, *, key=None, body=None, headers=None, raw=None):
        sent = dict(headers or {})
        if key is not None:
            sent["Authorization"] = f"Bearer {getattr(key, 'secret', key)}"
        kwargs = {"headers": sent}
        if body is not None or raw is not None:
            kwargs["data"] = raw if raw is not None else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(client, method.lower())(f"/api/v1{path}", **kwargs)

    return call


def note_body(unit, **changes) -> dict:
    return {
        "unit": unit.slug,
        "channel": "clinic",
        "kind": "idea",
        "client_text": "Odotushuoneeseen voisi tuoda lisää tuoleja.",
        **changes,
    }


def fresh_key() -> dict:
    return {"Idempotency-Key": str(uuid.uuid4())}
