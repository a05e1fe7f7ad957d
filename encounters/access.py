"""The one refusal rule of every staff page.

A page the user's role may not use answers 403 with the translated page, saying why; an
object outside the user's units answers 404, as if it did not exist, so that ids reveal
nothing. Every staff view asks these functions instead of deciding for itself.
"""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Unit
from .selectors import (
    is_organisation_admin,
    managed_unit_ids,
    report_unit_ids,
    unit_list_for_member,
)

M = TypeVar("M", bound=Model)
User = AbstractBaseUser | AnonymousUser


def member_units_or_403(*, user: User) -> list[Unit]:
    """The units the user is a member of; a user of none may not use worker pages."""
    units = unit_list_for_member(user=user)
    if not units:
        raise PermissionDenied(
            _(
                "You are not a member of any unit. Notes are recorded for a unit: ask your "
                "manager or the administrator to add you to your unit."
            )
        )
    return units


def managed_unit_ids_or_403(*, user: User) -> set[int]:
    """The units the user manages; the managers' pages are for unit managers only."""
    unit_ids = managed_unit_ids(user=user)
    if not unit_ids:
        raise PermissionDenied(_("This page is for the managers of units."))
    return unit_ids


def organisation_admin_or_403(*, user: User) -> None:
    """The organisation-wide curation is for organisation admins only."""
    if not is_organisation_admin(user=user):
        raise PermissionDenied(_("This page is for the organisation's admins."))


def managed_unit_ids_or_organisation_403(*, user: User) -> tuple[set[int], bool]:
    """The managed units and whether the user is an organisation admin; pages that both
    unit managers and organisation admins use refuse everyone else."""
    unit_ids = managed_unit_ids(user=user)
    organisation = is_organisation_admin(user=user)
    if not unit_ids and not organisation:
        raise PermissionDenied(_("This page is for the managers of units."))
    return unit_ids, organisation


def report_unit_ids_or_403(*, user: User) -> set[int]:
    """The units whose reports the user may see; the dashboard is for those with any."""
    unit_ids = report_unit_ids(user=user)
    if not unit_ids:
        raise PermissionDenied(
            _("The situation picture is for unit managers, service-area managers and admins.")
        )
    return unit_ids


def get_in_scope_or_404(queryset: QuerySet[M], **lookup) -> M:
    """One object of a queryset already limited to the user's units, or 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
