"""The dashboard's figures per conversation opener, with small numbers suppressed."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from encounters.models import AreaManagement, Channel, Opener
from encounters.openers import opener_retire
from feedback.models import NoteKind
from feedback.notes.services import capture_token_new, encounter_record_nothing_to_add, note_create

from .test_dashboard import TODAY, get

DASHBOARD = reverse("reports:dashboard")


def _capture(worker, unit, opener, *, kind="idea", said=True):
    with time_machine.travel(TODAY - timedelta(days=1), tick=False):
        if not said:
            return encounter_record_nothing_to_add(
                worker=worker,
                unit=unit,
                channel=Channel.HOME,
                token=capture_token_new(),
                opener=opener,
            )
        return note_create(
            worker=worker,
            unit=unit,
            channel=Channel.HOME,
            kind=kind,
            client_text="Käynnit voisivat alkaa samaan aikaan.",
            token=capture_token_new(),
            opener=opener,
        )


@pytest.fixture
def opener_figures(worker, manager, unit):
    helped = Opener.objects.create(unit=unit, text_fi="Mikä auttoi?", text_en="What helped?")
    other = Opener.objects.create(unit=unit, text_fi="Mitä toisin?")
    for kind in ("idea", "idea", "problem"):
        _capture(worker, unit, helped, kind=kind)
    _capture(worker, unit, helped, said=False)
    _capture(worker, unit, other, said=False)
    _capture(worker, unit, None)  # no opener shown: not counted for any
    return helped, other


@pytest.mark.django_db
def test_the_dashboard_counts_each_opener_shown_said_and_kinds(client, manager, opener_figures):
    helped, other = opener_figures
    client.force_login(manager)
    rows = get(client).context["openers"]
    assert [row["opener"].pk for row in rows] == [helped.pk, other.pk]
    first, second = rows
    assert (first["shown"], first["said"], first["share"]) == (4, 3, 75)
    assert first["kinds"] == [
        (NoteKind.IDEA.label, 2),
        (NoteKind.PROBLEM.label, 1),
    ]
    assert (second["shown"], second["said"], second["share"], second["kinds"]) == (1, 0, 0, [])


@pytest.mark.django_db
def test_a_retired_opener_keeps_its_figures(client, manager, opener_figures):
    helped, _other = opener_figures
    opener_retire(opener=helped)
    client.force_login(manager)
    response = get(client)
    assert response.context["openers"][0]["opener"].retired_at is not None
    assert "Mikä auttoi?" in response.content.decode()


@pytest.mark.django_db
def test_opener_figures_are_suppressed_for_an_area_manager(
    client, django_user_model, area, opener_figures
):
    area_manager = django_user_model.objects.create_user("area-manager", password="x-pass-123")
    AreaManagement.objects.create(user=area_manager, service_area=area)
    client.force_login(area_manager)
    first = get(client).context["openers"][0]
    # 4 shown, 3 said, kinds 2 and 1: all under five, so none is shown, nor the share.
    assert isinstance(first["shown"], str) and isinstance(first["said"], str)
    assert first["share"] is None
    assert all(isinstance(count, str) for _label, count in first["kinds"])


@pytest.mark.django_db
def test_other_units_openers_are_not_on_the_dashboard(client, other_manager, opener_figures):
    client.force_login(other_manager)
    assert get(client).context["openers"] == []
