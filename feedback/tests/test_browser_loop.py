"""The whole loop in real Chromium, in Finnish and Swedish, with axe on every page.

A worker captures two similar notes with receipts; aggregation groups them; the manager
writes the summary, creates an action, marks it done and publishes it; the client opens
/r/<code> and sees what was done; the unit's page and feed show it; the client withdraws
one note and the count drops. Elements are found by name and id, so the test holds when
the catalogues change.
"""

import re

import pytest
from django.core.management import call_command

from conftest import PASSWORD
from feedback.models import Action, Insight, Note, NoteStatus
from feedback.tests.insight_support import seed_reference_data
from kumppanuus.tests.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WORDS = {
    "fi": ["Puhelimessa ei pääse läpi aamulla.", "Puhelimeen ei vastata, jonotin tunnin."],
    "sv": ["Jag kommer inte fram per telefon.", "Ingen svarar i telefon, jag köade en timme."],
}


def _log_in(page, base, language, username):
    page.context.clear_cookies()
    page.goto(f"{base}/{language}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    # A worker lands on capture, a manager on the workspace.
    page.wait_for_url(re.compile(r"/work/(capture/|insights/\?waiting=on)$"))


def _capture(page, base, language, text) -> str:
    page.goto(f"{base}/{language}/work/capture/")
    page.check("input[name=channel][value=phone]")
    page.fill("#id_client_text", text)
    page.check("input[name=kind][value=problem]")
    page.check("#id_wants_receipt")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/saved/$"))
    assert_accessible(page)
    return page.locator(".receipt-slip__code").inner_text().split()[-1]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_whole_loop_from_capture_to_we_did_and_withdrawal(
    phone_page, live_server, worker, manager, unit, language
):
    page, base = phone_page, live_server.url
    seed_reference_data()  # a transactional test before this one may have flushed it

    # 1. The worker captures two similar notes, each with a receipt code.
    _log_in(page, base, language, "worker")
    codes = [_capture(page, base, language, text) for text in WORDS[language]]
    assert all(re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code) for code in codes)

    # 2. Aggregation groups them into one insight.
    call_command("aggregate_notes")
    insight_ids = set(Note.objects.values_list("insight_id", flat=True))
    assert len(insight_ids) == 1 and None not in insight_ids
    insight = Insight.objects.get()
    assert insight.note_count == 2

    # 3. The manager writes the summary, creates an action, marks it done, publishes.
    _log_in(page, base, language, "manager")
    page.goto(f"{base}/{language}/work/insights/{insight.pk}/")
    assert_accessible(page)
    page.locator("details.insight-edit > summary").click()
    page.fill("#id_summary_fi", "Puhelimeen oli vaikea päästä läpi aamuisin.")
    page.locator("form[action$='/summary/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/insights/{insight.pk}/$"))
    page.locator(f"a[href$='/work/actions/new/?insight={insight.pk}']").click()
    page.wait_for_url(re.compile(r"/work/actions/new/"))
    assert_accessible(page)
    assert page.is_checked(f"input[name=insights][value='{insight.pk}']")
    page.fill("#id_title_fi", "Takaisinsoitto samana päivänä")
    page.fill("#id_text_fi", "Soitamme takaisin samana päivänä.")
    page.fill("#id_due_date", "2030-01-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/work/actions/\d+/$"))
    assert_accessible(page)
    action = Action.objects.get()
    page.check("input[name=status][value=done]")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/work/actions/{action.pk}/$"))
    assert set(Note.objects.values_list("status", flat=True)) == {NoteStatus.DONE}
    page.goto(f"{base}/{language}/work/actions/{action.pk}/publish/")
    assert_accessible(page)
    assert page.locator(".preview").count() == 3
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/work/actions/{action.pk}/$"))
    action.refresh_from_db()
    assert action.is_published and action.quick_change

    # 4. The client opens the QR link and sees what was done.
    page.context.clear_cookies()
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(f"{base}/r/{codes[0]}")
    assert page.locator("html").get_attribute("lang") == language
    assert "Soitamme takaisin samana päivänä." in page.locator(".receipt__outcome").inner_text()
    assert WORDS[language][0] in page.locator(".client-words").inner_text()
    assert page.locator(".timeline li").count() == 4  # received, under review, planned, done
    assert_accessible(page)

    # 5. The unit's public page and feed show it.
    page.goto(f"{base}/{language}/unit/{unit.slug}/")
    assert "Takaisinsoitto samana päivänä" in page.locator(".entries").inner_text()
    assert page.locator(".entries .badge").count() == 1  # quick change
    assert_accessible(page)
    for path in (f"/{language}/", f"/{language}/area/{unit.service_area.slug}/"):
        page.goto(f"{base}{path}")
        assert "Takaisinsoitto samana päivänä" in page.locator(".entries").inner_text()
        assert_accessible(page)
    feed = page.request.get(f"{base}/{language}/unit/{unit.slug}/feed/")
    assert feed.ok and "Takaisinsoitto samana päivänä" in feed.text()
    page.goto(f"{base}/{language}/unit/{unit.slug}/poster/")
    assert page.locator(".poster__qr-code svg").count() == 1
    assert_accessible(page)

    # 6. The client withdraws one note; the count drops and the code stops answering.
    page.goto(f"{base}/r/{codes[1]}")
    page.check("#id_confirm")
    page.locator(".receipt__withdraw form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/receipt/withdrawn/$"))
    assert_accessible(page)
    insight.refresh_from_db()
    assert insight.note_count == 1
    response = page.goto(f"{base}/r/{codes[1]}")
    assert response.status == 404
    assert_accessible(page)
    page.goto(f"{base}/{language}/receipt/")
    assert_accessible(page)
    page.goto(f"{base}/{language}/accessibility/")
    assert_accessible(page)
