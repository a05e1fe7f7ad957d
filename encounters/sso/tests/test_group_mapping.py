"""The mapping an admin edits: groups to unit roles, service areas and the organisation.

Through the sign-in service with claims as a verified ID token carries them (the provider
tests cover how they arrive)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from encounters.models import AreaManagement, GrantSource, GroupMapping, Membership
from encounters.sso.services import SignInRefused, user_sign_in

pytestmark = pytest.mark.django_db

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


def _sign_in(groups, *, sub="sub-1", username="hilkka@hyvinvointialue.example", **claims):
    return user_sign_in(
        issuer=ISSUER,
        claims={"sub": sub, "preferred_username": username, "groups": groups, **claims},
    )


def _roles(user) -> set[tuple]:
    return set(Membership.objects.filter(user=user).values_list("unit__slug", "role", "source"))


def test_manager_wins_where_two_groups_give_roles_in_the_same_unit(group_mappings):
    user = _sign_in(["kotihoito-keskusta", "kotihoito-keskusta-esihenkilot"])

    assert _roles(user) == {("keskusta", Membership.Role.MANAGER, GrantSource.GROUPS)}


def test_a_changed_group_changes_the_role_at_the_next_sign_in(group_mappings):
    user = _sign_in(["kotihoito-keskusta-esihenkilot"])
    _sign_in(["kotihoito-keskusta"])

    assert _roles(user) == {("keskusta", Membership.Role.WORKER, GrantSource.GROUPS)}


def test_a_manual_membership_is_kept_as_it_is(group_mappings, unit, django_user_model):
    user = _sign_in(["kotihoito-tikkakoski"])
    Membership.objects.create(user=user, unit=unit, role=Membership.Role.WORKER)

    _sign_in(["kotihoito-keskusta-esihenkilot"])

    assert _roles(user) == {("keskusta", Membership.Role.WORKER, GrantSource.MANUAL)}


def test_area_management_follows_the_group_and_a_manual_one_stays(group_mappings, area, other_area):
    user = _sign_in(["kotihoito-keskusta", "kotihoito-aluejohto"])
    AreaManagement.objects.create(user=user, service_area=other_area)
    assert set(user.area_managements.values_list("service_area", "source")) == {
        (area.pk, GrantSource.GROUPS),
        (other_area.pk, GrantSource.MANUAL),
    }

    _sign_in(["kotihoito-keskusta"])

    assert list(user.area_managements.values_list("service_area", flat=True)) == [other_area.pk]


def test_the_organisation_admin_right_comes_and_goes_with_its_group(group_mappings):
    user = _sign_in(["kotihoito-keskusta", "kumppanuus-paakayttajat"])
    assert get_user_model().objects.get(pk=user.pk).has_perm("encounters.view_organisation_reports")

    _sign_in(["kotihoito-keskusta"])

    assert (
        not get_user_model()
        .objects.get(pk=user.pk)
        .has_perm("encounters.view_organisation_reports")
    )


def test_an_organisation_admin_right_given_by_hand_is_not_taken_away(group_mappings):
    user = _sign_in(["kotihoito-keskusta"])
    user.user_permissions.add(Permission.objects.get(codename="view_organisation_reports"))

    _sign_in(["kotihoito-keskusta", "kumppanuus-paakayttajat"])
    _sign_in(["kotihoito-keskusta"])

    assert get_user_model().objects.get(pk=user.pk).has_perm("encounters.view_organisation_reports")


def test_a_user_renamed_at_the_provider_keeps_their_account(group_mappings):
    user = _sign_in(["kotihoito-keskusta"])

    renamed = _sign_in(["kotihoito-keskusta"], username="hilkka.uusi@hyvinvointialue.example")

    assert renamed.pk == user.pk and renamed.username == "hilkka.uusi@hyvinvointialue.example"


def test_one_group_as_a_string_counts_as_a_list(group_mappings):
    user = _sign_in("kotihoito-keskusta")

    assert _roles(user) == {("keskusta", Membership.Role.WORKER, GrantSource.GROUPS)}


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": ""},
        {"preferred_username": ""},
        {"preferred_username": "x" * 151},
        {"groups": {"not": "a list"}},
    ],
)
def test_claims_without_what_a_sign_in_needs_are_refused(group_mappings, claims):
    good = {"sub": "s", "preferred_username": "u@example.fi", "groups": ["kotihoito-keskusta"]}

    with pytest.raises(SignInRefused) as refusal:
        user_sign_in(issuer=ISSUER, claims={**good, **claims})

    assert refusal.value.reason == SignInRefused.INVALID
    assert not get_user_model().objects.exists()


def test_the_groups_claim_and_the_user_name_claim_are_settings(group_mappings, settings):
    settings.OIDC_GROUPS_CLAIM = "roles"  # Entra ID app roles
    settings.OIDC_USERNAME_CLAIM = "upn"

    user = user_sign_in(
        issuer=ISSUER, claims={"sub": "s", "upn": "u@example.fi", "roles": ["kotihoito-keskusta"]}
    )

    assert user.username == "u@example.fi"
    assert _roles(user) == {("keskusta", Membership.Role.WORKER, GrantSource.GROUPS)}


def test_sign_in_reads_the_mapping_in_a_fixed_number_of_queries(
    group_mappings, django_assert_max_num_queries
):
    _sign_in(["kotihoito-keskusta"])
    many = [f"ryhma-{n}" for n in range(200)] + ["kotihoito-keskusta", "kotihoito-tikkakoski"]

    with django_assert_max_num_queries(14):
        _sign_in(many)


@pytest.mark.parametrize(
    ("grant", "target", "field"),
    [
        (GroupMapping.Grant.UNIT_WORKER, {}, "unit"),
        (GroupMapping.Grant.AREA_MANAGER, {}, "service_area"),
        (GroupMapping.Grant.UNIT_MANAGER, {"unit": True, "area": True}, "service_area"),
        (GroupMapping.Grant.AREA_MANAGER, {"unit": True, "area": True}, "unit"),
        (GroupMapping.Grant.ORGANISATION_ADMIN, {"unit": True}, "__all__"),
    ],
)
def test_a_mapping_needs_the_target_its_grant_names(unit, area, grant, target, field):
    mapping = GroupMapping(
        group=" ryhma ",
        grant=grant,
        unit=unit if target.get("unit") else None,
        service_area=area if target.get("area") else None,
    )

    with pytest.raises(ValidationError) as error:
        mapping.full_clean()

    assert field in error.value.message_dict


def test_the_database_refuses_a_mapping_without_its_target(area):
    with pytest.raises(IntegrityError):
        GroupMapping.objects.create(group="g", grant=GroupMapping.Grant.UNIT_WORKER)


def test_the_admin_edits_the_mapping(admin_client, unit, group_mappings):
    changelist = admin_client.get(reverse("admin:encounters_groupmapping_changelist"))
    assert changelist.status_code == 200
    assert "kotihoito-keskusta" in changelist.content.decode()

    response = admin_client.post(
        reverse("admin:encounters_groupmapping_add"),
        {"group": " /kotihoito/uusi ", "grant": GroupMapping.Grant.UNIT_WORKER, "unit": unit.pk},
    )

    assert response.status_code == 302
    assert GroupMapping.objects.filter(group="/kotihoito/uusi", unit=unit).exists()


def test_the_admin_shows_who_signed_in_with_which_groups(admin_client, group_mappings):
    user = _sign_in(["kotihoito-keskusta", "tuntematon-ryhma"])

    response = admin_client.get(reverse("admin:encounters_signinidentity_changelist"))
    assert response.status_code == 200
    assert "tuntematon-ryhma" in response.content.decode()
    detail = admin_client.get(reverse("admin:encounters_membership_changelist"))
    assert user.username in detail.content.decode()
