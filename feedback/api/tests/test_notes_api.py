"""POST /api/v1/notes: a patient-record system records a note through the capture rules."""

import json
import logging

import pytest

from encounters.models import Encounter
from feedback.models import IntegrationCall, Note, NoteEvent, Theme
from feedback.notes.receipts import receipt_code_hash, receipt_code_normalise

from .conftest import fresh_key, note_body, tampered

pytestmark = pytest.mark.django_db

TEXT = "Odotushuoneeseen voisi tuoda lisää tuoleja."


def test_key_records_a_note_in_its_own_unit_with_receipt_code_and_qr(api, api_key, unit):
    response = api(
        "POST", "/notes", key=api_key, body=note_body(unit, wants_receipt=True), headers=fresh_key()
    )

    assert response.status_code == 201
    data = response.json()
    note = Note.objects.get()
    assert data["note_id"] == note.pk and data["created"] is True
    assert note.unit == unit and note.client_text == TEXT and note.kind == "idea"
    assert note.author == api_key.key.account and note.encounter.worker == api_key.key.account
    code = receipt_code_normalise(data["receipt_code"])
    assert note.receipt_hash == receipt_code_hash(code)
    assert data["receipt_url"].endswith(f"/r/{code}")
    assert data["qr_svg"].startswith("<svg")
    assert NoteEvent.objects.filter(note=note, status="received").exists()
    # The code opens the client's receipt page.
    assert api("GET", "/", headers={}).status_code == 404  # (the API root is no page)
    from django.test import Client

    assert Client().get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="fi").status_code == 200


def test_note_without_receipt_answers_no_code(api, api_key, unit):
    response = api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())

    assert response.status_code == 201
    assert response.json()["receipt_code"] is None
    assert Note.objects.get().receipt_hash is None


def test_replayed_idempotency_key_returns_the_first_note_and_code(api, api_key, unit):
    headers = fresh_key()
    body = note_body(unit, wants_receipt=True)
    first = api("POST", "/notes", key=api_key, body=body, headers=headers)
    again = api("POST", "/notes", key=api_key, body=body, headers=headers)

    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["note_id"] == first.json()["note_id"]
    assert again.json()["receipt_code"] == first.json()["receipt_code"]
    assert Note.objects.count() == 1 and Encounter.objects.count() == 1
    outcomes = list(IntegrationCall.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["created", "replayed"]


def test_same_idempotency_key_of_another_system_is_its_own_note(
    api, api_key, other_key, unit, other_unit
):
    headers = fresh_key()
    api("POST", "/notes", key=api_key, body=note_body(unit), headers=headers)
    response = api("POST", "/notes", key=other_key, body=note_body(other_unit), headers=headers)

    assert response.status_code == 201
    assert Note.objects.count() == 2


def test_key_cannot_record_a_note_in_another_unit(api, api_key, other_unit):
    response = api("POST", "/notes", key=api_key, body=note_body(other_unit), headers=fresh_key())

    assert response.status_code == 403
    assert response.json()["code"] == "unit_forbidden"
    assert not Note.objects.exists() and not Encounter.objects.exists()
    call = IntegrationCall.objects.get()
    assert (call.outcome, call.unit_ids, call.key_prefix) == (
        "forbidden",
        [other_unit.pk],
        api_key.key.prefix,
    )


def test_unknown_unit_is_refused_like_another_units(api, api_key, unit):
    body = {**note_body(unit), "unit": "ei-ole"}
    response = api("POST", "/notes", key=api_key, body=body, headers=fresh_key())

    assert response.status_code == 403
    assert not Note.objects.exists()


def test_identity_code_is_refused_by_the_privacy_guard(api, api_key, unit):
    body = note_body(unit, client_text="Asiakkaan tunnus on 131052-308T, soittakaa.")
    response = api("POST", "/notes", key=api_key, body=body, headers=fresh_key())

    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "identity_code"
    assert any(error["field"] == "client_text" for error in data["errors"])
    assert "131052" not in response.content.decode()
    assert not Note.objects.exists()


def test_phone_number_needs_confirmation_then_is_kept_with_its_flag(api, api_key, unit):
    body = note_body(unit, client_text="Soittakaa numeroon 040 123 4567 kun aika vapautuu.")
    headers = fresh_key()
    refused = api("POST", "/notes", key=api_key, body=body, headers=headers)

    assert refused.status_code == 400
    assert refused.json()["code"] == "privacy_confirm"
    assert refused.json()["privacy_flags"] == ["phone"]
    assert not Note.objects.exists()

    confirmed = api(
        "POST", "/notes", key=api_key, body={**body, "confirm_privacy": True}, headers=headers
    )
    assert confirmed.status_code == 201
    assert Note.objects.get().privacy_flags == ["phone"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"client_text": "   "}, "client_text"),
        ({"kind": "complaint"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"client_text": "x" * 1001}, "client_text"),
        ({"client_text": "Teksti\u202ekätketty"}, "client_text"),
        ({"themes": ["ei-teemaa"]}, "themes"),
    ],
)
def test_capture_form_rules_refuse_bad_notes_with_translated_errors(
    api, api_key, unit, changes, field
):
    response = api(
        "POST",
        "/notes",
        key=api_key,
        body=note_body(unit, **changes),
        headers={**fresh_key(), "Accept-Language": "sv"},
    )

    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert field in {error["field"] for error in data["errors"]}
    assert data["message"] == "Anteckningen sparades inte. Kontrollera fälten i errors."
    assert not Note.objects.exists()


