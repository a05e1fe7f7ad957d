"""The one refusal rule over the persona matrix, for every staff page that shows something.

Anonymous visitors go to the login page. A page the user's role may not use answers 403
with the translated "No access" page, saying why. An object outside the user's units
answers 404, as if it did not exist. The rule lives in encounters.access; every view asks it.
"""

import pytest
from django.urls import reverse

from encounters.models import Channel
from feedback.notes.services import capture_token_new, note_create

PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager"]
LOGIN, OK, NO_ROLE, NOT_FOUND = 302, 200, 403, 404


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


def _pages(note, insight, action, unit) -> dict[str, tuple[str, dict[str, int]]]:
    """Page -> (URL, persona -> status). Unlisted personas get the same as "worker"."""
    worker_page = {"worker": OK, "other_worker": OK, "manager": OK, "other_manager": OK}
    unit_object = {"worker": OK, "other_worker": NOT_FOUND, "manager": OK}
    unit_object["other_manager"] = NOT_FOUND
    manager_list = {"worker": NO_ROLE, "other_worker": NO_ROLE, "manager": OK}
    manager_list["other_manager"] = OK
    manager_object = {**manager_list, "other_manager": NOT_FOUND}
    return {
        "capture": (reverse("feedback:capture"), worker_page),
        "own notes": (reverse("feedback:own"), worker_page),
        "units": (reverse("feedback:units"), worker_page),
        "note": (reverse("feedback:detail", args=[note.pk]), unit_object),
        "unit's notes": (reverse("feedback:unit_notes", args=[unit.pk]), unit_object),
        "insights": (reverse("feedback:insights"), manager_list),
        "insight": (reverse("feedback:insight", args=[insight.pk]), manager_object),
        "actions": (reverse("feedback:actions"), manager_list),
        "new action": (reverse("feedback:action_create"), manager_list),
        "action": (reverse("feedback:action_detail", args=[action.pk]), manager_object),
        "action edit": (reverse("feedback:action_edit", args=[action.pk]), manager_object),
        "action publish": (reverse("feedback:action_publish", args=[action.pk]), manager_object),
        "dashboard": (reverse("reports:dashboard"), manager_list),
        "encounter totals": (reverse("reports:encounter_totals"), manager_list),
        "notes export": (
            reverse("reports:notes_export", kwargs={"file_format": "csv"}),
            manager_list,
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_staff_page_follows_the_one_refusal_rule(
    client_as, personas, persona, note, insight, action, unit
):
    client = client_as(personas[persona])
    answers = {}
    for name, (url, expected) in _pages(note, insight, action, unit).items():
        response = client.get(url)
        want = LOGIN if persona == "anonymous" else expected[persona]
        answers[name] = (response.status_code, want)
        if response.status_code == NO_ROLE:
            assert "Ei käyttöoikeutta" in response.content.decode(), name
        if want == LOGIN:
            assert "/login/" in response["Location"], name
    assert {name: got for name, (got, _want) in answers.items()} == {
        name: want for name, (_got, want) in answers.items()
    }


@pytest.mark.django_db
def test_a_refused_role_is_told_why_in_its_language(client, worker):
    client.force_login(worker)
    finnish = client.get(reverse("feedback:insights"))
    assert finnish.status_code == 403
    assert "Tämä sivu on yksiköiden esihenkilöille." in finnish.content.decode()
    swedish = client.get("/sv/work/insights/")
    assert swedish.status_code == 403
    assert "Den här sidan är för enheternas chefer." in swedish.content.decode()


@pytest.mark.django_db
def test_a_user_of_no_unit_may_not_capture(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="loner", password="pw-1"))
    response = client.get(reverse("feedback:capture"))
    assert response.status_code == 403
    assert "Et ole minkään yksikön jäsen." in response.content.decode()
