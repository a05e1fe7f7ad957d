"""The manager's insight workspace in real Chromium, fi and sv, with axe on every page,
and the same journey with JavaScript turned off."""

import re

import pytest

from conftest import PASSWORD
from feedback.models import Insight
from feedback.tests.insight_support import (
    PARKING_TEXTS,
    PHONE_TEXTS,
    capture,
    seed_reference_data,
)
from kumppanuus.tests.browser import assert_accessible
from reports.aggregation import aggregation_run

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def grouped(settings, worker, unit):
    settings.FEEDBACK_CAPTURE_HOOKS = []  # aggregated explicitly below
    seed_reference_data()
    for text in PHONE_TEXTS:
        capture(worker, unit, text, themes=["booking-access"])
    for text in PARKING_TEXTS:
        capture(worker, unit, text, themes=["premises"])
    aggregation_run()
    return Insight.objects.get(concept__slug="phone_access")


def log_in_as_manager(page, live_server, language):
    page.goto(f"{live_server.url}/{language}/login/?next=/{language}/work/insights/")
    page.locator("#id_username").fill("manager")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/work/insights/$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_manager_reviews_and_curates_an_insight_on_a_phone(
    phone_page, live_server, manager, grouped, language
):
    page = phone_page
    log_in_as_manager(page, live_server, language)
    assert page.locator(".insight-card").count() == 2
    assert page.locator(".badge-new").count() == 2
    assert_accessible(page)

    page.get_by_role("link", name=grouped.title).click()
    page.wait_for_url(re.compile(rf"/work/insights/{grouped.pk}/$"))
    assert page.locator("blockquote.client-words").count() == 3
    assert_accessible(page)

    # A summary without the Finnish text is refused with a focused error summary.
    page.locator("details.insight-edit > summary").click()
    page.locator("form[action$='/summary/'] button[type=submit]").click()
    page.locator(".error-summary").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_summary_fi"

    page.locator("#id_summary_fi").fill("Lisäämme puhelinaikoja aamuisin.")
    page.locator("#id_status").select_option("action_planned")
    page.locator("form[action$='/summary/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/work/insights/{grouped.pk}/$"))
    page.locator("details.insight-edit > summary").click()
    page.locator("#id_rename_title").fill("Puhelimessa läpipääsy")
    page.locator("form[action$='/rename/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/work/insights/{grouped.pk}/$"))
    assert page.locator("h1").inner_text() == "Puhelimessa läpipääsy"
    assert_accessible(page)
    grouped.refresh_from_db()
    assert grouped.summary_fi == "Lisäämme puhelinaikoja aamuisin."
    assert grouped.status == "action_planned" and grouped.title_edited


def test_workspace_works_without_javascript(browser, live_server, manager, grouped):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in_as_manager(page, live_server, "fi")
        page.goto(f"{live_server.url}/fi/work/insights/{grouped.pk}/")
        # The dialog's button submits its form: the same choices open as a page.
        page.locator("input[name=note]").first.check()
        page.locator("button[data-dialog-open]").click()
        page.wait_for_url(re.compile(r"/move-or-merge/"))
        page.locator("input[name=target]").first.check()
        page.locator(".relocate-form button[type=submit]").last.click()
        page.locator(".relocate-confirm form button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/work/insights/{grouped.pk}/$"))
        assert page.locator(".undo-bar").count() == 1
        assert page.locator("blockquote.client-words").count() == 2
        assert grouped.notes.count() == 2
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_manager_decides_suggestions_in_the_queue(
    phone_page, live_server, manager, worker, unit, grouped, language
):
    # Between the phone and the parking: grouping offers the note to both insights.
    torn = capture(worker, unit, "Soitin mutta kukaan ei vastannut, ja parkkipaikkoja ei ollut.")
    aggregation_run()
    assert torn.suggestions.count() == 2
    page = phone_page
    log_in_as_manager(page, live_server, language)
    page.locator(".suggestions-link a").click()
    page.wait_for_url(re.compile(r"/work/insights/suggestions/$"))
    card = page.locator(f"#note-{torn.pk}")
    assert card.locator(".suggestion__targets > li").count() == 2
    assert_accessible(page)

    card.locator(".suggestion__targets > li").first.locator("button").first.click()
    page.wait_for_url(re.compile(r"/work/insights/suggestions/$"))
    assert page.locator(".notice--success").count() == 1
    assert page.locator(f"#note-{torn.pk}").count() == 0
    assert_accessible(page)
    torn.refresh_from_db()
    assert torn.placed_by_manager and torn.insight.concept.slug in {"phone_access", "parking"}
