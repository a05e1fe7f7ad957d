"""A control character in a query string gets the translated 400 page, never a 500, and a
noncharacter (U+FFFE) is refused at capture with a translated field error."""

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import Note
from feedback.notes.tests.test_capture import CAPTURE, capture_data, fresh_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["a%00b", "%00", "x%01y", "%7F", "%EF%BF%BE"])
@pytest.mark.parametrize("param", ["theme", "area", "unit", "page", "unknown"])
def test_a_control_character_in_a_public_query_is_a_clear_400(unit, param, value):
    client = Client(raise_request_exception=False)
    for path in (
        reverse("home"),
        reverse("public_unit", kwargs={"slug": unit.slug}),
        reverse("public_area", kwargs={"slug": unit.service_area.slug}),
        reverse("public_feed"),
        reverse("receipt_lookup"),
    ):
        response = client.get(f"{path}?{param}={value}")
        assert response.status_code == 400, path
        assert "Pyyntöä ei voitu käsitellä" in response.content.decode()


def test_an_ordinary_query_still_works(unit):
    response = Client().get(reverse("home") + "?theme=odotus&page=2")
    assert response.status_code == 200


def test_the_staff_pages_refuse_it_too(client_as, manager):
    response = client_as(manager).get(reverse("reports:dashboard") + "?week=2026-W01%00")
    assert response.status_code == 400


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\x00", "\x0b"])
def test_capture_refuses_characters_xml_cannot_hold(worker_client, unit, char):
    token = fresh_token(worker_client)
    response = worker_client.post(
        CAPTURE, capture_data(unit, token, client_text=f"Hyvä palvelu{char} kiitos.")
    )
    assert response.status_code == 200
    assert "client_text" in response.context["form"].errors
    assert Note.objects.count() == 0
