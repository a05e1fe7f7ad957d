"""The OpenAPI description: generated from the code, served at a stable URL, and the API
fuzzed against it with schemathesis through the real WSGI app and database."""

import re

import pytest
import schemathesis
from django.core.signals import request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from feedback.actions.services import action_publish
from feedback.api.schemas import SLUG_PATTERN

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"


def test_openapi_description_lists_every_operation(client):
    response = client.get(OPENAPI)

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/key",
        "/api/v1/notes",
        "/api/v1/insights",
        "/api/v1/insights/{insight_id}",
        "/api/v1/actions",
        "/api/v1/actions/{action_id}",
        "/api/v1/public/services",
        "/api/v1/public/requests",
        "/api/v1/public/requests/{request_id}",
        "/api/v1/open-data/monthly.json",
        "/api/v1/open-data/monthly.csv",
    }
    assert schema["components"]["securitySchemes"]["IntegrationKeyAuth"]["scheme"] == "bearer"
    note = schema["components"]["schemas"]["NoteIn"]["properties"]
    assert "idea" in note["kind"]["enum"] and note["client_text"]["maxLength"] == 1000


def test_docs_page_describes_every_operation_without_scripts_from_elsewhere(client):
    response = client.get("/api/v1/docs", headers={"Accept-Language": "en"})

    assert response.status_code == 200
    html = response.content.decode()
    for path in client.get(OPENAPI).json()["paths"]:
        assert path in html
    assert "Needs an integration key." in html and "Open to everyone, no key." in html
    assert "<script" not in html.replace('<script src="/static/', "")
    assert "https://" not in html
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy


# -- schemathesis ---------------------------------------------------------------------------


# The live description, fetched through the WSGI app when the module is collected (its
# schema needs no database); every generated request then goes through the same app, over
# the test's database. (schemathesis.pytest.from_fixture would load it per test, but needs
# a pytest internal that pytest 9 no longer has.)
schema = schemathesis.openapi.from_wsgi(OPENAPI, get_wsgi_application())


@schema.hook
def map_body(context, body):
    """A note for the key's own unit whenever the drawn unit is a well-formed slug, so that
    the fuzzing reaches the capture form and note_create, not only the unit refusal."""
    if isinstance(body, dict) and re.fullmatch(SLUG_PATTERN, str(body.get("unit"))):
        body["unit"] = "keskusta"
    return body


@pytest.fixture
def fuzz_data(api_key, action, manager, own_cache, settings):
    """A published action, its insight, and a key that may do everything, unlimited."""
    settings.API_RATE_LIMITS = [(10**9, 60)]
    action_publish(action=action, user=manager)
    # As Django's test client does: the request signals must not close the test's
    # connection (it holds the test transaction).
    request_started.disconnect(close_old_connections)
    try:
        yield api_key
    finally:
        request_started.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_description_says(case, fuzz_data):
    """No 5xx, and every answer (status, content type, headers, body) as described.

    Left out: the check that every schema-valid request is accepted. Valid JSON can still
    break the capture rules (an identity code, control characters, an unknown theme) or
    ask for an empty range of months; those answer 400, as described.
    """
    case.call_and_validate(
        headers={"Authorization": f"Bearer {fuzz_data.secret}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
