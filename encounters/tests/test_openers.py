"""Which opener the capture page shows: the unit's own first, else the starter set for the
channel's context, least shown first; and a team belongs to its unit."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from encounters.models import Channel, Encounter, Membership, Opener, OpenerContext, Team
from encounters.openers import opener_candidates, opener_next, opener_retire

from .opener_support import starter_set_seed


@pytest.mark.django_db
def test_the_starter_set_is_narrowed_to_the_channels_context(unit):
    starter_set_seed()
    phone = opener_candidates(unit=unit, channel=Channel.PHONE)
    assert phone and {opener.context for opener in phone} == {OpenerContext.PHONE}
    home = opener_candidates(unit=unit, channel=Channel.HOME)
    assert {opener.context for opener in home} == {OpenerContext.HOME_CARE}
    # A channel without a context of its own gets the whole set.
    group = opener_candidates(unit=unit, channel=Channel.GROUP)
    assert len({opener.context for opener in group}) == 4


@pytest.mark.django_db
def test_the_units_own_openers_replace_the_starter_set(unit, other_unit):
    starter_set_seed()
    own = Opener.objects.create(unit=unit, text_fi="Oma?")
    Opener.objects.create(unit=other_unit, text_fi="Toisen?")
    assert opener_candidates(unit=unit, channel=Channel.PHONE) == [own]
    opener_retire(opener=own)
    assert all(o.unit_id is None for o in opener_candidates(unit=unit, channel=Channel.PHONE))


@pytest.mark.django_db
def test_the_least_shown_opener_comes_first_and_ties_go_by_age(unit, worker):
    first, second, third = (Opener.objects.create(unit=unit, text_fi=f"{n}?") for n in range(3))
    for opener in (first, first, second):
        Encounter.objects.create(
            unit=unit,
            worker=worker,
            channel=Channel.HOME,
            occurred_at=first.created_at,
            opener=opener,
        )
    assert opener_candidates(unit=unit) == [third, second, first]
    assert opener_next(candidates=[third, second, first], after=first.pk) == third
    assert opener_next(candidates=[], after=None) is None


def test_an_opener_falls_back_to_finnish():
    opener = Opener(text_fi="Mikä auttoi?", text_sv="Vad hjälpte?")
    assert opener.texts == {"fi": "Mikä auttoi?", "sv": "Vad hjälpte?", "en": "Mikä auttoi?"}
    with translation.override("sv"):
        assert opener.display_text == "Vad hjälpte?"


@pytest.mark.django_db
def test_a_member_cannot_be_in_another_units_team(worker, unit, other_unit):
    membership = Membership.objects.get(user=worker, unit=unit)
    membership.team = Team.objects.create(unit=other_unit, name="Muu")
    with pytest.raises(ValidationError):
        membership.clean()
    membership.team = Team.objects.create(unit=unit, name="Oma")
    membership.clean()
