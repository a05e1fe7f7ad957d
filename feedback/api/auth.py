"""Who calls: the integration key in ``Authorization: Bearer``, its rate limit, its scopes,
and the audit row every key-authenticated call leaves.

The refusal rule of the API lives here, as encounters/access.py's does for the pages:
401 for no valid key, 403 for a key that may not do this or not in this unit, 429 when the
key (or an address sending bad keys) goes over its limit.
"""

import hmac
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from encounters.models import Unit
from feedback.models import IntegrationCall, IntegrationKey
from feedback.public.ratelimit import client_address, rate_limit_hit

from .errors import ApiError
from .services import (
    integration_call_record,
    integration_key_parse,
    integration_key_touch,
    secret_digest,
)

Outcome = IntegrationCall.Outcome

_OUTCOME_BY_STATUS = {
    201: Outcome.CREATED,
    400: Outcome.INVALID,
    401: Outcome.UNAUTHENTICATED,
    403: Outcome.FORBIDDEN,
    404: Outcome.NOT_FOUND,
    405: Outcome.INVALID,
    409: Outcome.CONFLICT,
    429: Outcome.RATE_LIMITED,
}


def _refuse_key(request: HttpRequest, code: str, message: str) -> ApiError:
    """401, or 429 once the address has sent too many bad keys (counted per address)."""
    wait = rate_limit_hit(
        request,
        scope="api-bad-key",
        key=client_address(request),
        limits=settings.API_BAD_KEY_RATE_LIMITS,
    )
    if wait:
        return ApiError(
            429,
            "rate_limited",
            _("Too many requests with a wrong key. Wait and try again."),
            retry_after=wait,
        )
    return ApiError(401, code, message)


def integration_key_verify(request: HttpRequest, raw: str) -> IntegrationKey:
    """The valid key the request carries; raises ApiError (401 or 429) otherwise."""
    parsed = integration_key_parse(raw)
    if parsed is None:
        raise _refuse_key(request, "key_malformed", _("The integration key is not valid."))
    prefix, secret = parsed
    request.api_key_prefix = prefix
    key = IntegrationKey.objects.filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.secret_digest, secret_digest(secret)):
        raise _refuse_key(request, "key_invalid", _("The integration key is not valid."))
    if key.is_revoked:
        raise _refuse_key(request, "key_revoked", _("The integration key has been revoked."))
    wait = rate_limit_hit(request, scope="api-key", key=prefix, limits=settings.API_RATE_LIMITS)
    if wait:
        raise ApiError(
            429,
            "rate_limited",
            _("Too many requests with this key. Wait and try again."),
            retry_after=wait,
        )
    integration_key_touch(key=key)
    return key


class IntegrationKeyAuth(HttpBearer):
    """``Authorization: Bearer kmp_<id>_<secret>``. Unlike ninja's own, it never logs the
    header's value, and says why a key was refused."""

    def __call__(self, request: HttpRequest) -> IntegrationKey | None:
        scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None  # ninja answers 401 key_missing through the handler
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> IntegrationKey:
        return integration_key_verify(request, token)


key_auth = IntegrationKeyAuth()


def key_for_notes(request: HttpRequest) -> IntegrationKey:
    key: IntegrationKey = request.auth
    if not key.may_create_notes:
        raise ApiError(403, "scope", _("This key may not record notes."))
    return key


def key_for_reading(request: HttpRequest) -> IntegrationKey:
    key: IntegrationKey = request.auth
    if not key.may_read:
        raise ApiError(403, "scope", _("This key may not read insights or actions."))
    return key


def key_units(key: IntegrationKey) -> list[Unit]:
    """The key's active units, with their service areas."""
    return list(key.units.filter(is_active=True).select_related("service_area").order_by("name"))


def audit_note(request: HttpRequest, **fields) -> None:
    """What the view wants in its audit row (unit_ids, note_id, outcome)."""
    request.api_audit = {**getattr(request, "api_audit", {}), **fields}


def audited(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Router decorator (mode "view": around ninja's whole run, authentication included):
    after the call, whatever its outcome, one row in the call log with the key, the
    operation, the units and the status."""
    operation = getattr(run, "__self__", None)
    name = operation.view_func.__name__ if operation is not None else run.__name__

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = run(request, *args, **kwargs)
        key = getattr(request, "auth", None)
        key = key if isinstance(key, IntegrationKey) else None
        notes = getattr(request, "api_audit", {})
        status = response.status_code
        default = Outcome.READ if status < 300 else _OUTCOME_BY_STATUS.get(status, Outcome.ERROR)
        integration_call_record(
            key=key,
            key_prefix=key.prefix if key else getattr(request, "api_key_prefix", ""),
            operation=name,
            method=request.method or "",
            status_code=status,
            outcome=notes.get("outcome", default),
            unit_ids=notes.get("unit_ids", ()),
            note_id=notes.get("note_id"),
        )
        return response

    return wrapper
