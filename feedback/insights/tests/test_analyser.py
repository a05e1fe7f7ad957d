"""Which text analyser runs is said plainly: in /healthz and in the workspace footer."""

import json

import pytest
from django.urls import reverse

from feedback.insights.grouping import analyser
from feedback.insights.grouping.normalise import voikko_available


def test_the_analyser_name_follows_what_is_installed():
    parts = analyser.analyser_parts()
    assert parts["fi"] == ("voikko" if voikko_available() else "fallback")
    name = analyser.analyser_name()
    assert name in {"voikko+snowball", "voikko", "snowball", "fallback"}
    assert analyser.analyser_is_full() == (parts == {"fi": "voikko", "sv": "snowball"})


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
