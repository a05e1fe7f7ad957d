import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from feedback.insights.grouping.analyser import analyser_name


@pytest.mark.django_db
def test_healthz_reports_database_and_unconfigured_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "broker": "not configured",
        "analyser": analyser_name(),
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def broker_at(settings):
    """Point the health check's Celery app at a broker URL for one test."""
    from kumppanuus.celery import app

    original = app.conf.broker_url

    def point(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        app.conf.broker_url = url

    yield point
    app.conf.broker_url = original


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_does_not_answer(client, broker_at):
    broker_at("redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "error"


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_reports_a_live_broker(client, broker_at, require_redis):
    broker_at(require_redis)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["broker"] == "ok"


@pytest.mark.django_db
def test_pages_send_a_csp_without_unsafe_inline(worker_client):
    response = worker_client.get(reverse("feedback:capture"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html


@pytest.mark.django_db
def test_root_redirects_to_the_finnish_public_home_and_work_to_login(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith("/fi/")
    assert response.request["PATH_INFO"] == "/fi/" and response.status_code == 200
    response = client.get("/fi/work/", follow=True)
    assert response.request["PATH_INFO"] == "/fi/login/"


@pytest.mark.django_db
def test_login_with_next_returns_to_the_capture_page(client, worker):
    response = client.post(
        reverse("login") + "?next=/fi/work/capture/",
        {"username": "worker", "password": PASSWORD, "next": "/fi/work/capture/"},
    )
    assert response.status_code == 302 and response["Location"] == "/fi/work/capture/"


@pytest.mark.django_db
def test_login_error_is_translated_and_summarised(client, worker):
    response = client.post(reverse("login"), {"username": "worker", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "syötä kelvollinen" in html  # Django's own Finnish login error


@pytest.mark.django_db
def test_brute_force_locks_the_login_and_the_lock_ends(client, worker, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "worker", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    locked = client.post(url, {"username": "worker", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "Kirjautuminen on hetken lukittu" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    with time_machine.travel(
        timezone.now() + settings.AXES_COOLOFF_TIME + timezone.timedelta(seconds=5)
    ):
        response = client.post(
            url, {"username": "worker", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(worker.pk)


@pytest.mark.django_db
def test_idle_session_expires_and_activity_renews_it(client, worker, settings):
    client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    capture = reverse("feedback:capture")
    start = timezone.now()
    idle = timezone.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    with time_machine.travel(start + idle - timezone.timedelta(minutes=1), tick=False):
        assert client.get(capture).status_code == 200  # activity renews
    with time_machine.travel(start + 2 * idle - timezone.timedelta(minutes=2), tick=False):
        assert client.get(capture).status_code == 200
    with time_machine.travel(start + 3 * idle + timezone.timedelta(minutes=5), tick=False):
        response = client.get(capture)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_pages_carry_the_idle_warning_settings(worker_client, settings):
    html = worker_client.get(reverse("feedback:capture")).content.decode()
    assert f'data-idle-seconds="{settings.SESSION_IDLE_MINUTES * 60}"' in html
    assert f'data-warning-seconds="{settings.SESSION_WARNING_MINUTES * 60}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "own_name"),
    [
        ("fi", "Uusi kirjaus", "Suomi"),
        ("sv", "Ny anteckning", "Svenska"),
        ("en", "New note", "English"),
    ],
)
def test_each_language_speaks_its_own_words(worker_client, language, heading, own_name):
    html = worker_client.get(f"/{language}/work/capture/").content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    for name in ("Suomi", "Svenska", "English"):
        assert name in html


@pytest.mark.django_db
def test_language_switcher_keeps_the_page(worker_client):
    response = worker_client.post("/i18n/setlang/", {"language": "sv", "next": "/fi/work/notes/"})
    assert response.status_code == 302 and response["Location"] == "/sv/work/notes/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("browser_language", "page", "chosen", "expected"),
    [
        ("sv", "/fi/work/notes/", "en", "/en/work/notes/"),
        ("en", "/sv/work/capture/", "fi", "/fi/work/capture/"),
        ("fi", "/en/work/units/", "sv", "/sv/work/units/"),
    ],
)
def test_language_switcher_works_when_the_page_and_the_browser_differ(
    worker_client, browser_language, page, chosen, expected
):
    response = worker_client.post(
        "/i18n/setlang/",
        {"language": chosen, "next": page},
        HTTP_ACCEPT_LANGUAGE=browser_language,
    )
    assert response.status_code == 302 and response["Location"] == expected
    assert worker_client.get(expected).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_404_page_is_translated(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    expected = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}[
        language
    ]
    assert expected in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Käyttäjätunnus on liian pitkä."),
        ("sv", "Användarnamnet är för långt."),
        ("en", "The user name is too long."),
    ],
)
def test_an_overlong_user_name_is_a_form_error_not_a_500(client, worker, language, message):
    response = client.post(f"/{language}/login/", {"username": "x" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session
    # At the limit it is an ordinary failed login.
    response = client.post(f"/{language}/login/", {"username": "x" * 150, "password": "wrong"})
    assert response.status_code == 200 and message not in response.content.decode()
