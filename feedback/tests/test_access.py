"""Every staff view over the persona matrix: only members see a unit's notes."""

import pytest
from django.urls import reverse

from encounters.models import Channel
from feedback.notes.services import capture_token_new, note_create

ALLOWED = {
    # view -> personas that get 200 (others: anonymous is sent to login, the rest 404)
    "own_note_detail": {"worker", "manager"},
    "unit_notes": {"worker", "manager"},
}


@pytest.fixture
def note(worker, unit):
    return note_create(
        worker=worker,
        unit=unit,
        channel=Channel.HOME,
        kind="idea",
        client_text="Voisiko käynnit sopia etukäteen?",
        token=capture_token_new(),
    ).note


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_note_detail_is_visible_only_to_the_units_members(client_as, personas, note, persona):
    response = client_as(personas[persona]).get(reverse("feedback:detail", kwargs={"pk": note.pk}))
    if persona == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif persona in ALLOWED["own_note_detail"]:
        assert response.status_code == 200
        assert "Voisiko käynnit sopia etukäteen?" in response.content.decode()
    else:
        assert response.status_code == 404
        assert "Voisiko" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_unit_note_list_is_visible_only_to_the_units_members(
    client_as, personas, note, unit, persona
):
    response = client_as(personas[persona]).get(
        reverse("feedback:unit_notes", kwargs={"unit_id": unit.pk})
    )
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in ALLOWED["unit_notes"]:
        assert response.status_code == 200
        assert "Voisiko käynnit sopia etukäteen?" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_own_notes_list_shows_only_the_users_own_notes(client_as, personas, note, persona):
    response = client_as(personas[persona]).get(reverse("feedback:own"))
    if persona == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    shown = "Voisiko käynnit sopia etukäteen?" in response.content.decode()
    assert shown == (persona == "worker")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_saved_page_is_only_for_the_author(client_as, personas, note, persona):
    response = client_as(personas[persona]).get(reverse("feedback:saved", kwargs={"pk": note.pk}))
    expected = {"anonymous": 302, "worker": 200}.get(persona, 404)
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_capture_page_is_for_members_of_some_unit(client_as, personas, persona):
    response = client_as(personas[persona]).get(reverse("feedback:capture"))
    assert response.status_code == (302 if persona == "anonymous" else 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_capture_post_for_a_unit_works_only_for_its_members(client_as, personas, unit, persona):
    from feedback.models import Note

    user = personas[persona]
    client = client_as(user)
    data = {
        "unit": unit.pk,
        "channel": Channel.CLINIC,
        "client_text": "Kiitos hyvästä hoidosta",
        "kind": "thanks",
        "token": capture_token_new().dumps(),
        "action": "save",
    }
    response = client.post(reverse("feedback:capture"), data)
    created = Note.objects.filter(unit=unit).count()
    if persona in {"worker", "manager"}:
        assert response.status_code == 302 and created == 1
    else:
        assert created == 0
        assert response.status_code in {200, 302}
        if persona != "anonymous":
            assert "unit" in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_unit_list_shows_only_the_users_units(client_as, personas, unit, other_unit, persona):
    response = client_as(personas[persona]).get(reverse("feedback:units"))
    if persona == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert ("Keskustan kotihoito" in html) == (persona in {"worker", "manager"})
    assert ("Hammashoitola" in html) == (persona in {"other_worker", "other_manager"})


@pytest.mark.django_db
def test_notes_of_a_unit_that_does_not_exist_are_404(worker_client):
    assert (
        worker_client.get(reverse("feedback:unit_notes", kwargs={"unit_id": 987654})).status_code
        == 404
    )
    assert worker_client.get("/fi/work/notes/abc/").status_code == 404


@pytest.mark.django_db
def test_keepalive_needs_post_and_login(client, worker):
    url = reverse("feedback:keepalive")
    assert client.post(url).status_code == 302
    client.force_login(worker)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 204
