"""The client's receipt page: /r/<code>, the typed-code form, withdrawal and its limits."""

import logging
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.conftest import CLIENT_WORDS
from feedback.models import Note, NoteEvent, NoteStatus, StatusSubscription
from feedback.notes.receipts import receipt_code_display
from feedback.public.services import status_subscription_create


def test_the_qr_link_shows_unit_date_masked_words_and_plain_timeline(client, receipt):
    note, code = receipt
    response = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keskustan kotihoito" in html
    assert timezone.localdate(note.created_at).isoformat() in html  # the Helsinki date
    assert "takaisinsoittoa sai odottaa koko päivän" in html
    assert "040 123 4567" not in html and "•••" in html
    assert "Asiakas oli turhautunut" not in html  # the worker's own words stay with staff
    assert "We received your feedback." in html
    assert "Fewer than 5 other people have said something similar." in html
    assert receipt_code_display(code) in html


def test_the_receipt_page_is_private_and_never_cached(client, receipt):
    _, code = receipt
    response = client.get(f"/r/{code}")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Same-origin: other sites never see the code; our own forms keep their Origin header.
    assert response["Referrer-Policy"] == "same-origin"
    # The page's forms post the code in their body, never in a path that logs could print.
    html = response.content.decode()
    assert f'action="/r/{code}' not in html and 'action="/fi/receipt/"' in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_qr_link_answers_in_the_browsers_language(client, receipt, language):
    _, code = receipt
    response = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_typed_codes_are_forgiven_grouping_case_and_lookalikes(client, receipt):
    _, code = receipt
    sloppy = receipt_code_display(code).lower().replace("-", " ")
    sloppy = sloppy.replace("0", "o").replace("1", "l")
    response = client.post(reverse("receipt_lookup"), {"code": sloppy})
    assert response.status_code == 200
    assert "takaisinsoittoa" in response.content.decode()


