"""Single sign-on test set-up: the organisation's groups mapped to roles."""

import pytest

from encounters.models import GroupMapping, Unit


@pytest.fixture
def second_unit(area):
    return Unit.objects.create(service_area=area, name="Tikkakosken kotihoito", slug="tikkakoski")


@pytest.fixture
def group_mappings(unit, second_unit, area, other_unit):
    """The organisation's mapping: groups to units, roles, an area and the organisation."""
    grant = GroupMapping.Grant
    rows = [
        GroupMapping(group="kotihoito-keskusta", grant=grant.UNIT_WORKER, unit=unit),
        GroupMapping(group="kotihoito-tikkakoski", grant=grant.UNIT_WORKER, unit=second_unit),
        GroupMapping(group="kotihoito-keskusta-esihenkilot", grant=grant.UNIT_MANAGER, unit=unit),
        GroupMapping(group="kotihoito-aluejohto", grant=grant.AREA_MANAGER, service_area=area),
        GroupMapping(group="kumppanuus-paakayttajat", grant=grant.ORGANISATION_ADMIN),
        GroupMapping(group="organisation-admins", grant=grant.ORGANISATION_ADMIN),
    ]
    return GroupMapping.objects.bulk_create(rows)
