"""A signed-in session is re-checked with the provider once per idle limit, even while the
user is active: roles follow the groups, and a user the provider dropped loses access."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from encounters.models import Membership

pytestmark = pytest.mark.django_db

UNITS = "/fi/work/units/"


@pytest.fixture
def signed_in(browser_at_provider, client, unit, second_unit):
    """Hilkka signed in through the provider; yields the sign-in time."""
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        assert browser_at_provider.sign_in("hoitaja").status_code == 302
    return start


def _at(start, minutes):
    return time_machine.travel(start + timedelta(minutes=minutes), tick=True)


def _keep_active(client, start, until_minutes):
    """A request every ten minutes: the session never reaches its idle limit."""
    for minute in range(10, until_minutes, 10):
        with _at(start, minute):
            assert client.get(UNITS).status_code == 200


def _recheck_url(response, provider) -> str:
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(provider.metadata["authorization_endpoint"])
    assert parse_qs(urlsplit(location).query)["prompt"] == ["none"]
    return location


def test_no_recheck_before_the_idle_limit(signed_in, client):
    with _at(signed_in, 20):
        assert client.get(UNITS).status_code == 200


def test_a_group_removed_at_the_provider_is_gone_at_the_first_page_after_the_idle_limit(
    signed_in, browser_at_provider, client, sso, settings, unit, second_unit
):
    _keep_active(client, signed_in, settings.SESSION_IDLE_MINUTES)
    sso.set_groups("hoitaja", ["kotihoito-keskusta"])

    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 1):
        # Silent: the provider still has its session, so no login page.
        back = browser_at_provider.follow_at_provider(_recheck_url(client.get(UNITS), sso))
        response = client.get(back)
        assert response.status_code == 302 and response["Location"] == UNITS
        page = client.get(UNITS)

    assert page.status_code == 200
    user = get_user_model().objects.get()
    assert list(Membership.objects.filter(user=user).values_list("unit_id", flat=True)) == [unit.pk]
    assert "Tikkakosken kotihoito" not in page.content.decode()
    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 10):
        assert client.get(UNITS).status_code == 200  # re-checked: the next is due later


def test_a_user_removed_at_the_provider_loses_access_at_the_first_page_after_the_idle_limit(
    signed_in, browser_at_provider, client, sso, settings
):
    _keep_active(client, signed_in, settings.SESSION_IDLE_MINUTES)
    sso.remove_account("hoitaja")

    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 1):
        back = browser_at_provider.follow_at_provider(_recheck_url(client.get(UNITS), sso))
        response = client.get(back, follow=True)
        assert "_auth_user_id" not in client.session
        assert response.redirect_chain[-1][0].startswith("/fi/login/?next=")
        assert "Kirjautumisesi on päättynyt" in response.content.decode()
        assert client.get(UNITS).status_code == 302


def test_a_user_whose_last_group_was_removed_loses_access_at_the_recheck(
    signed_in, browser_at_provider, client, sso, settings
):
    _keep_active(client, signed_in, settings.SESSION_IDLE_MINUTES)
    sso.set_groups("hoitaja", [])

    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 1):
        back = browser_at_provider.follow_at_provider(_recheck_url(client.get(UNITS), sso))
        response = client.get(back)
        assert response.status_code == 403
        assert "_auth_user_id" not in client.session
    assert not Membership.objects.exists()


def test_a_form_post_after_the_idle_limit_goes_through_the_provider_first(
    signed_in, client, sso, settings
):
    _keep_active(client, signed_in, settings.SESSION_IDLE_MINUTES)

    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 1):
        response = client.post(reverse("feedback:capture"), {"action": "save"})
        _recheck_url(response, sso)
        assert client.session["oidc_login_next"] == reverse("feedback:capture")


def test_a_background_request_after_the_idle_limit_is_refused(signed_in, client, settings, sso):
    _keep_active(client, signed_in, settings.SESSION_IDLE_MINUTES)

    with _at(signed_in, settings.SESSION_IDLE_MINUTES + 1):
        response = client.post(reverse("feedback:keepalive"), headers={"Sec-Fetch-Mode": "cors"})

    assert response.status_code == 403


def test_a_password_session_is_never_sent_to_the_provider(client, worker, settings, sso):
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        client.force_login(worker)
    _keep_active(client, start, 3 * settings.SESSION_IDLE_MINUTES)


def test_forms_may_reach_the_provider_only_when_single_sign_on_is_on(client, settings, sso):
    origin = sso.issuer
    response = client.get(reverse("login"))
    assert origin in response["Content-Security-Policy"].split("form-action")[1].split(";")[0]

    settings.OIDC_RP_CLIENT_ID = ""
    response = client.get(reverse("login"))
    assert origin not in response["Content-Security-Policy"]
