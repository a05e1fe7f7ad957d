"""The capture in real Chromium: a note saved with the network down waits on the phone and
is sent once when the network returns, and a client who wants a receipt gets its code at
once; the whole capture works from the keyboard; typed words are not thrown away by "asked,
nothing to add" without a confirmation."""

import json
import re

import pytest

from encounters.models import Encounter
from feedback.models import Note
from feedback.notes.selectors import note_find_by_receipt
from feedback.notes.tests.test_browser_capture import TEXTS, log_in
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUE = (
    "JSON.parse(localStorage.getItem('kumppanuus:draft:queue:' + document.body.dataset.user)"
    " || '[]')"
)
QUEUED = {
    "fi": "Tallennettu tähän puhelimeen",
    "sv": "Sparad i den här telefonen",
}
SENT = {
    "fi": "on lähetetty",
    "sv": "har skickats",
}
GIVE_THE_CODE = {
    "fi": "Anna tämä koodi asiakkaalle",
    "sv": "Ge koden till klienten",
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_note_saved_offline_is_sent_once_when_the_network_returns(
    phone_page, live_server, worker, unit, language
):
    page = phone_page
    text = TEXTS[language]
    log_in(page, live_server, language, check_accessibility=False)
    page.get_by_label(re.compile("kotikäynti|hembesök", re.I)).check()
    page.get_by_label(re.compile("asiakkaan sanat|klientens ord", re.I)).fill(text["client"])
    page.get_by_label(re.compile(text["kind"], re.I)).check()

    page.context.set_offline(True)
    page.get_by_role("button", name=text["save"]).click()
    status = page.locator("#capture-queue")
    status.filter(has_text=QUEUED[language]).wait_for()
    queue = page.evaluate(QUEUE)
    assert len(queue) == 1
    token = dict(queue[0]["fields"])["token"]
    # The form is ready for the next client, with a fresh idempotency key.
    assert page.get_by_label(re.compile("asiakkaan sanat|klientens ord", re.I)).input_value() == ""
    assert page.locator("[name=token]").input_value() not in ("", token)
    assert Note.objects.count() == 0
    assert_accessible(page)

    # The answer to a first attempt may have been lost on the way: the same note twice in
    # the queue must still become one note.
    page.evaluate(
        "q => localStorage.setItem('kumppanuus:draft:queue:' + document.body.dataset.user,"
        " JSON.stringify(q))",
        queue + queue,
    )
    page.context.set_offline(False)
    status.filter(has_text=SENT[language]).wait_for()
    # The second copy goes too (the server answers it with the first note).
    for _ in range(100):
        if not page.evaluate(QUEUE):
            break
        page.wait_for_timeout(200)
    assert page.evaluate(QUEUE) == []
    note = Note.objects.get()
    assert note.client_text == text["client"]
    assert Encounter.objects.count() == 1
    assert_accessible(page)


def _save_offline(page, text: str, language: str, *, wants_receipt: bool) -> None:
    page.get_by_label(re.compile("asiakkaan sanat|klientens ord", re.I)).fill(text)
    page.get_by_label(re.compile(TEXTS[language]["kind"], re.I)).check()
    if wants_receipt:
        page.get_by_label(re.compile(TEXTS[language]["receipt"], re.I)).check()
    count = len(page.evaluate(QUEUE))
    page.get_by_role("button", name=TEXTS[language]["save"]).click()
    _wait_for_queue(page, count + 1)


def _wait_for_queue(page, length: int) -> None:
    # Polled: the page's CSP refuses the eval that wait_for_function needs.
    for _ in range(100):
        if len(page.evaluate(QUEUE)) == length:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the queue never held {length} notes")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_note_saved_offline_shows_its_receipt_code_which_works_once_sent(
    phone_page, live_server, worker, unit, language
):
    page = phone_page
    log_in(page, live_server, language, check_accessibility=False)
    page.get_by_label(re.compile("kotikäynti|hembesök", re.I)).check()
    page.context.set_offline(True)
    panel = page.locator("#capture-receipt")

    # The client wants a receipt: the code is shown at once, large, and takes the focus.
    _save_offline(page, "Aamukäynti tulee liian myöhään.", language, wants_receipt=True)
    panel.wait_for(state="visible")
    first = panel.locator(".receipt-slip__code [data-receipt-code]").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", first)
    assert GIVE_THE_CODE[language] in panel.inner_text()
    assert page.evaluate("document.activeElement.id") == "capture-receipt"
    # Large enough to read out or copy onto a slip at arm's length.
    assert _font_size(panel.locator(".receipt-slip__code")) >= 28
    assert_accessible(page)

    # The next note, with a spare token, shows its own code.
    _save_offline(page, "Ruoka on hyvää, kiitos.", language, wants_receipt=True)
    second = panel.locator("[data-receipt-code]").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", second) and second != first

    # A note without a receipt shows no code, not even the one before.
    _save_offline(page, "Ei kuittia, kiitos.", language, wants_receipt=False)
    assert panel.is_hidden()
    assert Note.objects.count() == 0

    page.context.set_offline(False)
    page.locator("#capture-queue").filter(has_text=SENT[language]).wait_for()
    _wait_for_queue(page, 0)
    assert Note.objects.count() == 3
    assert note_find_by_receipt(raw_code=first).client_text == "Aamukäynti tulee liian myöhään."
    assert note_find_by_receipt(raw_code=second).client_text == "Ruoka on hyvää, kiitos."
    assert Note.objects.get(client_text="Ei kuittia, kiitos.").receipt_hash is None

    # The code the client was given opens their note at the receipt page.
    for code, words in ((first, "Aamukäynti tulee liian myöhään."), (second, "Ruoka on hyvää")):
        page.goto(f"{live_server.url}/{language}/receipt/")
        page.locator("#id_code").fill(code)
        page.locator("form.receipt-lookup button[type=submit]").click()
        page.locator(".client-words").wait_for()
        assert words in page.locator(".client-words").inner_text()


