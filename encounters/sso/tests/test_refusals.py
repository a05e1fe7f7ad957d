"""Every answer that must not sign anyone in: a translated page, no session, no account.

The faulty ID tokens come from the real provider's token endpoint (provider.js rewrites the
token it just issued): signed with the provider's own key but for another audience, expired,
from another issuer or for another sign-in, or edited on the way with the signature kept.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from encounters.models import SignInIdentity

pytestmark = pytest.mark.django_db

REFUSED = {
    "fi": "Kirjautumispalvelun vastausta ei voitu varmistaa",
    "sv": "Svaret från inloggningstjänsten kunde inte verifieras",
}


def _assert_refused(response, client, language="fi"):
    assert response.status_code == 403
    assert REFUSED[language] in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SignInIdentity.objects.exists()
    assert not get_user_model().objects.exists()
    assert client.get(reverse("feedback:capture")).status_code == 302


@pytest.mark.parametrize(
    "fault", ["tampered", "wrong-audience", "expired", "wrong-issuer", "wrong-nonce"]
)
def test_a_faulty_id_token_is_refused(browser_at_provider, client, sso, fault):
    sso.issue_faulty_id_tokens(fault)

    response = browser_at_provider.sign_in("hoitaja")

    _assert_refused(response, client)


def test_the_refusal_is_in_the_language_the_sign_in_started_in(browser_at_provider, client, sso):
    sso.issue_faulty_id_tokens("expired")

    response = browser_at_provider.sign_in("hoitaja", language="sv")

    _assert_refused(response, client, "sv")


def test_a_tampered_token_grants_nothing_even_to_a_signed_in_user(browser_at_provider, client, sso):
    browser_at_provider.sign_in("hoitaja")
    user = get_user_model().objects.get()
    sso.issue_faulty_id_tokens("tampered")  # would add the organisation admins' group

    response = browser_at_provider.sign_in("hoitaja")

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert not user.has_perm("encounters.view_organisation_reports")


def test_a_callback_replayed_in_another_browser_is_refused(browser_at_provider, client, sso):
    back = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    callback = browser_at_provider.log_in_at_provider(back, "hoitaja")
    client.cookies.clear()  # another browser: it never started this sign-in

    response = client.get(callback)

    _assert_refused(response, client)


def test_a_callback_with_a_forged_state_is_refused(browser_at_provider, client):
    back = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    callback = browser_at_provider.log_in_at_provider(back, "hoitaja")
    browser_at_provider.authorization_url()  # this browser has a sign-in going, another state

    response = client.get(callback.replace("state=", "state=forged"))

    _assert_refused(response, client)


def test_a_code_is_used_once(browser_at_provider, client):
    back = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    callback = browser_at_provider.log_in_at_provider(back, "hoitaja")
    assert client.get(callback).status_code == 302
    client.post(reverse("logout"))

    response = client.get(callback)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_an_answer_naming_another_issuer_is_refused(browser_at_provider, client):
    back = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    callback = browser_at_provider.log_in_at_provider(back, "hoitaja")

    response = client.get(callback.replace("iss=", "iss=https%3A%2F%2Fevil.example%2F&x="))

    _assert_refused(response, client)


def test_an_unreachable_provider_gives_a_page_that_says_so(browser_at_provider, client, settings):
    back = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    callback = browser_at_provider.log_in_at_provider(back, "hoitaja")
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens

    response = client.get(callback)

    assert response.status_code == 503
    assert "Kirjautumispalvelu ei vastannut" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_cancelled_sign_in_says_so(client, sso):
    client.get("/fi/login/sso/")
    state = next(iter(client.session["oidc_states"]))

    response = client.get(
        reverse("oidc_authentication_callback"), {"error": "access_denied", "state": state}
    )

    assert response.status_code == 403
    assert "Kirjautumispalvelu keskeytti kirjautumisen" in response.content.decode()
    assert "oidc_states" not in client.session


def test_refusals_do_not_count_as_password_failures(browser_at_provider, client, sso, settings):
    from axes.models import AccessAttempt

    sso.issue_faulty_id_tokens("wrong-audience")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        browser_at_provider.sign_in("hoitaja")

    assert not AccessAttempt.objects.exists()
    sso.issue_faulty_id_tokens(None)
    assert browser_at_provider.sign_in("hoitaja").status_code == 302