def test_the_lookup_form_is_language_prefixed(client):
    response = client.get("/sv/receipt/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()


def _answer(response) -> tuple[int, str, str]:
    """What an answer tells: status, template and page, minus the CSRF token and the
    language switcher's return path (which echoes whatever was typed)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    html = re.sub(r'name="next" value="[^"]*"', "", html)
    return response.status_code, response.templates[0].name, html


def test_unknown_withdrawn_and_malformed_codes_get_exactly_the_same_answer(client, receipt):
    note, code = receipt
    unknown = _answer(client.get("/r/ZZZZZZZZZZ"))
    malformed = _answer(client.get("/r/not-a-code-at-all!"))
    client.post(reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"})
    withdrawn = _answer(client.get(f"/r/{code}"))
    assert unknown == malformed == withdrawn
    assert unknown[0] == 404 and unknown[1] == "feedback/receipt_unknown.html"
    typed = [
        _answer(client.post(reverse("receipt_lookup"), {"code": raw}))
        for raw in ("ZZZZ-ZZZZ-ZZ", "???", code)
    ]
    assert typed[0] == typed[1] == typed[2]
    assert typed[0][:2] == (404, "feedback/receipt_unknown.html")


def test_every_lookup_costs_one_hmac_and_one_indexed_query(
    client, receipt, django_assert_num_queries, monkeypatch
):
    from feedback.notes import selectors

    hashed = []
    original = selectors.receipt_code_hash
    monkeypatch.setattr(selectors, "receipt_code_hash", lambda c: hashed.append(c) or original(c))
    for path in ("/r/ZZZZZZZZZZ", "/r/%%%", "/r/" + "X" * 300):
        with django_assert_num_queries(1):
            assert client.get(path).status_code == 404
    assert len(hashed) == 3


def test_withdrawal_needs_a_confirmation(client, receipt):
    note, code = receipt
    response = client.post("/en/receipt/", {"code": code, "action": "withdraw"})
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    note.refresh_from_db()
    assert note.withdrawn_at is None and note.client_text == CLIENT_WORDS


def test_withdrawal_erases_the_text_and_the_code_stops_answering(client, receipt, mailoutbox):
    note, code = receipt
    status_subscription_create(note=note, email="asiakas@example.fi", language="fi")
    response = client.post(
        reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/receipt/withdrawn/")
    assert client.get(response["Location"]).status_code == 200
    note.refresh_from_db()
    assert note.is_withdrawn and note.status == NoteStatus.WITHDRAWN
    assert note.client_text == "" and note.worker_observation == ""
    assert note.receipt_hash is None and not note.may_publish
    assert not StatusSubscription.objects.exists()
    assert NoteEvent.objects.filter(note=note, status=NoteStatus.WITHDRAWN).count() == 1
    assert client.get(f"/r/{code}").status_code == 404
    # Withdrawing again is just an unknown code.
    again = client.post(
        reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"}
    )
    assert again.status_code == 404


def test_staff_see_a_withdrawn_note_without_its_text(client, receipt, worker):
    note, code = receipt
    client.post(reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"})
    client.force_login(worker)
    for url in (reverse("feedback:own"), reverse("feedback:detail", kwargs={"pk": note.pk})):
        html = client.get(url).content.decode()
        assert "Withdrawn by the client" in html or "erased" in html or "poistettu" in html.lower()
        assert "takaisinsoittoa" not in html


def test_receipt_pages_refuse_other_methods_and_unknown_actions(client, receipt):
    _, code = receipt
    assert client.put(f"/r/{code}").status_code == 405
    assert client.post(f"/r/{code}", {"action": "withdraw", "confirm": "on"}).status_code == 405
    assert client.delete(reverse("receipt_lookup")).status_code == 405
    assert (
        client.post(reverse("receipt_lookup"), {"code": code, "action": "explode"}).status_code
        == 400
    )
    assert Note.objects.get().client_text == CLIENT_WORDS


def test_receipt_posts_need_the_csrf_token(receipt):
    from django.test import Client

    note, code = receipt
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"}
    )
    assert response.status_code == 403
    note.refresh_from_db()
    assert not note.is_withdrawn


def test_a_thousand_guesses_find_nothing_and_are_cut_off_after_the_limit(client, receipt):
    import random

    _, code = receipt
    rng = random.Random(4)
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    statuses = []
    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False):
        for _ in range(1000):
            guess = "".join(rng.choice(alphabet) for _ in range(10))
            assert guess != code
            statuses.append(client.get(f"/r/{guess}", HTTP_ACCEPT_LANGUAGE="en").status_code)
    assert statuses[:10] == [404] * 10
    assert set(statuses[10:]) == {429}
    assert 200 not in statuses
    # Even the right code is refused while the limit lasts, with a readable page.
    with time_machine.travel("2026-11-27 10:00:30+00:00", tick=False):
        response = client.get(f"/r/{code}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # The daily limit is spent as well, so the wait lasts until the next day.
    assert 60 < int(response["Retry-After"]) <= 24 * 60 * 60


def test_the_daily_limit_holds_across_minutes(client, receipt):
    _, code = receipt
    answers = []
    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False) as traveller:
        for _minute in range(12):
            for _ in range(10):
                answers.append(client.get("/r/ZZZZZZZZZZ").status_code)
            traveller.shift(60)
        assert client.get(f"/r/{code}").status_code == 429
    assert answers.count(404) == 100 and answers.count(429) == 20
    with time_machine.travel("2026-11-28 10:00:00+00:00", tick=False):
        assert client.get(f"/r/{code}").status_code == 200


def test_the_limit_is_per_client_address(client, receipt):
    _, code = receipt
    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False):
        for _ in range(11):
            client.get("/r/ZZZZZZZZZZ", REMOTE_ADDR="192.0.2.1")
        assert client.get(f"/r/{code}", REMOTE_ADDR="192.0.2.1").status_code == 429
        assert client.get(f"/r/{code}", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_proxy_the_limit_uses_the_proxys_entry(client, receipt, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _, code = receipt

    def via_proxy(address: str) -> dict:
        return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": address}

    with time_machine.travel("2026-11-27 10:00:00+00:00", tick=False):
        for _ in range(11):
            client.get("/r/ZZZZZZZZZZ", **via_proxy("198.51.100.7"))
        assert client.get(f"/r/{code}", **via_proxy("198.51.100.7")).status_code == 429
        assert client.get(f"/r/{code}", **via_proxy("198.51.100.8")).status_code == 200


def test_codes_never_reach_the_logs(client, receipt, caplog):
    _, code = receipt
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("django.request").setLevel(logging.DEBUG)
        try:
            client.get(f"/r/{code}")
            client.get("/r/ZZZZZZZZZZ")
            client.post(reverse("receipt_lookup"), {"code": code})
            client.post(
                reverse("receipt_lookup"), {"code": code, "action": "withdraw", "confirm": "on"}
            )
            for _ in range(12):
                client.get("/r/YYYYYYYYYY")
        finally:
            logging.getLogger("django.request").setLevel(logging.ERROR)
    text = caplog.text
    for secret in (code, receipt_code_display(code), "ZZZZZZZZZZ", "YYYYYYYYYY"):
        assert secret not in text
    assert "note withdrawn" in text


def test_an_empty_r_path_is_not_found(client):
    assert client.get("/r/").status_code == 404
