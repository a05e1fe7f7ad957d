import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unavailable")
        return False


def _broker_ok() -> bool:
    from kumppanuus.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.warning("health check: broker unavailable")
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers: 200 when everything configured answers."""
    checks = {"database": "ok" if _database_ok() else "error"}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = "ok" if _broker_ok() else "error"
    else:
        checks["broker"] = "not configured"
    healthy = "error" not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def home(request: HttpRequest) -> HttpResponse:
    """Staff start on the capture page; anyone else is asked to log in."""
    return redirect("feedback:capture")


def bench_hello(request: HttpRequest) -> HttpResponse:
    """The bench's baseline: the whole middleware stack and nothing else.

    Routed only when BENCH_HELLO is set (by `make bench`); checked again here so that a
    stray route can never answer in production.
    """
    if not settings.BENCH_HELLO:
        raise Http404
    return HttpResponse("hello", content_type="text/plain")


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Saavutettavuusseloste, as the Act on the Provision of Digital Services requires."""
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )


def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any other address under /api/: the API's JSON 404 rather than the HTML page."""
    return JsonResponse({"code": "not_found", "message": _("Not found."), "errors": []}, status=404)
