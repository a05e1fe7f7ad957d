"""Sign-in end to end through a real OpenID Connect provider on loopback."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from encounters.models import GrantSource, Membership, SignInIdentity

pytestmark = pytest.mark.django_db

CAPTURE = "/fi/work/capture/"


def test_a_worker_signs_in_and_lands_on_capture_with_the_units_of_their_groups(
    browser_at_provider, client, unit, second_unit, other_unit
):
    response = browser_at_provider.sign_in("hoitaja")

    # Staff land on /work/, which sends a worker on to capture (a manager to the workspace).
    assert response.status_code == 302 and response["Location"] == "/fi/work/"
    assert client.get(response["Location"])["Location"] == CAPTURE
    user = get_user_model().objects.get(username="hilkka.hoitaja@hyvinvointialue.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Hilkka", "Hoitaja")
    memberships = Membership.objects.filter(user=user)
    assert {(m.unit_id, m.role, m.source) for m in memberships} == {
        (unit.pk, Membership.Role.WORKER, GrantSource.GROUPS),
        (second_unit.pk, Membership.Role.WORKER, GrantSource.GROUPS),
    }
    identity = SignInIdentity.objects.get(user=user)
    assert identity.subject == "00000000-0000-0000-0000-00000000a001"
    assert "kaikki-tyontekijat" in identity.groups  # unmapped, shown to admins

    page = client.get(CAPTURE).content.decode()
    assert "Keskustan kotihoito" in page and "Tikkakosken kotihoito" in page
    assert "Hammashoitola" not in page


def test_the_authorization_request_uses_pkce_state_and_nonce(browser_at_provider, client):
    url = browser_at_provider.authorization_url()

    query = parse_qs(urlsplit(url).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    # The verifier stays here; only its hash went to the provider.
    kept = client.session["oidc_states"][query["state"][0]]
    assert kept["nonce"] == query["nonce"][0]
    assert kept["code_verifier"] not in url


def test_the_provider_refuses_a_sign_in_without_pkce(browser_at_provider, client, settings):
    settings.OIDC_USE_PKCE = False

    response = browser_at_provider.sign_in("hoitaja")

    assert response.status_code == 403
    assert "Kirjautumispalvelu keskeytti kirjautumisen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_manager_group_makes_a_unit_manager_and_an_area_manager(
    browser_at_provider, client, unit, area
):
    browser_at_provider.sign_in("esihenkilo")

    user = get_user_model().objects.get(username="eero.esihenkilo@hyvinvointialue.example")
    assert Membership.objects.get(user=user).role == Membership.Role.MANAGER
    assert list(user.area_managements.values_list("service_area_id", "source")) == [
        (area.pk, GrantSource.GROUPS)
    ]
    assert client.get(reverse("feedback:insights")).status_code == 200
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_an_organisation_admin_group_gives_the_organisations_reports(browser_at_provider, client):
    response = browser_at_provider.sign_in("johtaja")

    user = get_user_model().objects.get(username="jaana.johtaja@hyvinvointialue.example")
    assert response.status_code == 302
    assert user.has_perm("encounters.view_organisation_reports")
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_a_removed_group_is_taken_away_at_the_next_sign_in_and_manual_roles_stay(
    browser_at_provider, client, sso, unit, second_unit, other_unit
):
    browser_at_provider.sign_in("hoitaja")
    user = get_user_model().objects.get(username="hilkka.hoitaja@hyvinvointialue.example")
    Membership.objects.create(user=user, unit=other_unit, role=Membership.Role.WORKER)
    client.post(reverse("logout"))

    sso.set_groups("hoitaja", ["kotihoito-keskusta"])
    response = browser_at_provider.sign_in("hoitaja")

    assert response.status_code == 302
    assert set(Membership.objects.filter(user=user).values_list("unit_id", "source")) == {
        (unit.pk, GrantSource.GROUPS),
        (other_unit.pk, GrantSource.MANUAL),  # an admin's, kept
    }
    page = client.get(CAPTURE).content.decode()
    assert "Tikkakosken kotihoito" not in page


def test_a_group_that_gives_nothing_here_is_refused_and_no_account_is_made(
    browser_at_provider, client
):
    response = browser_at_provider.sign_in("talous")

    assert response.status_code == 403
    assert "ei ole pääsyä Kumppanuuteen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(username__startswith="tuomas").exists()


def test_a_local_account_with_the_same_name_is_not_taken_over(browser_at_provider, client):
    local = get_user_model().objects.create_user(
        "hilkka.hoitaja@hyvinvointialue.example", password="local-password-1"
    )

    response = browser_at_provider.sign_in("hoitaja")

    assert response.status_code == 403
    assert "ei ole liitetty" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SignInIdentity.objects.filter(user=local).exists()


def test_a_swedish_sign_in_lands_on_the_swedish_capture_page(browser_at_provider, client):
    response = browser_at_provider.sign_in("hoitaja", language="sv")

    assert response["Location"] == "/sv/work/"
    assert client.get(response["Location"])["Location"] == "/sv/work/capture/"


def test_a_sign_in_returns_to_the_page_asked_for(browser_at_provider, client):
    response = browser_at_provider.sign_in("hoitaja", next_url="/fi/work/units/")

    assert response["Location"] == "/fi/work/units/"


def test_signing_out_ends_the_session_at_the_provider_too(browser_at_provider, client, sso):
    browser_at_provider.sign_in("hoitaja")

    response = client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session
    end_session = response["Location"]
    assert end_session.startswith(sso.metadata["end_session_endpoint"])
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/oidc/signed-out/"]
    assert query["id_token_hint"][0].count(".") == 2
    confirm = browser_at_provider.follow_at_provider(end_session)
    back = browser_at_provider.log_out_at_provider(confirm)
    response = client.get(back, follow=True)
    assert response.redirect_chain[-1][0] == "/fi/login/"
    assert "Olet kirjautunut ulos" in response.content.decode()
    # The provider asks for the password again: its session has ended.
    page = browser_at_provider.follow_at_provider(browser_at_provider.authorization_url())
    assert not isinstance(page, str) and 'name="password"' in page.text


def test_a_password_session_signs_out_without_the_provider(client, worker, sso):
    client.force_login(worker)

    response = client.post(reverse("logout"))

    assert response["Location"] == "/fi/login/"
