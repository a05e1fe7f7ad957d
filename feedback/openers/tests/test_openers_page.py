"""The managers' openers page: add, edit, retire, restore, and its refusals."""

import pytest
from django.urls import reverse

from encounters.models import Opener
from encounters.tests.opener_support import starter_set_seed

LIST = reverse("feedback:openers")


@pytest.fixture
def own_opener(unit, manager):
    return Opener.objects.create(unit=unit, text_fi="Mikä auttoi?", created_by=manager)


@pytest.mark.django_db
def test_manager_adds_an_opener_in_three_languages(client_as, manager, unit):
    client = client_as(manager)
    response = client.post(
        LIST,
        {"unit": unit.pk, "text_fi": " Mikä  auttoi? ", "text_sv": "Vad hjälpte?", "text_en": ""},
    )
    assert response.status_code == 302 and response["Location"] == LIST
    opener = Opener.objects.get(unit=unit)
    assert (opener.text_fi, opener.text_sv, opener.text_en) == ("Mikä auttoi?", "Vad hjälpte?", "")
    assert opener.created_by == manager and opener.is_active
    page = client.get(LIST)
    assert "Mikä auttoi?" in page.content.decode()


@pytest.mark.django_db
def test_an_opener_without_finnish_is_refused(client_as, manager, unit):
    response = client_as(manager).post(LIST, {"unit": unit.pk, "text_fi": "", "text_sv": "Vad?"})
    assert response.status_code == 200
    assert response.context["form"].errors["text_fi"]
    assert not Opener.objects.filter(unit=unit).exists()


@pytest.mark.django_db
def test_manager_cannot_add_an_opener_to_another_unit(client_as, manager, other_unit):
    response = client_as(manager).post(LIST, {"unit": other_unit.pk, "text_fi": "Mikä?"})
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    assert not Opener.objects.filter(unit=other_unit).exists()


@pytest.mark.django_db
def test_manager_edits_retires_and_restores_an_opener(client_as, manager, own_opener):
    client = client_as(manager)
    edit = reverse("feedback:opener_edit", args=[own_opener.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"unit": own_opener.unit_id, "text_fi": "Mikä auttoi eniten?"})
    own_opener.refresh_from_db()
    assert own_opener.text_fi == "Mikä auttoi eniten?"

    client.post(reverse("feedback:opener_retire", args=[own_opener.pk]))
    own_opener.refresh_from_db()
    assert own_opener.retired_at is not None
    client.post(reverse("feedback:opener_restore", args=[own_opener.pk]))
    own_opener.refresh_from_db()
    assert own_opener.retired_at is None


@pytest.mark.django_db
def test_the_page_refuses_workers_anonymous_and_other_units(
    client, client_as, worker, other_manager, own_opener
):
    retire = reverse("feedback:opener_retire", args=[own_opener.pk])
    assert client.get(LIST).status_code == 302
    assert client.post(retire).status_code == 302
    assert client_as(worker).get(LIST).status_code == 403
    assert client_as(worker).post(retire).status_code == 403
    other = client_as(other_manager)
    assert other.post(retire).status_code == 404
    assert other.get(reverse("feedback:opener_edit", args=[own_opener.pk])).status_code == 404
    own_opener.refresh_from_db()
    assert own_opener.retired_at is None


@pytest.mark.django_db
def test_the_starter_set_cannot_be_changed_by_a_unit_manager(client_as, manager):
    starter = starter_set_seed()[0]
    response = client_as(manager).post(reverse("feedback:opener_retire", args=[starter.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_retiring_needs_post(client_as, manager, own_opener):
    response = client_as(manager).get(reverse("feedback:opener_retire", args=[own_opener.pk]))
    assert response.status_code == 405
