"""The client's receipt page: no login, only the receipt code.

Every answer about a code is private (no-store, noindex, no referrer) and never logged
with its path: Django's request logger would print ``/r/<code>`` for a 404 or 429, so
the responses are marked as logged. Unknown, withdrawn and malformed codes get the same
page and status, and every lookup is rate-limited per client address.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from feedback.models import CLOSED_STATUSES, STATUS_FOR_CLIENT, Note
from feedback.notes.receipts import receipt_code_display, receipt_code_normalise
from feedback.notes.selectors import note_find_by_receipt, note_similar_count
from feedback.privacy.guard import privacy_mask

from . import services
from .forms import ReceiptLookupForm, SubscribeForm, WithdrawForm
from .ratelimit import client_address, rate_limit_hit
from .selectors import action_public_for_note

SIMILAR_SHOWN_FROM = 5


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Django's request logger would print the path, and with it the code.
    response._has_been_logged = True
    return response


def _limited(request: HttpRequest) -> HttpResponse | None:
    wait = rate_limit_hit(
        request,
        scope="receipt",
        key=client_address(request),
        limits=settings.RECEIPT_RATE_LIMITS,
    )
    if not wait:
        return None
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(wait)
    return response


def _unknown(request: HttpRequest) -> HttpResponse:
    """The one answer for a code that is unknown, withdrawn or malformed."""
    return render(
        request, "feedback/receipt_unknown.html", {"form": ReceiptLookupForm()}, status=404
    )


def _receipt_page(
    request: HttpRequest,
    note: Note,
    *,
    raw_code: str,
    withdraw_form: WithdrawForm | None = None,
    subscribe_form: SubscribeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    code = receipt_code_normalise(raw_code) or ""
    events = list(note.events.all())
    similar = note_similar_count(note=note)
    context = {
        "note": note,
        "code": code,
        "code_display": receipt_code_display(code) if code else "",
        "client_text": privacy_mask(note.client_text),
        "timeline": [(event.created_at, STATUS_FOR_CLIENT[event.status]) for event in events],
        "status_text": STATUS_FOR_CLIENT[note.status],
        "similar_count": similar,
        "similar_few": similar < SIMILAR_SHOWN_FROM,
        "closed_statuses": CLOSED_STATUSES,
        "outcome": action_public_for_note(note=note),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "subscribe_form": subscribe_form or SubscribeForm(),
    }
    return render(request, "feedback/receipt.html", context, status=status)


@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    """``/r/<code>``, the QR target; in the language of the client's browser or choice.

    Only GET: the page's forms post the code in their body to the lookup URL, so that no
    POST path (which CSRF and error logging print) ever holds a code.
    """
    limited = _limited(request)
    if limited:
        return _private(limited)
    note = note_find_by_receipt(raw_code=code)
    if note is None:
        return _private(_unknown(request))
    return _private(_receipt_page(request, note, raw_code=code))


def _receipt_action(request: HttpRequest, note: Note, code: str, action: str) -> HttpResponse:
    if action == "withdraw":
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return _receipt_page(request, note, raw_code=code, withdraw_form=form, status=400)
        services.note_withdraw(note=note)
        return redirect("receipt_withdrawn")
    if action == "subscribe":
        form = SubscribeForm(request.POST)
        if not form.is_valid():
            return _receipt_page(request, note, raw_code=code, subscribe_form=form, status=400)
        services.status_subscription_create(
            note=note, email=form.cleaned_data["email"], language=get_language() or "fi"
        )
        messages.success(
            request, _("Thank you. We will tell you by e-mail when the status changes.")
        )
        return redirect("receipt", code=code)
    if action == "unsubscribe":
        services.status_subscriptions_delete(note=note)
        messages.success(request, _("We will not send you e-mails about this feedback any more."))
        return redirect("receipt", code=code)
    return HttpResponseBadRequest(_("Unknown action."))


@require_http_methods(["GET", "POST"])
def receipt_lookup(request: HttpRequest) -> HttpResponse:
    """The form to type a receipt code in; its answer is the receipt page itself.

    The receipt page's own forms (withdraw, subscribe, unsubscribe) post here too, with
    the code in a hidden field and their choice in ``action``.
    """
    if request.method == "GET":
        return _private(
            render(request, "feedback/receipt_lookup.html", {"form": ReceiptLookupForm()})
        )
    limited = _limited(request)
    if limited:
        return _private(limited)
    raw_code = request.POST.get("code", "")
    note = note_find_by_receipt(raw_code=raw_code)
    if note is None:
        return _private(_unknown(request))
    action = request.POST.get("action", "")
    if action:
        code = receipt_code_normalise(raw_code) or ""
        return _private(_receipt_action(request, note, code, action))
    return _private(_receipt_page(request, note, raw_code=raw_code))


def receipt_withdrawn(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "feedback/receipt_withdrawn.html"))
