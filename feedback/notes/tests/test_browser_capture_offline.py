"""The capture in real Chromium: a note saved with the network down waits on the phone and
is sent once when the network returns; the whole capture works from the keyboard; typed
words are not thrown away by "asked, nothing to add" without a confirmation."""

import json
import re

import pytest

from encounters.models import Encounter
from feedback.models import Note
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
