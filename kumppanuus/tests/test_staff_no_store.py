"""No copy of a staff page may stay in a browser cache or a proxy: they show clients' words."""

import pytest
from django.urls import reverse

from feedback.tests.insight_support import capture

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_every_staff_page_is_sent_with_no_store(client, worker, manager, unit):
    note = capture(worker, unit, "Takaisinsoittoa sai odottaa koko päivän.")
    client.force_login(worker)
    for url in (
        reverse("feedback:capture"),
        reverse("feedback:own"),
        reverse("feedback:detail", args=[note.pk]),
        reverse("feedback:saved", args=[note.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and _no_store(response)


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, unit):
    response = client.get("/fi/")
    assert response.status_code == 200
    assert not _no_store(response)
