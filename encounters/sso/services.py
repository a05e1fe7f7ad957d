"""Single sign-on writes: the user behind a verified ID token and what their groups give.

Roles follow the provider's groups at every sign-in (and at every re-check, see
middleware.py). Memberships and service-area managements that came from groups carry
`source=groups` and are recomputed: added, changed, removed. Those an admin added by hand
(`source=manual`) are never touched, so a manual membership of a unit also stays as it is
when a group would give another role there. The organisation admin right is a permission;
`SignInIdentity.organisation_admin_from_groups` remembers whether groups gave it.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import transaction
from django.utils import timezone

from encounters.models import AreaManagement, GrantSource, Membership, SignInIdentity

from .selectors import GroupGrants, group_grants, user_has_any_role

logger = logging.getLogger(__name__)


class SignInRefused(Exception):  # noqa: N818  (a refusal, not an error of ours)
    """A sign-in Kumppanuus refuses; `reason` chooses what the refusal page says."""

    INVALID = "invalid"  # the answer could not be verified (token, state, code)
    NO_ACCESS = "no_access"  # verified, but no group gives anything here
    NAME_TAKEN = "name_taken"  # a local account already has the user name
    UNAVAILABLE = "unavailable"  # the provider did not answer
    CANCELLED = "cancelled"  # the provider reported an error (the user cancelled, ...)

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def _claim_text(claims: Mapping[str, Any], name: str, *, limit: int) -> str:
    value = claims.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _groups(claims: Mapping[str, Any]) -> list[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise SignInRefused(SignInRefused.INVALID, "groups claim is not a list")
    return sorted({group for group in value if isinstance(group, str) and group})


def _username(claims: Mapping[str, Any]) -> str:
    username = claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email")
    if not isinstance(username, str) or not username.strip() or len(username.strip()) > 150:
        raise SignInRefused(SignInRefused.INVALID, "no usable user name claim")
    return username.strip()


def user_sign_in(*, issuer: str, claims: Mapping[str, Any]) -> AbstractBaseUser:
    """The user for verified claims, created at the first sign-in, with their roles
    recomputed from their groups. Raises SignInRefused."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefused(SignInRefused.INVALID, "no subject")
    username = _username(claims)
    groups = _groups(claims)
    grants = group_grants(groups=groups)
    user_model = get_user_model()

    with transaction.atomic():
        identity = (
            SignInIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if identity is None:
            if grants.empty:
                # Nothing to create an account for.
                raise SignInRefused(SignInRefused.NO_ACCESS, "no group gives a role")
            if user_model.objects.filter(username__iexact=username).exists():
                raise SignInRefused(SignInRefused.NAME_TAKEN, "an unlinked account has the name")
            user = user_model.objects.create_user(username=username)  # no usable password
            identity = SignInIdentity(user=user, issuer=issuer, subject=subject)
        else:
            user = identity.user
            if (
                username != user.username
                and not user_model.objects.filter(username__iexact=username)
                .exclude(pk=user.pk)
                .exists()
            ):
                user.username = username  # renamed at the provider
        user.first_name = _claim_text(claims, "given_name", limit=150)
        user.last_name = _claim_text(claims, "family_name", limit=150)
        user.email = _claim_text(claims, "email", limit=254)
        user.save()
        identity.groups = groups
        identity.last_sign_in_at = timezone.now()
        roles_sync_from_groups(user=user, identity=identity, grants=grants)
        identity.save()

    logger.info(
        "single sign-on: user %s signed in with %d groups, %d units from groups",
        user.pk,
        len(groups),
        len(grants.unit_roles),
    )
    if not user_has_any_role(user=user):
        raise SignInRefused(SignInRefused.NO_ACCESS, f"user {user.pk} has no role")
    return user


def roles_sync_from_groups(
    *, user: AbstractBaseUser, identity: SignInIdentity, grants: GroupGrants
) -> None:
    """Make the user's group-given roles exactly what `grants` says; keep manual ones."""
    memberships = {m.unit_id: m for m in Membership.objects.filter(user=user)}
    for unit_id, role in grants.unit_roles.items():
        membership = memberships.get(unit_id)
        if membership is None:
            Membership.objects.create(
                user=user, unit_id=unit_id, role=role, source=GrantSource.GROUPS
            )
        elif membership.source == GrantSource.GROUPS and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role", "updated_at"])
    stale = [
        m.pk
        for m in memberships.values()
        if m.source == GrantSource.GROUPS and m.unit_id not in grants.unit_roles
    ]
    if stale:
        Membership.objects.filter(pk__in=stale).delete()

    managed = set(
        AreaManagement.objects.filter(user=user).values_list("service_area_id", flat=True)
    )
    AreaManagement.objects.bulk_create(
        [
            AreaManagement(user=user, service_area_id=area_id, source=GrantSource.GROUPS)
            for area_id in grants.area_ids - managed
        ]
    )
    AreaManagement.objects.filter(user=user, source=GrantSource.GROUPS).exclude(
        service_area_id__in=grants.area_ids
    ).delete()

    permission = Permission.objects.get(
        content_type__app_label="encounters", codename="view_organisation_reports"
    )
    has_permission = user.user_permissions.filter(pk=permission.pk).exists()
    if grants.organisation_admin and not has_permission:
        user.user_permissions.add(permission)
        identity.organisation_admin_from_groups = True
    elif not grants.organisation_admin and identity.organisation_admin_from_groups:
        user.user_permissions.remove(permission)
        identity.organisation_admin_from_groups = False
    # The permission cache, if filled, is stale now.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)