def test_themes_are_given_by_slug(api, api_key, unit):
    theme = Theme.objects.create(name="Odottaminen", slug="odottaminen")
    body = note_body(unit, themes=["odottaminen"])
    response = api("POST", "/notes", key=api_key, body=body, headers=fresh_key())

    assert response.status_code == 201
    assert list(Note.objects.get().themes.all()) == [theme]


@pytest.mark.parametrize(
    ("body", "raw", "code"),
    [
        (None, "{not json", "malformed"),
        ({"unit": "keskusta"}, None, "invalid"),
        (
            {"unit": "../x", "channel": "clinic", "kind": "idea", "client_text": "a"},
            None,
            "invalid",
        ),
        ({"unit": "keskusta", "channel": 1, "kind": "idea", "client_text": "a"}, None, "invalid"),
    ],
)
def test_malformed_requests_answer_400_json_and_save_nothing(api, api_key, body, raw, code):
    response = api("POST", "/notes", key=api_key, body=body, raw=raw, headers=fresh_key())

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Note.objects.exists()


def test_missing_idempotency_key_is_refused(api, api_key, unit):
    response = api("POST", "/notes", key=api_key, body=note_body(unit))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"].endswith("Idempotency-Key")
    assert not Note.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "malformed", "tampered", "revoked", "cookie"])
def test_without_a_valid_key_nothing_is_recorded(
    api, client, api_key, revoked_key, worker, unit, persona
):
    key = {
        "anonymous": None,
        "malformed": "kmp_nonsense",
        "tampered": tampered(api_key.secret),
        "revoked": revoked_key,
        "cookie": None,
    }[persona]
    if persona == "cookie":
        client.force_login(worker)  # a signed-in worker's session is no key
    response = api("POST", "/notes", key=key, body=note_body(unit), headers=fresh_key())

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    expected = {
        "anonymous": "key_missing",
        "malformed": "key_malformed",
        "tampered": "key_invalid",
        "revoked": "key_revoked",
        "cookie": "key_missing",
    }[persona]
    assert response.json()["code"] == expected
    assert not Note.objects.exists()
    call = IntegrationCall.objects.get()
    assert call.outcome == "unauthenticated" and call.key is None


def test_key_without_the_notes_scope_is_refused(api, read_only_key, unit):
    response = api("POST", "/notes", key=read_only_key, body=note_body(unit), headers=fresh_key())

    assert response.status_code == 403
    assert response.json()["code"] == "scope"
    assert not Note.objects.exists()


def test_a_key_cannot_read_notes_at_all(api, api_key, unit):
    created = api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
    note_id = created.json()["note_id"]

    listing = api("GET", "/notes", key=api_key)
    detail = api("GET", f"/notes/{note_id}", key=api_key)

    assert listing.status_code == 405
    assert detail.status_code == 404 and detail.json()["code"] == "not_found"
    assert TEXT not in listing.content.decode() + detail.content.decode()


def test_rate_limit_per_key_answers_429_with_retry_after(api, api_key, unit, settings):
    settings.API_RATE_LIMITS = [(2, 60)]
    answers = [
        api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
        for _ in range(3)
    ]

    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert int(answers[2]["Retry-After"]) > 0
    assert answers[2].json()["code"] == "rate_limited"
    assert Note.objects.count() == 2
    assert IntegrationCall.objects.filter(outcome="rate_limited").count() == 1


def test_wrong_keys_from_one_address_are_rate_limited(api, api_key, unit, settings):
    settings.API_BAD_KEY_RATE_LIMITS = [(2, 60)]
    codes = [
        api("POST", "/notes", key=tampered(api_key.secret), body=note_body(unit)).status_code
        for _ in range(3)
    ]

    assert codes == [401, 401, 429]


def test_call_log_and_logs_never_hold_the_clients_words(api, api_key, unit, caplog):
    caplog.set_level(logging.DEBUG)
    api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
    body = note_body(unit, client_text="Salainen 131052-308T")
    api("POST", "/notes", key=api_key, body=body, headers=fresh_key())

    assert TEXT not in caplog.text and "131052" not in caplog.text
    assert api_key.secret not in caplog.text
    for call in IntegrationCall.objects.all():
        assert TEXT not in str(call.__dict__)


def test_api_notes_do_not_count_as_team_participation(api, api_key, worker, unit):
    from reports.filters import Period
    from reports.selectors import participation_for_report

    api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
    from django.utils import timezone

    today = timezone.localdate()
    counts = participation_for_report(unit_ids={unit.pk}, period=Period(today, today))

    assert counts[unit.pk] == {"writers": 0, "workers": 1}


def test_key_authenticated_calls_need_no_csrf_token(api_key, unit):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/api/v1/notes",
        data=json.dumps(note_body(unit)),
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_key.secret}", **fresh_key()},
    )

    assert response.status_code == 201


def test_the_clients_language_is_recorded_and_finnish_by_default(api, api_key, unit):
    swedish = api(
        "POST", "/notes", key=api_key, body=note_body(unit, language="sv"), headers=fresh_key()
    )
    default = api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())

    assert swedish.status_code == default.status_code == 201
    assert Note.objects.get(pk=swedish.json()["note_id"]).language == "sv"
    assert Note.objects.get(pk=default.json()["note_id"]).language == "fi"


def test_an_unknown_language_is_refused_and_nothing_is_saved(api, api_key, unit):
    response = api(
        "POST", "/notes", key=api_key, body=note_body(unit, language="xx"), headers=fresh_key()
    )

    assert response.status_code == 400
    assert "language" in {error["field"] for error in response.json()["errors"]}
    assert not Note.objects.exists()
