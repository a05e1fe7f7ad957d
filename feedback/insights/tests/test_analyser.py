"""Which text analyser runs is said plainly: in /healthz and in the workspace footer."""

import json

import pytest
from django.urls import reverse

from feedback.insights.grouping import analyser
from feedback.insights.grouping.normalise import voikko_available


def test_the_analyser_name_follows_what_is_installed():
    assert analyser.analyser_name() == ("voikko" if voikko_available() else "snowball")
    assert analyser.analyser_is_full() == voikko_available()


@pytest.mark.django_db
def test_healthz_says_which_analyser_runs(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.REDIS_URL = ""
    body = json.loads(client.get("/healthz").content)
    assert body["analyser"] == analyser.analyser_name()


@pytest.mark.django_db
def test_the_workspace_footer_names_the_analyser_for_managers_only(client, manager, worker):
    client.force_login(manager)
    html = client.get(reverse("feedback:insights")).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'data-analyser="{analyser.analyser_name()}"' in footer
    client.force_login(worker)
    html = client.get(reverse("feedback:capture")).content.decode()
    assert "data-analyser" not in html
    client.logout()
    assert "data-analyser" not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_footer_says_what_to_install_when_voikko_is_missing(client, manager, monkeypatch):
    monkeypatch.setattr(analyser, "analyser_name", lambda: "snowball")
    client.force_login(manager)
    footer = client.get(reverse("feedback:insights")).content.decode().split("<footer", 1)[1]
    assert 'data-analyser="snowball"' in footer
    assert "README" in footer
