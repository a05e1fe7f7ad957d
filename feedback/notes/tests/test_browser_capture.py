"""The worker's journey in real Chromium on a phone-sized screen, with axe on every page."""

import re

import pytest

from conftest import PASSWORD
from feedback.models import Note
from kumppanuus.tests.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TEXTS = {
    "fi": {
        "login": "Kirjaudu sisään",
        "save": "Tallenna kirjaus",
        "kind": "ongelma",
        "receipt": "seurata",
        "saved": "Kirjaus tallennettu",
        "client": "Puhelimessa ei pääse läpi aamulla.",
        "nothing": "Kysytty, ei lisättävää",
        "new": "Uusi kirjaus",
    },
    "sv": {
        "login": "Logga in",
        "save": "Spara anteckningen",
        "kind": "problem",
        "receipt": "följa",
        "saved": "Anteckningen har sparats",
        "client": "Jag kommer inte fram per telefon.",
        "nothing": "Tillfrågad, inget att tillägga",
        "new": "Ny anteckning",
    },
}


def log_in(page, live_server, language, *, check_accessibility=True):
    page.goto(f"{live_server.url}/{language}/login/")
    if check_accessibility:
        assert_accessible(page)
    page.get_by_label(re.compile("käyttäjätunnus|användarnamn", re.I)).fill("worker")
    page.get_by_label(re.compile("salasana|lösenord", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=TEXTS[language]["login"]).click()
    page.wait_for_url(re.compile(r"/work/capture/$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_worker_captures_a_note_with_receipt_on_a_phone(
    phone_page, live_server, worker, unit, language
):
    page = phone_page
    text = TEXTS[language]
    log_in(page, live_server, language)
    assert_accessible(page)
    assert page.locator("h1").inner_text() == text["new"]

    # The unit (only one) and channel preselection; the worker types and taps.
    page.get_by_label(re.compile("kotikäynti|hembesök", re.I)).check()
    page.get_by_label(re.compile("asiakkaan sanat|klientens ord", re.I)).fill(text["client"])
    page.get_by_label(re.compile(text["kind"], re.I)).check()
    page.get_by_label(re.compile(text["receipt"], re.I)).check()
    page.get_by_role("button", name=text["save"]).click()

    page.wait_for_url(re.compile(r"/saved/$"))
    assert text["saved"] in page.locator("h1").inner_text()
    code = page.locator(".receipt-slip__code").inner_text()
    assert re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    assert page.locator(".receipt-slip__qr svg").count() == 1
    assert_accessible(page)

    note = Note.objects.get()
    assert note.client_text == text["client"] and note.has_receipt

    # One tap to a new note, which comes back with the same channel preselected.
    page.get_by_role("link", name=text["new"]).last.click()
    page.wait_for_url(re.compile(r"/work/capture/$"))
    assert page.get_by_label(re.compile("kotikäynti|hembesök", re.I)).is_checked()


def test_errors_are_summarised_and_take_focus(phone_page, live_server, worker, unit):
    page = phone_page
    log_in(page, live_server, "fi")
    page.get_by_label(re.compile("käynti vastaanotolla", re.I)).check()
    page.get_by_role("button", name="Tallenna kirjaus").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_client_text"
    assert Note.objects.count() == 0


def test_draft_survives_an_expired_session_and_is_saved_once(
    phone_page, live_server, worker, unit, client
):
    page = phone_page
    log_in(page, live_server, "fi")
    page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill("Luonnos ei saa kadota.")
    page.get_by_label(re.compile("idea", re.I)).check()
    page.get_by_label(re.compile("puhelin", re.I)).check()
    # The session ends while the worker is still typing.
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Tallenna kirjaus").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert Note.objects.count() == 0
    page.get_by_label(re.compile("käyttäjätunnus", re.I)).fill("worker")
    page.get_by_label(re.compile("salasana", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(re.compile(r"/work/capture/$"))
    assert (
        page.get_by_label(re.compile("asiakkaan sanat", re.I)).input_value()
        == "Luonnos ei saa kadota."
    )
    assert page.locator("#draft-notice").is_visible()
    page.get_by_role("button", name="Tallenna kirjaus").click()
    page.wait_for_url(re.compile(r"/saved/$"))
    # Going back and saving the same draft again creates no duplicate.
    page.go_back()
    page.go_back()
    assert Note.objects.count() == 1
    assert Note.objects.get().client_text == "Luonnos ei saa kadota."
    # The draft was cleared on the confirmation page.
    assert (
        page.evaluate(
            "Object.keys(localStorage).filter(k => k.startsWith('kumppanuus:draft')).length"
        )
        == 0
    )


def test_page_works_without_javascript(browser, live_server, worker, unit):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, "fi", check_accessibility=False)
        page.get_by_label(re.compile("video", re.I)).check()
        page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill("Ilman skriptejä toimii.")
        page.get_by_label(re.compile("kiitos", re.I)).check()
        page.get_by_role("button", name="Tallenna kirjaus").click()
        page.wait_for_url(re.compile(r"/saved/$"))
        assert Note.objects.get().client_text == "Ilman skriptejä toimii."
    finally:
        context.close()
