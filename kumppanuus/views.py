import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from encounters.selectors import managed_unit_ids
from feedback.insights.grouping.analyser import analyser_name

from . import outages

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    """SELECT 1 within the request's database deadline (a hung server fails it too)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        outages.database_outage.failed(error)
        return False


def _cache_ok() -> bool:
    """PING the cache's Redis, past the cache's fail-fast guard, with its socket timeouts."""
    outage = outages.redis_outage(settings.REDIS_URL)
    try:
        cache._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001
        outage.failed(error)
        return False
    outage.succeeded()
    return True


def _broker_ok() -> bool:
    from kumppanuus.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.REDIS_TIMEOUT)
        return True
    except Exception as error:  # noqa: BLE001
        outages.redis_outage(settings.CELERY_BROKER_URL).failed(error)
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for load balancers: 200 when everything configured answers.

    503 as soon as the database or Redis is down or hung: each check is bounded by the
    timeouts in settings (DATABASE_REQUEST_TIMEOUT, REDIS_TIMEOUT), so this answers within
    seconds whatever hangs.
    """
    checks = {"database": "ok" if _database_ok() else "error"}
    if settings.REDIS_URL:
        checks["cache"] = "ok" if _cache_ok() else "error"
    if not settings.CELERY_BROKER_URL:
        checks["broker"] = "not configured"
    elif settings.CELERY_BROKER_URL == settings.REDIS_URL:
        checks["broker"] = checks["cache"]  # the same server: one probe, one timeout
    else:
        checks["broker"] = "ok" if _broker_ok() else "error"
    healthy = "error" not in checks.values()
    # Not a check: which text analyser grouping runs ("fallback" groups fewer notes; the
    # README says what to install for the full one).
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **checks, "analyser": analyser_name()},
        status=200 if healthy else 503,
    )
    # Load balancers probe every few seconds: the outage is logged once, not per probe.
    response._has_been_logged = True
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unavailable database or Redis is a 503 with Retry-After, not a 500.

    Views' errors are turned into 503 by ServiceUnavailableMiddleware already; this catches
    those raised in other middleware (the session, the user) on their way to a 500.
    """
    response = outages.response_for(sys.exc_info()[1]) if sys.exc_info()[1] else None
    return response or defaults.server_error(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Managers start on their workspace, at what waits for them; workers on the capture
    page. Anyone else logs in first and comes back here, so that the role decides where
    they land (the address in the README and the public footer is this one)."""
    if managed_unit_ids(user=request.user):
        return redirect(reverse("feedback:insights") + "?waiting=on")
    return redirect("feedback:capture")


def bench_hello(request: HttpRequest) -> HttpResponse:
    """The bench's baseline: the whole middleware stack and nothing else.

    Routed only when BENCH_HELLO is set (by `make bench`); checked again here so that a
    stray route can never answer in production.
    """
    if not settings.BENCH_HELLO:
        raise Http404
    return HttpResponse("hello", content_type="text/plain")


_FLOOR_ENCOUNTER: dict[int, int] = {}


@login_required
@require_POST
def bench_floor(request: HttpRequest) -> HttpResponse:
    """The bench's floor for the capture: the least a logged-in save of a note can cost.

    The project's whole middleware (session, CSRF, authentication), one INSERT of a note
    into one encounter made once per process, and a redirect. `make bench` reports the
    capture's throughput as a ratio to this. Routed and answering only with BENCH_HELLO.
    """
    if not settings.BENCH_HELLO:
        raise Http404
    from encounters.models import Channel, Encounter
    from feedback.models import Note, NoteKind

    unit_id = int(request.POST["unit"])
    encounter_id = _FLOOR_ENCOUNTER.get(unit_id)
    if encounter_id is None:
        encounter_id = Encounter.objects.create(
            unit_id=unit_id, worker=request.user, channel=Channel.PHONE, occurred_at=timezone.now()
        ).pk
        _FLOOR_ENCOUNTER[unit_id] = encounter_id
    Note.objects.create(
        encounter_id=encounter_id,
        unit_id=unit_id,
        author=request.user,
        kind=NoteKind.IDEA,
        client_text=request.POST.get("client_text", ""),
    )
    return redirect("feedback:capture")


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


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, reading the page's address in the page's own language.

    `/i18n/setlang/` has no language prefix, so LocaleMiddleware activates the browser's
    language, and Django then cannot resolve a `next` address in another language
    (`/fi/...` while the browser says Swedish) and sends the user back unchanged. The
    address's own prefix is the language to read it in.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    language = translation.get_language_from_path(next_url)
    if not language:
        return django_set_language(request)
    with translation.override(language):
        return django_set_language(request)
