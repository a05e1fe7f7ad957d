"""The organisation-wide "you said, we did": one action by an organisation admin shows on
every unit page of every service area the matter reaches, and on the organisation page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from encounters.models import ServiceArea, Unit
from feedback.actions.services import action_create, action_publish, action_set_status
from feedback.models import Action, ActionStatus, Note, NoteStatus
from feedback.public.selectors import action_list_public, action_public_for_note
from feedback.tests.organisation_support import organisation_admin, organisation_matter


@pytest.fixture
def admin(db):
    return organisation_admin()


@pytest.fixture
def matter(worker, unit, other_worker, other_unit):
    return organisation_matter(
        worker=worker, unit=unit, other_worker=other_worker, other_unit=other_unit
    )


def _organisation_action(admin, whole) -> Action:
    whole.summary_fi = "Päätöskirjeitä oli vaikea ymmärtää."
    whole.save()
    return action_create(
        user=admin,
        insights=[whole],
        unit=None,
        title_fi="Selkokieliset päätöskirjeet",
        text_fi="Kirjoitamme päätöskirjeet uudelleen selkokielellä kaikilla alueilla.",
        responsible=admin,
        due_date=timezone.localdate() + timedelta(days=30),
    )


@pytest.mark.django_db
def test_an_organisation_action_shows_in_every_area_the_matter_reaches(
    client, admin, matter, unit, other_unit
):
    whole, part, other = matter
    action = _organisation_action(admin, whole)
    assert action.service_area_id is None and action.is_organisation_wide
    action_publish(action=action, user=admin)
    untouched = ServiceArea.objects.create(name="Sosiaalityö", slug="sosiaalityo")
    elsewhere = Unit.objects.create(service_area=untouched, name="Sosiaalitoimisto", slug="soststo")
    neighbour = Unit.objects.create(service_area=unit.service_area, name="Naapuri", slug="naapuri")
    for page in (
        reverse("public_unit", args=[unit.slug]),
        reverse("public_unit", args=[other_unit.slug]),
        reverse("public_unit", args=[neighbour.slug]),
        reverse("public_area", args=[unit.service_area.slug]),
        reverse("public_organisation"),
        reverse("home"),
    ):
        html = client.get(page).content.decode()
        assert "Selkokieliset päätöskirjeet" in html, page
        assert "Päätöskirjeitä oli vaikea ymmärtää." in html
    assert (
        "Selkokieliset"
        not in client.get(reverse("public_unit", args=[elsewhere.slug])).content.decode()
    )


@pytest.mark.django_db
def test_the_entry_counts_the_notes_of_every_part(admin, matter):
    whole, part, other = matter
    action = _organisation_action(admin, whole)
    action_publish(action=action, user=admin)
    entry = action_list_public(organisation=True).get()
    assert entry.people == part.note_count + other.note_count == 3
    assert entry.said_from is not None and entry.said_to is not None


@pytest.mark.django_db
def test_the_notes_of_every_part_follow_the_organisation_action(admin, matter):
    whole, part, other = matter
    action = _organisation_action(admin, whole)
    action_set_status(action=action, user=admin, status=ActionStatus.DONE)
    notes = Note.objects.filter(insight__in=[part, other])
    assert notes.count() == 3
    assert set(notes.values_list("status", flat=True)) == {NoteStatus.DONE}
    action_publish(action=action, user=admin)
    assert action_public_for_note(note=notes.first()) == action


@pytest.mark.django_db
def test_an_organisation_action_answers_organisation_insights_only(admin, matter, unit):
    whole, part, _other = matter
    with pytest.raises(ValidationError):
        action_create(
            user=admin,
            insights=[whole, part],
            unit=None,
            title_fi="Sekaisin",
            text_fi="Ei käy.",
            responsible=admin,
            due_date=timezone.localdate(),
        )
    with pytest.raises(ValidationError):
        action_create(
            user=admin,
            insights=[whole],
            unit=unit,
            title_fi="Yksikölle",
            text_fi="Ei käy.",
            responsible=admin,
            due_date=timezone.localdate(),
        )
    assert not Action.objects.exists()


@pytest.mark.django_db
def test_an_admin_creates_publishes_the_organisation_action_through_the_pages(
    client, admin, matter
):
    whole, _part, _other = matter
    client.force_login(admin)
    url = reverse("feedback:organisation_action_create", args=[whole.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "insights": [whole.pk],
            "unit": "",
            "title_fi": "Selkokieliset päätöskirjeet",
            "text_fi": "Kirjoitamme päätöskirjeet uudelleen.",
            "responsible": admin.pk,
            "due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.service_area_id is None
    response = client.post(reverse("feedback:action_publish", args=[action.pk]), {"confirm": "on"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_published


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "worker", "manager", "other_manager"])
def test_only_an_admin_acts_for_the_whole_organisation(client_as, personas, admin, matter, persona):
    whole, _part, _other = matter
    url = reverse("feedback:organisation_action_create", args=[whole.pk])
    response = client_as(personas[persona]).post(url, {"insights": [whole.pk], "title_fi": "X"})
    assert response.status_code in (302, 403)
    if persona != "anonymous":
        assert response.status_code == 403
    assert not Action.objects.exists()
    action = _organisation_action(admin, whole)
    detail = client_as(personas[persona]).get(reverse("feedback:action_detail", args=[action.pk]))
    assert detail.status_code in (302, 403, 404)
    if persona in ("manager", "other_manager"):
        assert detail.status_code == 404


@pytest.mark.django_db
def test_the_public_api_serves_an_organisation_wide_action(client, admin, matter, unit):
    whole, _part, _other = matter
    action = _organisation_action(admin, whole)
    action_publish(action=action, user=admin)
    for query in ("", "service_code=organisation&", f"service_code=unit:{unit.slug}&"):
        response = client.get(f"/api/v1/public/requests?{query}lang=fi")
        assert response.status_code == 200, query
        item = response.json()["items"][0]
        assert item["service_code"] == "organisation"
        assert item["you_said"]["summaries"] == ["Päätöskirjeitä oli vaikea ymmärtää."]
        assert item["url"].endswith(f"/fi/organisation/#entry-{action.pk}")


@pytest.mark.django_db
def test_an_admin_edits_the_organisation_action_and_it_stays_organisation_wide(
    client, admin, matter
):
    whole, _part, _other = matter
    action = _organisation_action(admin, whole)
    client.force_login(admin)
    url = reverse("feedback:action_edit", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "insights": [whole.pk],
            "unit": "",
            "title_fi": "Selkeät päätöskirjeet",
            "text_fi": "Kirjoitamme kirjeet selkokielellä.",
            "responsible": admin.pk,
            "due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title_fi == "Selkeät päätöskirjeet" and action.service_area_id is None
