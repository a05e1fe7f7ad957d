import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from encounters.models import Channel, Encounter, Membership
from encounters.selectors import managed_unit_ids, unit_ids_for_user, unit_list_for_user


@pytest.mark.django_db
def test_names_follow_the_language_and_fall_back_to_finnish(unit, area):
    with override("sv"):
        assert unit.display_name == "Centrums hemvård"
    with override("en"):
        assert unit.display_name == "Keskustan kotihoito"  # no English name: Finnish
        assert area.display_name == "Home care"


@pytest.mark.django_db
def test_a_user_is_a_member_of_a_unit_once(worker, unit):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=worker, unit=unit, role=Membership.Role.MANAGER)


@pytest.mark.django_db
def test_nothing_to_add_implies_the_client_was_asked(worker, unit):
    with pytest.raises(IntegrityError):
        Encounter.objects.create(
            unit=unit,
            worker=worker,
            channel=Channel.PHONE,
            occurred_at=timezone.now(),
            client_asked=False,
            nothing_to_add=True,
        )


@pytest.mark.django_db
def test_inactive_units_drop_out_of_the_users_units(worker, manager, unit):
    assert unit_ids_for_user(user=worker) == {unit.pk}
    assert managed_unit_ids(user=manager) == {unit.pk}
    assert managed_unit_ids(user=worker) == set()
    unit.is_active = False
    unit.save(update_fields=["is_active"])
    assert list(unit_list_for_user(user=worker)) == []


def test_encounter_has_no_field_that_could_identify_a_client():
    names = {field.name for field in Encounter._meta.get_fields()}
    forbidden = {"client", "client_name", "name", "ssn", "hetu", "identity_code", "client_number"}
    assert not names & forbidden


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:encounters_servicearea_changelist",
        "admin:encounters_unit_changelist",
        "admin:encounters_membership_changelist",
        "admin:encounters_encounter_changelist",
        "admin:encounters_servicearea_add",
        "admin:encounters_unit_add",
        "admin:encounters_membership_add",
        "admin:feedback_theme_changelist",
        "admin:feedback_note_changelist",
    ],
)
def test_admin_pages_work_for_an_administrator(admin_client, url_name, unit, worker):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_is_closed_to_workers(worker_client):
    response = worker_client.get(reverse("admin:encounters_unit_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
