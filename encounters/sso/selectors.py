"""Reads for single sign-on: is it on, and what do a user's groups give."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from encounters.models import AreaManagement, GroupMapping, Membership


def sso_enabled() -> bool:
    """Single sign-on is on when a client id is configured (settings check the rest)."""
    return bool(settings.OIDC_RP_CLIENT_ID)


@dataclass(frozen=True)
class GroupGrants:
    """What a set of groups gives: a role per unit, managed areas, organisation admin."""

    unit_roles: dict[int, str] = field(default_factory=dict)
    area_ids: frozenset[int] = frozenset()
    organisation_admin: bool = False

    @property
    def empty(self) -> bool:
        return not (self.unit_roles or self.area_ids or self.organisation_admin)


def group_grants(*, groups: Iterable[str]) -> GroupGrants:
    """The grants of the mapping rows of these groups, in one query. Where two groups give
    different roles in the same unit, manager wins."""
    unit_roles: dict[int, str] = {}
    area_ids: set[int] = set()
    organisation_admin = False
    rows = GroupMapping.objects.filter(group__in=list(groups)).values_list(
        "grant", "unit_id", "service_area_id"
    )
    for grant, unit_id, area_id in rows:
        if grant in GroupMapping.UNIT_GRANTS:
            if unit_roles.get(unit_id) != Membership.Role.MANAGER:
                unit_roles[unit_id] = GroupMapping.UNIT_GRANTS[grant]
        elif grant == GroupMapping.Grant.AREA_MANAGER:
            area_ids.add(area_id)
        elif grant == GroupMapping.Grant.ORGANISATION_ADMIN:
            organisation_admin = True
    return GroupGrants(
        unit_roles=unit_roles, area_ids=frozenset(area_ids), organisation_admin=organisation_admin
    )


def user_has_any_role(*, user: AbstractBaseUser) -> bool:
    """Whether a signed-in user has anything to do here: a unit, an area, the organisation's
    reports, or the admin."""
    return user.is_active and (
        user.is_superuser
        or user.is_staff
        or Membership.objects.filter(user=user).exists()
        or AreaManagement.objects.filter(user=user).exists()
        or user.has_perm("encounters.view_organisation_reports")
    )
