"""The user's units, as every worker page reads them first."""

import pytest
from django.contrib.auth.models import AnonymousUser

from encounters.models import Membership, Unit
from encounters.selectors import unit_list_for_member, unit_list_for_user


@pytest.mark.django_db
def test_a_members_units_are_the_active_units_of_their_memberships_by_name(
    worker, unit, other_unit, area, django_assert_num_queries
):
    closed = Unit.objects.create(name="Aakkosissa ensin, suljettu", service_area=area, slug="x")
    closed.is_active = False
    closed.save()
    second = Unit.objects.create(name="Aakkosissa ensin", service_area=area, slug="y")
    for joined in (closed, second):
        Membership.objects.create(user=worker, unit=joined, role=Membership.Role.MANAGER)

    with django_assert_num_queries(1):
        units = unit_list_for_member(user=worker)

    assert units == [second, unit] == list(unit_list_for_user(user=worker))
    assert other_unit not in units
    assert units[0].name == "Aakkosissa ensin" and units[0].service_area_id == area.pk


@pytest.mark.django_db
def test_someone_logged_out_or_without_memberships_has_no_units(other_worker, django_user_model):
    assert unit_list_for_member(user=AnonymousUser()) == []
    nobody = django_user_model.objects.create_user("nobody")
    assert unit_list_for_member(user=nobody) == []
    assert unit_list_for_member(user=other_worker) == list(unit_list_for_user(user=other_worker))
