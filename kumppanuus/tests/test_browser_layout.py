"""Layout on a manager's 1366×900 screen, in real Chromium: the navigation is one row, a
chosen "not possible now" stays inside its box, and the select's error icon is drawn."""

import re
from datetime import date

import pytest

from conftest import PASSWORD
from feedback.actions.services import action_create, action_set_status
from feedback.models import Insight
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}

# Each choice box and whether its content spills out of it.
SPILLS = """() => [...document.querySelectorAll('.choice')].filter(box => {
  const outer = box.getBoundingClientRect();
  return [...box.children].some(child => child.getBoundingClientRect().right > outer.right + 1)
    || box.scrollWidth > box.clientWidth + 1;
}).map(box => box.textContent.trim())"""


@pytest.fixture
def laptop_page(browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def not_possible_action(manager, unit):
    insight = Insight.objects.create(
        scope="unit", unit=unit, service_area=unit.service_area, title="Aamun jonot"
    )
    action = action_create(
        user=manager,
        insights=[insight],
        unit=unit,
        title_fi="Aamun puhelinjonot",
        text_fi="Selvitimme asian.",
        responsible=manager,
        due_date=date(2027, 1, 31),
    )
    return action_set_status(
        action=action,
        user=manager,
        status="not_possible",
        constraint_category="law",
        justification_fi="Laki määrää aukioloajat.",
        instead_fi="Kerromme ajat selvemmin.",
    )


def _log_in(page, base, language):
    page.goto(f"{base}/{language}/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/work/"))


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_managers_screen_shows_the_navigation_on_one_row(
    laptop_page, live_server, manager, unit, not_possible_action, language
):
    page = laptop_page
    _log_in(page, live_server.url, language)
    page.goto(f"{live_server.url}/{language}/work/actions/{not_possible_action.pk}/")
    tops = page.eval_on_selector_all(
        ".site-nav li", "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(tops) >= 6 and len(set(tops)) == 1, tops

    # The status "not possible now" is chosen, so its label is bold: still inside its box.
    assert page.locator("input[name=status][value=not_possible]").is_checked()
    assert page.evaluate(SPILLS) == []
    if language != "en":
        assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_selects_error_shows_its_icon(
    laptop_page, live_server, manager, unit, not_possible_action, language
):
    page = laptop_page
    _log_in(page, live_server.url, language)
    page.goto(f"{live_server.url}/{language}/work/actions/{not_possible_action.pk}/")
    page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")
    page.locator("#id_constraint_category").select_option("")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator(".hds-select .hds-text-input__error-text")
    error.wait_for()
    icon = error.evaluate(
        "el => { const s = getComputedStyle(el, '::before');"
        " return [s.width, s.height, s.backgroundColor, s.content]; }"
    )
    assert icon[0] == icon[1] == "24px"
    assert icon[2] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert icon[3] == '""'  # the icon alone, no stray glyph under the mask
    assert page.evaluate(SPILLS) == []
    assert_accessible(page)