def test_a_queued_note_sent_back_for_checking_keeps_the_code_the_client_was_given(
    phone_page, live_server, worker, unit
):
    page = phone_page
    log_in(page, live_server, "fi", check_accessibility=False)
    page.get_by_label(re.compile("kotikäynti", re.I)).check()
    page.context.set_offline(True)
    words = "Toivoo soittoa numeroon 040 123 4567 kun asia etenee."
    _save_offline(page, words, "fi", wants_receipt=True)
    given = page.locator("#capture-receipt [data-receipt-code]").inner_text()
    token = dict(page.evaluate(QUEUE)[0]["fields"])["token"]

    # The phone number needs the worker's yes: the server sends the note back.
    page.context.set_offline(False)
    page.locator("#capture-queue").filter(has_text="tarkista se").wait_for()
    _wait_for_queue(page, 0)
    # It is back in the form at once, with its own token: nothing the worker touches now
    # can throw it away.
    client_words = page.get_by_label(re.compile("asiakkaan sanat", re.I))
    assert client_words.input_value() == words
    assert page.locator("[name=token]").input_value() == token
    assert page.get_by_label(re.compile(TEXTS["fi"]["receipt"], re.I)).is_checked()
    assert_accessible(page)

    page.get_by_role("button", name=TEXTS["fi"]["save"]).click()
    page.get_by_label(re.compile("olen tarkistanut", re.I)).check()
    page.get_by_role("button", name=TEXTS["fi"]["save"]).click()
    page.wait_for_url(re.compile(r"/saved/$"))
    assert page.locator(".receipt-slip__code").inner_text().endswith(given)
    assert note_find_by_receipt(raw_code=given).client_text == words


def _font_size(locator) -> float:
    return locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def _tab_to(page, predicate: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {predicate}")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_capture_works_from_the_keyboard_alone(phone_page, live_server, worker, unit, language):
    page = phone_page
    text = TEXTS[language]
    log_in(page, live_server, language, check_accessibility=False)
    # The channel, from the keyboard: Tab into its radio group, Space chooses.
    _tab_to(page, "el.name === 'channel'")
    page.keyboard.press("Space")

    # "Asked, nothing to add" with words typed: a dialog, which Escape cancels.
    _tab_to(page, "el.name === 'client_text'")
    page.keyboard.type(text["client"])
    _tab_to(page, "el.value === 'nothing_to_add'")
    page.keyboard.press("Enter")
    dialog = page.locator("#confirm-nothing")
    dialog.wait_for(state="visible")
    assert page.evaluate("document.activeElement.hasAttribute('data-dialog-cancel')")
    assert_accessible(page)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.value") == "nothing_to_add"
    assert Encounter.objects.count() == 0

    # The note itself: the kind (Space in its radio group), then save with Enter.
    _tab_to(page, "el.name === 'kind'")
    page.keyboard.press("Space")
    _tab_to(page, "el.value === 'save'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/saved/$"))
    assert Note.objects.get().client_text == text["client"]

    # "Nothing to add" confirmed from the keyboard throws the typed words away.
    page.goto(f"{live_server.url}/{language}/work/capture/")
    _tab_to(page, "el.name === 'channel'")
    page.keyboard.press("Space")
    _tab_to(page, "el.name === 'client_text'")
    page.keyboard.type("Ei mitään")
    _tab_to(page, "el.value === 'nothing_to_add'")
    page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "nothing_to_add_confirmed"
    page.keyboard.press("Enter")
    page.locator(".notice--success").wait_for()
    assert Encounter.objects.filter(nothing_to_add=True).count() == 1
    assert Note.objects.count() == 1
    assert_accessible(page)
    assert json.loads(json.dumps(page.evaluate(QUEUE))) == []


