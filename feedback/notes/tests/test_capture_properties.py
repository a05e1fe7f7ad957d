"""Property-based test of the capture form: any input is saved whole or not at all."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encounters.models import Encounter
from feedback.models import Note
from feedback.notes.services import capture_token_new

text = st.one_of(
    st.text(max_size=1200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "\u202e", "<b>x</b>", "'; DROP TABLE x; --", "😀" * 300]),
)
choice = st.one_of(
    st.text(max_size=30), st.sampled_from(["home", "clinic", "idea", "thanks", "problem"])
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    client_text=text,
    observation=text,
    kind=choice,
    channel=choice,
    unit_value=st.one_of(st.integers(), st.text(max_size=10)),
    action=st.sampled_from(["save", "nothing_to_add"]),
    flags=st.booleans(),
)
def test_capture_never_errors_and_never_saves_partially(
    worker_client, unit, client_text, observation, kind, channel, unit_value, action, flags
):
    before_notes, before_encounters = Note.objects.count(), Encounter.objects.count()
    data = {
        "unit": unit.pk if flags else unit_value,
        "channel": channel,
        "client_text": client_text,
        "worker_observation": observation,
        "kind": kind,
        "token": capture_token_new().dumps(),
        "action": action,
        "confirm_privacy": "on" if flags else "",
    }
    response = worker_client.post(reverse("feedback:capture"), data)

    assert response.status_code in {200, 302}
    new_notes = Note.objects.count() - before_notes
    new_encounters = Encounter.objects.count() - before_encounters
    if response.status_code == 200:
        assert (new_notes, new_encounters) == (0, 0)
        # Errors to show, or "nothing to add" asking first about the words typed.
        assert response.context["form"].errors or response.context["confirm_nothing_to_add"]
    elif action == "save":
        assert (new_notes, new_encounters) == (1, 1)
        note = Note.objects.latest("id")
        assert note.client_text == client_text.strip()
        assert note.encounter.unit_id == note.unit_id == unit.pk
    else:
        assert (new_notes, new_encounters) == (0, 1)
