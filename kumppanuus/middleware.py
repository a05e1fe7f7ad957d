import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import empty
from django.utils.translation import gettext as _

from . import outages
from .postgresql.base import request_deadline


class LimitRequestSizeMiddleware:
    """Refuse a request body larger than the view allows before anything reads it.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE raises only when the form is parsed, which
    would be a bare 400; this answers 413 with a translated page. It runs as a view
    middleware placed before CSRF, so the limit is checked before the body is parsed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = getattr(view_func, "max_request_body_bytes", settings.MAX_REQUEST_BODY_BYTES)
        if length > limit:
            response = TemplateResponse(request, "413.html", status=413)
            response.render()
            return response
        return None


# Control characters (NUL first: PostgreSQL refuses it in any text) and Unicode
# noncharacters, which no one types and XML cannot hold.
_HOSTILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff]")


class HostileQueryMiddleware:
    """Answer 400 with the translated page to a query string holding control characters.

    Every view reads its query parameters as text and may filter the database with them;
    a NUL would reach PostgreSQL and end in a 500. Nobody types these characters, so the
    request is refused whole, before any view sees it (the API answers in its own JSON
    shape). Form fields refuse them with a field error: Django's CharField and
    validate_plain_text.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        values = [request.path, *request.GET.keys()]
        values += [value for _key, items in request.GET.lists() for value in items]
        values += [str(value) for value in view_kwargs.values()]
        if any(_HOSTILE.search(value) for value in values):
            if request.path.startswith("/api/"):
                from feedback.api.errors import ApiError, error_response

                return error_response(
                    ApiError(
                        400,
                        "invalid",
                        _("The request is not valid. Check the fields listed in errors."),
                        errors=[
                            {
                                "field": name,
                                "code": "control_characters",
                                "message": _("The request could not be handled"),
                            }
                            for name in request.GET
                            if _HOSTILE.search(name)
                            or any(_HOSTILE.search(value) for value in request.GET.getlist(name))
                        ],
                    )
                )
            response = TemplateResponse(request, "400.html", status=400)
            response.render()
            return response
        return None


class ServiceUnavailableMiddleware:
    """A deadline on the request's database round trips, and 503 when a service is out.

    The deadline (DATABASE_REQUEST_TIMEOUT) covers every middleware after this one and the
    view (kumppanuus/postgresql/base.py). A view that meets an unavailable database or Redis
    answers the translated 503 page with Retry-After (kumppanuus/outages.py); errors raised
    in other middleware reach the same page through handler500 (kumppanuus/views.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_deadline(settings.DATABASE_REQUEST_TIMEOUT):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        return outages.response_for(exception)


class StaffNoStoreMiddleware:
    """Every page a logged-in staff member gets carries Cache-Control: no-store.

    Staff pages show what clients said (capture, a note, the saved page with the receipt
    code): no browser cache, shared device or proxy may keep a copy. Placed after
    AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # Only a user the request already loaded (every staff view does): loading it here
        # would cost a query on public pages, and fail again when the database is out.
        if user is not None and getattr(user, "_wrapped", None) is not empty:
            if user.is_authenticated:
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
        return response
