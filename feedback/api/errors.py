"""Every refusal of the API as one JSON shape: a stable code, a translated message.

Views raise ApiError; the handlers installed on the NinjaAPI turn it, and whatever ninja or
Django raise for bad input, into the same JSON. Nothing here logs a request body.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """A refusal with its HTTP status, a machine-readable code and a message for people."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        errors: list[dict] | None = None,
        privacy_flags: list[str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []
        self.privacy_flags = privacy_flags or []
        self.retry_after = retry_after


def error_response(error: ApiError) -> JsonResponse:
    body = {"code": error.code, "message": str(error.message), "errors": error.errors}
    if error.privacy_flags:
        body["privacy_flags"] = error.privacy_flags
    response = JsonResponse(body, status=error.status)
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kumppanuus"'
    response["Cache-Control"] = "no-store"
    return response


def not_found() -> ApiError:
    return ApiError(404, "not_found", _("Not found."))


def _validation_errors(errors: list[dict]) -> list[dict]:
    """Ninja's pydantic errors as {field, code, message}; the field path without values."""
    result = []
    for item in errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("payload",)]
        result.append(
            {
                "field": ".".join(location),
                "code": str(item.get("type", "invalid")),
                "message": str(item.get("msg", "")),
            }
        )
    return result


def install_error_handlers(api: NinjaAPI) -> None:
    """JSON errors for everything an API call can run into; never a 500 for bad input."""

    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(exc)

    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(
            ApiError(
                400,
                "invalid",
                _("The request is not valid. Check the fields listed in errors."),
                errors=_validation_errors(exc.errors),
            )
        )

    def authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            ApiError(
                401,
                "key_missing",
                _("Send the integration key in the header: Authorization: Bearer <key>."),
            )
        )

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja's own: a body it cannot parse (400), a refused throttle (429) and the like.
        if exc.status_code == 400:
            return error_response(
                ApiError(400, "malformed", _("The request body is not valid JSON."))
            )
        return error_response(ApiError(exc.status_code, "refused", _("The request was refused.")))

    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(not_found())

    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(ApiError(403, "forbidden", _("This key may not do this.")))

    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("api error operation=%s", request.path)
        return error_response(
            ApiError(500, "server_error", _("Something went wrong on our side. Try again."))
        )

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(AuthenticationError, authentication)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(Exception, unexpected)
