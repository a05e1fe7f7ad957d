"""The dashboard in real Chromium: axe in fi and sv, filters used with the keyboard only."""

import re

import pytest
from django.core.management import call_command

from conftest import PASSWORD
from encounters.models import Channel
from feedback.notes.services import capture_token_new, note_create
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "heading"), [("fi", "Tilannekuva"), ("sv", "Lägesbild")])
def test_dashboard_is_accessible_and_its_filters_work_by_keyboard(
    browser, live_server, manager, worker, unit, language, heading
):
    for number in range(6):
        note_create(
            worker=worker,
            unit=unit,
            channel=Channel.PHONE if number % 2 else Channel.HOME,
            kind="idea",
            client_text=f"Kirjaus {number}",
            token=capture_token_new(),
        )
    call_command("aggregate_notes")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/login/")
        page.fill("#id_username", "manager")
        page.fill("#id_password", PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/work/insights/\?waiting=on$"))  # the workspace
        page.goto(f"{live_server.url}/{language}/work/reports/")
        assert page.locator("h1").inner_text() in {heading, "Dashboard"}
        assert_accessible(page)
        # Keyboard only: focus the channel filter, choose with arrows, Tab to "Show", Enter.
        page.focus("#id_channel")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        selected = page.eval_on_selector("#id_channel", "el => el.value")
        page.keyboard.press("Tab")  # the channel is the last filter; Tab reaches "Show"
        assert page.evaluate("document.activeElement.type") == "submit"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"channel="))
        assert f"channel={selected}" in page.url
        assert_accessible(page)
        assert page.locator("table.bar-table").count() == 4
    finally:
        context.close()
