"""The manager's journey at scale, in real Chromium, fi and sv, axe on every page: among
a thousand insights find one by search, curate it (rename, summarise, move a note and undo
the move), act, mark the action done, publish; then a note that arrives after the change
shows its own state to the manager and on its client's receipt page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD
from encounters.models import Channel
from feedback.insights.grouping.figures import insights_refresh
from feedback.models import Action, Insight, InsightScope, Note, NoteStatus
from feedback.notes.services import capture_token_new, note_create
from feedback.tests.insight_support import bulk_insights, seed_reference_data
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


def _note(worker, unit, text, *, receipt=False):
    token = capture_token_new()
    note = note_create(
        worker=worker,
        unit=unit,
        channel=Channel.PHONE,
        kind="problem",
        client_text=text,
        wants_receipt=receipt,
        token=token,
    ).note
    return note, token.receipt_code


@pytest.fixture
def workspace(settings, worker, unit):
    settings.FEEDBACK_CAPTURE_HOOKS = []
    seed_reference_data()
    bulk_insights(worker=worker, unit=unit, count=1000)
    insight = Insight.objects.create(
        service_area=unit.service_area, unit=unit, scope=InsightScope.UNIT, title="Takaisinsoitto"
    )
    for text in ("Takaisinsoittoa sai odottaa koko päivän.", "Soittopyyntöön ei vastattu."):
        note, _code = _note(worker, unit, text)
        Note.objects.filter(pk=note.pk).update(insight=insight)
    insights_refresh(insight_ids=[insight.pk])
    return insight


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _submit(page, form_selector):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_managers_journey_among_a_thousand_insights(
    desktop, live_server, manager, worker, unit, workspace, language
):
    page = desktop
    base = f"{live_server.url}/{language}"
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill("manager")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    # The manager lands on what waits for them, every insight within reach.
    page.wait_for_url(re.compile(r"/work/insights/\?waiting=on$"))
    assert re.search(r"1[–-]50\D+1001", page.locator(".workspace-count").inner_text())
    assert_accessible(page)

    # Find the insight by a word of its notes.
    page.locator("#filter_q").fill("soittopyyntöön")
    _submit(page, "form.workspace-filters")
    assert page.locator(".insight-card").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Takaisinsoitto").click()
    page.wait_for_url(re.compile(rf"/work/insights/{workspace.pk}/$"))
    assert_accessible(page)

    # Curate: rename and write the public summary, near the title.
    page.locator("details.insight-edit > summary").click()
    page.locator("#id_rename_title").fill("Takaisinsoitto viipyy")
    _submit(page, "form[action$='/rename/']")
    page.locator("details.insight-edit > summary").click()
    page.locator("#id_summary_fi").fill("Takaisinsoittoa joutui odottamaan koko päivän.")
    _submit(page, "form[action$='/summary/']")
    assert page.locator("h1").inner_text() == "Takaisinsoitto viipyy"

    # Move a note through the dialog: search, choose, confirm in words, then undo.
    page.locator("input[name=note]").first.check()
    page.locator("button[data-dialog-open]").click()
    dialog = page.locator("#relocate-dialog")
    assert dialog.is_visible()
    assert_accessible(page)
    dialog.locator("input[name=q]").fill("Asia 7")
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()
    assert_accessible(page)
    target = Insight.objects.get(title="Asia 7")
    page.locator(f"#target-{target.pk}").check()
    with page.expect_navigation():
        page.locator(".relocate-form > button[type=submit]").click()
    sentence = page.locator(".relocate-confirm__sentence").inner_text()
    assert "1" in sentence and "Takaisinsoitto viipyy" in sentence and "Asia 7" in sentence
    assert_accessible(page)
    _submit(page, ".relocate-confirm form")
    assert Note.objects.filter(insight=target).count() == 3
    assert page.locator(".undo-bar").is_visible()
    assert_accessible(page)
    _submit(page, ".undo-bar form")
    assert Note.objects.filter(insight=workspace).count() == 2
    assert Note.objects.filter(insight=target).count() == 2
    assert page.locator(".undo-bar").count() == 0

    # Act: an action from this insight, done, then published.
    with page.expect_navigation():
        page.locator(f"a[href$='/actions/new/?insight={workspace.pk}']").click()
    assert_accessible(page)
    page.locator("#id_title_fi").fill("Soitamme takaisin samana päivänä")
    page.locator("#id_text_fi").fill("Soitamme takaisin samana päivänä.")
    due = timezone.localdate() + timedelta(days=14)
    page.locator("#id_due_date").fill(due.isoformat())
    _submit(page, "form[method=post]:has(#id_title_fi)")
    action = Action.objects.get(title_fi="Soitamme takaisin samana päivänä")
    page.wait_for_url(re.compile(rf"/work/actions/{action.pk}/$"))
    assert_accessible(page)
    page.locator("input[name=status][value=done]").check()
    assert not page.locator(".not-possible-fields").is_visible()
    page.locator("input[name=status][value=not_possible]").check()
    assert page.locator("#id_constraint_category").is_visible()
    page.locator("input[name=status][value=done]").check()
    _submit(page, "form.status-form")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator(f"a[href$='/actions/{action.pk}/publish/']").click()
    assert_accessible(page)
    _submit(page, "main form[method=post]")
    action.refresh_from_db()
    assert action.status == "done" and action.published_at is not None

    # A note arrives after the change: its own state for the manager and its client.
    later, code = _note(worker, unit, "Takaisinsoittoa odotin taas koko päivän.", receipt=True)
    Note.objects.filter(pk=later.pk).update(insight=workspace)
    insights_refresh(insight_ids=[workspace.pk])
    later.refresh_from_db()
    assert later.status == NoteStatus.AFTER_CHANGE
    page.goto(f"{base}/work/insights/{workspace.pk}/")
    assert page.locator(".after-change-notice").is_visible()
    assert page.locator(".status--after_change").count() == 1
    assert_accessible(page)

    locale = {"fi": "fi-FI", "sv": "sv-SE"}[language]
    client = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale=locale)
    try:
        receipt = client.new_page()
        receipt.goto(f"{live_server.url}/r/{code}")
        status = receipt.locator(".receipt__status").inner_text()
        assert timezone.localtime(action.done_at).strftime("%-d.%-m.%Y") in status
        assert {"fi": "Muutos tehtiin", "sv": "En ändring gjordes"}[language] in status
        assert_accessible(receipt)
    finally:
        client.close()
