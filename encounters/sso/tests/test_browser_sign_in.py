"""Single sign-on in real Chromium against the loopback provider, with axe on our pages."""

import re

import pytest

from conftest import PASSWORD
from encounters.models import Membership
from kumppanuus.tests.browser import assert_accessible

from .conftest import PROVIDER_PASSWORD, configure_sso, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fi": {
        "sign_in": "Kirjaudu työtunnuksilla (Hyvinvointialue)",
        "new": "Uusi kirjaus",
        "unit": "Keskustan kotihoito",
        "log_out": "Kirjaudu ulos",
        "signed_out": "Olet kirjautunut ulos.",
        "refused": "Kirjautuminen ei onnistunut",
        "log_in": "Kirjaudu sisään",
        "password_only": "Salasanalla voi kirjautua vain",
    },
    "sv": {
        "sign_in": "Logga in med jobbkontot (Hyvinvointialue)",
        "new": "Ny anteckning",
        "unit": "Centrums hemvård",
        "log_out": "Logga ut",
        "signed_out": "Du har loggat ut.",
        "refused": "Inloggningen lyckades inte",
        "log_in": "Logga in",
        "password_only": "Inloggning med lösenord är bara",
    },
}


@pytest.fixture(scope="module")
def browser_provider(live_server):
    """A provider whose client returns to the live server Chromium talks to."""
    with running_provider([live_server.url]) as provider:
        yield provider


@pytest.fixture
def sso_in_browser(settings, browser_provider, group_mappings):
    browser_provider.reset()
    configure_sso(settings, browser_provider)
    settings.LOCAL_LOGIN = False
    settings.LOCAL_LOGIN_USERS = ["varajarjestelma"]
    yield browser_provider
    browser_provider.reset()


def _sign_in_at_provider(page, account="hoitaja"):
    page.get_by_label("User name").fill(account)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_worker_signs_in_through_the_provider_and_lands_on_capture_with_their_units(
    phone_page, live_server, sso_in_browser, unit, second_unit, other_unit, language
):
    page = phone_page
    text = TEXTS[language]
    page.goto(f"{live_server.url}/{language}/login/")
    assert_accessible(page)
    assert page.get_by_label(re.compile("salasana|lösenord", re.I)).count() == 0

    page.get_by_role("link", name=text["sign_in"]).click()
    page.wait_for_url(f"{sso_in_browser.issuer}/interaction/**")
    _sign_in_at_provider(page)

    page.wait_for_url(re.compile(rf"/{language}/work/capture/$"))
    assert page.locator("h1").inner_text() == text["new"]
    assert page.get_by_label(text["unit"], exact=True).count() == 1
    assert page.get_by_label("Tikkakosken kotihoito", exact=True).count() == 1
    assert page.get_by_label("Hammashoitola", exact=True).count() == 0
    assert_accessible(page)
    assert Membership.objects.filter(source="groups").count() == 2

    # Signing out here signs out at the provider too (its confirmation page), then back.
    page.get_by_role("button", name=text["log_out"]).click()
    page.wait_for_url(f"{sso_in_browser.issuer}/session/end**")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(rf"/{language}/login/$"))
    assert text["signed_out"] in page.locator(".messages").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_refused_token_shows_a_translated_page_and_no_session(
    phone_page, live_server, sso_in_browser, unit, language
):
    page = phone_page
    text = TEXTS[language]
    sso_in_browser.issue_faulty_id_tokens("wrong-audience")
    page.goto(f"{live_server.url}/{language}/login/")

    page.get_by_role("link", name=text["sign_in"]).click()
    _sign_in_at_provider(page)

    page.locator("h1", has_text=text["refused"]).wait_for()
    assert "/oidc/callback/" in page.url
    assert_accessible(page)
    page.goto(f"{live_server.url}/{language}/work/capture/")
    assert f"/{language}/login/" in page.url  # not signed in


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_break_glass_password_form_is_accessible_and_refuses_others(
    phone_page, live_server, sso_in_browser, worker, language
):
    page = phone_page
    text = TEXTS[language]
    page.goto(f"{live_server.url}/{language}/login/?local")
    assert_accessible(page)

    page.get_by_label(re.compile("käyttäjätunnus|användarnamn", re.I)).fill("worker")
    page.get_by_label(re.compile("salasana|lösenord", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=text["log_in"], exact=True).click()

    page.locator(".error-summary").wait_for()
    assert text["password_only"] in page.locator(".error-summary").inner_text()
    assert_accessible(page)
