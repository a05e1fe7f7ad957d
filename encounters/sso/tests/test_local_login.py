"""Passwords can be switched off for everyone but the break-glass admin; axes still counts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/fi/login/"
REFUSAL = "Salasanalla voi kirjautua vain hätäkäyttöön tarkoitetulla pääkäyttäjän tunnuksella"


@pytest.fixture
def passwords_off(settings, sso):
    settings.LOCAL_LOGIN = False
    settings.LOCAL_LOGIN_USERS = ["varajarjestelma"]


@pytest.fixture
def break_glass(db):
    return get_user_model().objects.create_superuser("varajarjestelma", password=PASSWORD)


def test_without_single_sign_on_the_login_page_is_the_password_form(client):
    page = client.get(LOGIN).content.decode()

    assert 'name="password"' in page
    assert "Kirjaudu työtunnuksilla" not in page


def test_with_both_the_page_offers_the_work_account_first_and_the_password_form(client, sso):
    page = client.get(f"{LOGIN}?next=/fi/work/units/").content.decode()

    assert page.index("Kirjaudu työtunnuksilla (Hyvinvointialue)") < page.index('name="password"')
    assert 'href="/fi/login/sso/?next=/fi/work/units/"' in page


def test_with_passwords_off_the_login_page_offers_only_the_work_account(client, passwords_off):
    page = client.get(LOGIN).content.decode()

    assert "Kirjaudu työtunnuksilla (Hyvinvointialue)" in page
    assert 'name="password"' not in page


def test_with_passwords_off_a_worker_is_refused_even_with_the_right_password(
    client, passwords_off, worker
):
    response = client.post(LOGIN, {"username": "worker", "password": PASSWORD})

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_refusal_does_not_tell_which_names_may_use_a_password(
    client, passwords_off, break_glass
):
    unknown = client.post(LOGIN, {"username": "ei-ole", "password": "x"}).content.decode()
    listed = client.post(
        LOGIN, {"username": "varajarjestelma", "password": "wrong"}
    ).content.decode()

    assert REFUSAL in unknown and REFUSAL in listed


def test_the_break_glass_admin_signs_in_with_a_password(client, passwords_off, break_glass):
    page = client.get(f"{LOGIN}?local").content.decode()
    assert 'name="password"' in page

    response = client.post(f"{LOGIN}?local", {"username": "varajarjestelma", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(break_glass.pk)


def test_the_admin_login_refuses_others_too(client, passwords_off, worker):
    worker.is_staff = True
    worker.save()

    client.post(reverse("admin:login"), {"username": "worker", "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_axes_still_locks_the_break_glass_admin_after_repeated_failures(
    client, passwords_off, break_glass, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "varajarjestelma", "password": "wrong"})

    locked = client.post(LOGIN, {"username": "varajarjestelma", "password": PASSWORD})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_axes_counts_refused_workers_too(client, passwords_off, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "worker", "password": PASSWORD})

    assert client.post(LOGIN, {"username": "worker", "password": PASSWORD}).status_code == 429


def test_the_swedish_page_offers_the_work_account_in_swedish(client, passwords_off):
    page = client.get("/sv/login/").content.decode()

    assert "Logga in med jobbkontot (Hyvinvointialue)" in page


def test_single_sign_on_pages_do_not_exist_while_it_is_off(client):
    assert client.get("/fi/login/sso/").status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
