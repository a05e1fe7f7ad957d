"""Openers and the team's monthly meeting in real Chromium, in Finnish and Swedish.

A manager adds an opener; a worker sees it on capture in Swedish for a Swedish client and
saves a note; the dashboard counts it; the team opens the month's meeting view, records a
decision that becomes an action, and next month's view shows it. axe on every new page.
"""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import PASSWORD
from encounters.models import Encounter, Opener
from feedback.models import Action, Insight, ReflectionDecision
from feedback.reflection.services import month_next
from feedback.tests.insight_support import seed_reference_data
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPENER = {
    "fi": "Mikä tämän päivän käynnissä auttoi sinua eniten?",
    "sv": "Vad hjälpte dig mest under dagens besök?",
    "en": "What helped you most during today's visit?",
}


def _log_in(page, base, language, username):
    page.context.clear_cookies()
    page.goto(f"{base}/{language}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    # A worker lands on capture, a manager on the workspace.
    page.wait_for_url(re.compile(r"/work/(capture/|insights/\?waiting=on)$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_openers_and_the_monthly_meeting_from_capture_to_next_months_view(
    phone_page, live_server, manager, worker, unit, language
):
    page, base = phone_page, live_server.url
    seed_reference_data()  # a transactional test before this one may have flushed it

    # 1. The manager adds an opener in three languages.
    _log_in(page, base, language, "manager")
    page.goto(f"{base}/{language}/work/openers/")
    assert_accessible(page)
    for code, text in OPENER.items():
        page.fill(f"#id_text_{code}", text)
    page.locator("form.opener-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/work/openers/$"))
    opener = Opener.objects.get(unit=unit)
    assert OPENER[language] in page.locator(".openers-table").inner_text()
    assert_accessible(page)

    # 2. The worker meets a Swedish-speaking client: the opener turns Swedish at once.
    _log_in(page, base, language, "worker")
    page.goto(f"{base}/{language}/work/capture/")
    page.check("input[name=language][value=sv]")
    visible = page.locator(".opener__text:visible")
    assert visible.count() == 1
    assert visible.inner_text().strip("“”\"'« »") == OPENER["sv"]
    assert visible.get_attribute("lang") == "sv"
    assert_accessible(page)
    page.check("input[name=channel][value=home]")
    page.fill("#id_client_text", "Det vore bra om besöken kom på samma tid varje morgon.")
    page.check("input[name=kind][value=idea]")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/saved/$"))
    encounter = Encounter.objects.get()
    assert encounter.opener == opener and encounter.notes.get().language == "sv"

    # 3. The dashboard counts it.
    call_command("aggregate_notes")
    _log_in(page, base, language, "manager")
    page.goto(f"{base}/{language}/work/reports/")
    row = page.locator(".openers-figures tbody tr")
    assert row.count() == 1
    assert OPENER[language] in row.inner_text()
    assert row.locator("td").nth(0).inner_text() == "1"
    assert_accessible(page)

    # 4. The team opens the month's meeting view and records a decision that becomes
    #    an action on the note's insight.
    insight = Insight.objects.get()
    page.goto(f"{base}/{language}/work/reports/meetings/{unit.pk}/")
    assert page.locator("#notes-title").is_visible()
    assert_accessible(page)
    page.fill("#id_decision-text", "Vi provar fasta besökstider på morgonen.")
    page.check("input[name=decision-kind][value=action]")
    page.select_option("#id_decision-insight", str(insight.pk))
    page.fill("#id_decision-title", "Fasta besökstider")
    page.select_option("#id_decision-responsible", str(manager.pk))
    month = timezone.localdate().replace(day=1)
    following = month_next(month)
    page.fill("#id_decision-due_date", f"{following:%Y-%m}-15")
    page.locator("form.meeting__form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/\?month="))
    decision = ReflectionDecision.objects.get()
    action = Action.objects.get()
    assert decision.action == action and list(action.insights.all()) == [insight]
    assert "Vi provar fasta besökstider på morgonen." in page.locator("#decisions").inner_text()
    assert_accessible(page)

    # 5. Next month's view shows what was decided and the action coming due.
    page.goto(f"{base}/{language}/work/reports/meetings/{unit.pk}/?month={following:%Y-%m}")
    assert (
        "Vi provar fasta besökstider på morgonen."
        in page.locator("section[aria-labelledby=last-title]").inner_text()
    )
    assert "Fasta besökstider" in page.locator("section[aria-labelledby=due-title]").inner_text()
    assert_accessible(page)
    page.goto(
        f"{base}/{language}/work/reports/meetings/{unit.pk}/?month={following:%Y-%m}&view=screen"
    )
    assert "meeting-page--screen" in page.locator("body").get_attribute("class")
    assert_accessible(page)
    page.goto(f"{base}/{language}/work/reports/meetings/{unit.pk}/history/")
    assert page.locator("table.data-table tbody tr").count() == 1
    assert_accessible(page)

    # 6. The worker sees the team's decision on their own page.
    _log_in(page, base, language, "worker")
    page.goto(f"{base}/{language}/work/notes/")
    assert (
        "Vi provar fasta besökstider på morgonen." in page.locator(".own-reflections").inner_text()
    )
    assert_accessible(page)


def test_another_opener_turns_without_a_reload_and_is_recorded(
    phone_page, live_server, worker, unit
):
    page, base = phone_page, live_server.url
    seed_reference_data()
    first = Opener.objects.create(unit=unit, text_fi="Ensimmäinen kysymys?")
    second = Opener.objects.create(unit=unit, text_fi="Toinen kysymys?")
    _log_in(page, base, "fi", "worker")
    page.goto(f"{base}/fi/work/capture/")
    assert page.input_value("input[name=opener]") == str(first.pk)
    page.evaluate("window.notReloaded = true")
    page.click("[data-opener-another]")
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(".opener__text:visible").inner_text().strip("“”") == "Toinen kysymys?"
    assert page.input_value("input[name=opener]") == str(second.pk)
    page.check("input[name=channel][value=phone]")
    page.click("button[name=action][value=nothing_to_add]")
    page.wait_for_url(re.compile(r"/work/capture/$"))
    # The page's script posts the form and then opens the capture page again: its message
    # says the encounter is recorded.
    page.locator(".notice--success").wait_for()
    assert Encounter.objects.get().opener == second
