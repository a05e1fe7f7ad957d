from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class LimitRequestSizeMiddleware:
    """Refuse a request body larger than MAX_REQUEST_BODY_BYTES before anything reads it.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE raises only when the form is parsed, which
    would be a 400 without our page; this answers 413 with a translated page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            # File uploads (CSV imports) stream to disk; their other fields stay bounded
            # by DATA_UPLOAD_MAX_MEMORY_SIZE.
            limit = settings.MAX_UPLOAD_BODY_BYTES
        if length > limit:
            response = TemplateResponse(request, "413.html", status=413)
            response.render()
            return response
        return self.get_response(request)