def test_logging_out_with_notes_waiting_asks_before_deleting_them(
    phone_page, live_server, worker, unit
):
    page = phone_page
    text = TEXTS["fi"]
    log_in(page, live_server, "fi", check_accessibility=False)
    # The capture cannot reach the server; everything else can.
    page.route(
        re.compile(r"/work/capture/$"),
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_label(re.compile("kotikäynti", re.I)).check()
    page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill(text["client"])
    page.get_by_label(re.compile(text["kind"], re.I)).check()
    page.get_by_role("button", name=text["save"]).click()
    page.locator("#capture-queue").filter(has_text=QUEUED["fi"]).wait_for()
    assert len(page.evaluate(QUEUE)) == 1

    # Logging out asks first; staying keeps the note waiting.
    page.get_by_role("button", name="Kirjaudu ulos").click()
    dialog = page.locator("#confirm-logout")
    dialog.wait_for(state="visible")
    assert "Lähetystä odottavia muistiinpanoja: 1." in dialog.inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Pysy kirjautuneena").click()
    dialog.wait_for(state="hidden")
    assert page.url.endswith("/fi/work/capture/")
    assert len(page.evaluate(QUEUE)) == 1

    # A yes logs out and deletes the note from the device.
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_role("button", name="Kirjaudu ulos ja poista ne").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert (
        page.evaluate(
            "Object.keys(localStorage).filter(k => k.startsWith('kumppanuus:draft:')).length"
        )
        == 0
    )
    assert Note.objects.count() == 0


def test_an_idle_session_end_keeps_the_notes_waiting_and_they_are_sent_after_logging_in(
    phone_page, live_server, worker, unit, settings
):
    page = phone_page
    page.clock.install()
    text = TEXTS["fi"]
    log_in(page, live_server, "fi", check_accessibility=False)
    offline = re.compile(r"/work/capture/$")
    page.route(
        offline,
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_label(re.compile("kotikäynti", re.I)).check()
    page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill(text["client"])
    page.get_by_label(re.compile(text["kind"], re.I)).check()
    page.get_by_role("button", name=text["save"]).click()
    page.locator("#capture-queue").filter(has_text=QUEUED["fi"]).wait_for()
    # An unsaved draft of the next note, and another worker's note waiting on this phone.
    page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill("Keskeneräinen kirjaus.")
    page.evaluate(
        "localStorage.setItem('kumppanuus:draft:queue:999', JSON.stringify([{savedAt: 1,"
        " url: '/fi/work/capture/', fields: []}]))"
    )

    # Nobody touches the phone until the session ends: the draft goes, saved notes stay.
    page.clock.fast_forward(settings.SESSION_IDLE_MINUTES * 60 * 1000 + 1000)
    banner = page.locator("#session-warning-text")
    banner.filter(has_text="poistettiin tältä laitteelta").wait_for()
    assert "lähtevät, kun kirjaudut uudelleen. Odottamassa: 1" in banner.inner_text()
    assert_accessible(page)
    assert page.get_by_label(re.compile("asiakkaan sanat", re.I)).input_value() == ""
    assert page.evaluate(f"localStorage.getItem('kumppanuus:draft:{worker.pk}')") is None
    assert len(page.evaluate(QUEUE)) == 1
    assert Note.objects.count() == 0

    # The worker logs in again once the network is back: the note is sent, once.
    page.context.clear_cookies()
    page.unroute(offline)
    log_in(page, live_server, "fi", check_accessibility=False)
    page.locator("#capture-queue").filter(has_text=SENT["fi"]).wait_for()
    assert page.evaluate(QUEUE) == []
    assert list(Note.objects.values_list("client_text", flat=True)) == [text["client"]]
    # The other worker's waiting note was not this worker's to send or delete.
    assert page.evaluate("localStorage.getItem('kumppanuus:draft:queue:999')") is not None


def test_logging_out_keeps_another_workers_notes_waiting(phone_page, live_server, worker, unit):
    page = phone_page
    log_in(page, live_server, "fi", check_accessibility=False)
    page.evaluate(
        "localStorage.setItem('kumppanuus:draft:queue:999', JSON.stringify([{savedAt: 1,"
        " url: '/fi/work/capture/', fields: []}]));"
        "localStorage.setItem('kumppanuus:draft:999', JSON.stringify({savedAt: Date.now(),"
        " fields: {client_text: 'Toisen työntekijän luonnos'}}))"
    )
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert page.evaluate("localStorage.getItem('kumppanuus:draft:999')") is None
    assert page.evaluate("localStorage.getItem('kumppanuus:draft:queue:999')") is not None
