"""A capture draft holds a client's words: it leaves the device at logout and when the
session ends for idleness, in real Chromium."""

import re

import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('kumppanuus:draft:')).length"


def _log_in_and_type(page, live_server) -> None:
    page.goto(f"{live_server.url}/fi/login/")
    page.get_by_label(re.compile("käyttäjätunnus", re.I)).fill("worker")
    page.get_by_label(re.compile("salasana", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(re.compile(r"/work/capture/$"))
    # Another worker's draft left on the same tablet earlier.
    page.evaluate(
        "localStorage.setItem('kumppanuus:draft:999', JSON.stringify({savedAt: Date.now(),"
        " fields: {client_text: 'Toisen työntekijän luonnos'}}))"
    )
    page.get_by_label(re.compile("asiakkaan sanat", re.I)).fill("Jonossa meni tunti.")
    assert page.evaluate(DRAFTS) == 2


def test_logging_out_removes_every_draft_from_the_device(phone_page, live_server, worker, unit):
    page = phone_page
    _log_in_and_type(page, live_server)
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert page.evaluate(DRAFTS) == 0


def test_an_idle_session_end_removes_the_draft_from_screen_and_device(
    phone_page, live_server, worker, unit, settings
):
    page = phone_page
    page.clock.install()
    _log_in_and_type(page, live_server)
    page.clock.fast_forward(settings.SESSION_IDLE_MINUTES * 60 * 1000 + 1000)
    banner = page.locator("#session-warning-text")
    banner.wait_for()
    assert "poistettiin tältä laitteelta" in banner.inner_text()
    assert page.evaluate(DRAFTS) == 0
    assert page.get_by_label(re.compile("asiakkaan sanat", re.I)).input_value() == ""
