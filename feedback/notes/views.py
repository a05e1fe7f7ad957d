"""Workers' pages: capture a note, see it saved with its receipt code, list notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from encounters.access import get_in_scope_or_404, member_units_or_403
from encounters.models import Membership, Unit
from encounters.openers import opener_candidates, opener_next
from encounters.selectors import encounter_last_for_worker, unit_ids_for_user, unit_list_for_user
from feedback.models import Note, NoteAccess
from feedback.privacy.audit import note_access_record

from . import services
from .forms import (
    ACTION_NOTHING_TO_ADD,
    ACTION_NOTHING_TO_ADD_CONFIRMED,
    ACTION_SAVE,
    CaptureForm,
    note_language_default,
)
from .qr import receipt_qr_svg
from .receipts import receipt_code_display, receipt_code_hash
from .selectors import (
    note_count_led_to_change,
    note_count_led_to_change_this_month,
    note_list_for_author,
    note_list_for_unit,
    note_visible_to_user,
    reflection_latest_for_member,
)

PAGE_SIZE = 20
RECEIPT_COOKIE_SALT = "feedback.receipt-cookie"
RECEIPT_COOKIE_MAX_AGE = 30 * 60
# Fresh capture tokens in the page: a note saved on the phone while the network is down
# keeps its own idempotency key, and the next one takes a spare. Each comes with its
# receipt code, which the page shows when a note is saved on the phone.
SPARE_TOKENS = 5


def _receipt_cookie_name(note_id: int) -> str:
    return f"receipt_{note_id}"


def _get_note_for_user(request: HttpRequest, pk: int) -> Note:
    """A note the user may read: their own, or one of their units'. Anything else is 404."""
    return get_in_scope_or_404(
        note_visible_to_user(user=request.user).prefetch_related("themes"), pk=pk
    )


def _get_unit_for_member(request: HttpRequest, unit_id: int) -> Unit:
    """One of the user's units; any other is 404."""
    return get_in_scope_or_404(
        Unit.objects.filter(pk__in=unit_ids_for_user(user=request.user)).select_related(
            "service_area"
        ),
        pk=unit_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_capture(request: HttpRequest) -> HttpResponse:
    """ "Uusi kirjaus": record what a client says, or that they had nothing to add."""
    # Loaded once: the form checks the chosen unit against this list without a query.
    units = member_units_or_403(user=request.user)

    confirm_nothing_to_add = False
    if request.method == "POST":
        action = request.POST.get("action", ACTION_SAVE)
        confirmed = action == ACTION_NOTHING_TO_ADD_CONFIRMED
        if confirmed:
            action = ACTION_NOTHING_TO_ADD
        if action not in {ACTION_SAVE, ACTION_NOTHING_TO_ADD}:
            return HttpResponseBadRequest(_("Unknown action."))
        form = CaptureForm(request.POST, units=units, action=action)
        if form.is_valid():
            # Typed words are never thrown away without a word: ask first (the page's
            # script asks in a dialog; this is the step without it).
            if action == ACTION_NOTHING_TO_ADD and not confirmed and form.has_words():
                confirm_nothing_to_add = True
            else:
                return _capture_save(request, form, action)
    else:
        last = encounter_last_for_worker(user=request.user)
        initial = {
            "token": services.capture_token_new().dumps(),
            "language": note_language_default(),
        }
        if last and any(unit.pk == last.unit_id for unit in units):
            initial.update(unit=last.unit_id, channel=last.channel)
        elif len(units) == 1:
            initial["unit"] = units[0].pk
        form = CaptureForm(initial=initial, units=units)
    openers, opener = _capture_openers(request, form, units)
    if opener and not form.is_bound:
        form.initial["opener"] = opener.pk
    return render(
        request,
        "feedback/capture.html",
        {
            "form": form,
            "single_unit": units[0] if len(units) == 1 else None,
            "confirm_nothing_to_add": confirm_nothing_to_add,
            "token_receipt_code": _token_receipt_code(form),
            "spare_tokens": [
                {"token": token.dumps(), "code": token.receipt_code_display}
                for token in (services.capture_token_new() for _ in range(SPARE_TOKENS))
            ],
            "openers": openers,
            "opener": opener,
            "opener_language": _client_language(form),
        },
    )


def _token_receipt_code(form: CaptureForm) -> str:
    """The receipt code inside the form's capture token, grouped; empty for a forged token.

    The page's script shows it when the note is saved on the phone with the network down:
    it is the code the note gets once it reaches the server.
    """
    token = services.capture_token_load(form["token"].value() or "")
    return token.receipt_code_display if token else ""


def _client_language(form: CaptureForm) -> str:
    """The language the opener is shown in: the client's, as chosen on the form."""
    chosen = form["language"].value()
    return chosen if chosen in {"fi", "sv", "en"} else note_language_default()


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _capture_openers(request: HttpRequest, form: CaptureForm, units: list[Unit]):
    """The openers taking turns for the form's unit, and the one to show.

    "Another opener" works without JavaScript as ?after=<the one shown>; with it, the page
    turns through the same list without a reload. A form sent back with errors keeps the
    opener that was shown.
    """
    unit_id = _int_or_none(form["unit"].value())
    unit = next((unit for unit in units if unit.pk == unit_id), units[0])
    openers = opener_candidates(unit=unit, channel=form["channel"].value())
    if form.is_bound:
        posted = _int_or_none(form["opener"].value())
        shown = next((opener for opener in openers if opener.pk == posted), None)
        return openers, shown
    return openers, opener_next(candidates=openers, after=_int_or_none(request.GET.get("after")))


def _capture_save(request: HttpRequest, form: CaptureForm, action: str) -> HttpResponse:
    data = form.cleaned_data
    token = form.capture_token
    try:
        if action == ACTION_NOTHING_TO_ADD:
            services.encounter_record_nothing_to_add(
                worker=request.user,
                unit=data["unit"],
                channel=data["channel"],
                token=token,
                opener=data["opener"],
            )
            messages.success(request, _("Recorded: the client was asked and had nothing to add."))
            return redirect("feedback:capture")
        result = form.note_create(worker=request.user)
    except PermissionError:
        raise Http404 from None
    if result.note is None:
        # The token was first used for "nothing to add"; nothing more to show.
        return redirect("feedback:capture")
    response = redirect("feedback:saved", pk=result.note.pk)
    if result.note.has_receipt:
        response.set_signed_cookie(
            _receipt_cookie_name(result.note.pk),
            token.receipt_code,
            salt=RECEIPT_COOKIE_SALT,
            max_age=RECEIPT_COOKIE_MAX_AGE,
            path="/",  # the saved page in any language (the language switcher changes the path)
            secure=request.is_secure(),
            httponly=True,
            samesite="Strict",
        )
    return response


@login_required
def note_saved(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation after saving, with the receipt code and its QR code when there is one.

    The code is not stored anywhere but in a short-lived signed cookie set by the save;
    it is shown only if it matches the note's stored HMAC.
    """
    note = _get_note_for_user(request, pk)
    if note.author_id != request.user.pk:
        raise Http404
    code = None
    if note.has_receipt:
        try:
            candidate = request.get_signed_cookie(
                _receipt_cookie_name(note.pk),
                salt=RECEIPT_COOKIE_SALT,
                max_age=RECEIPT_COOKIE_MAX_AGE,
            )
        except (KeyError, signing.BadSignature):
            candidate = None
        if candidate and receipt_code_hash(candidate) == note.receipt_hash:
            code = candidate
    context = {"note": note, "code_display": None, "qr_svg": None}
    if code:
        url = request.build_absolute_uri(f"/r/{code}")
        context.update(
            code_display=receipt_code_display(code), qr_svg=receipt_qr_svg(url), receipt_url=url
        )
    return render(request, "feedback/saved.html", context)


@login_required
def note_list_own(request: HttpRequest) -> HttpResponse:
    """ "Omat kirjaukset": the worker's own notes, newest first."""
    page = Paginator(note_list_for_author(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    note_access_record(user=request.user, purpose=NoteAccess.Purpose.OWN_LIST, notes=page)
    return render(
        request,
        "feedback/note_list_own.html",
        {
            "page": page,
            "changed_count": note_count_led_to_change(user=request.user),
            "changed_this_month": note_count_led_to_change_this_month(user=request.user),
            "reflections": reflection_latest_for_member(user=request.user),
        },
    )


@login_required
def note_list_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's notes, for its members."""
    unit = _get_unit_for_member(request, unit_id)
    page = Paginator(note_list_for_unit(unit_id=unit.pk), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    note_access_record(user=request.user, purpose=NoteAccess.Purpose.UNIT_LIST, notes=page)
    return render(request, "feedback/note_list_unit.html", {"unit": unit, "page": page})


@login_required
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = _get_note_for_user(request, pk)
    note_access_record(user=request.user, purpose=NoteAccess.Purpose.DETAIL, notes=[note])
    return render(request, "feedback/note_detail.html", {"note": note, "events": note.events.all()})


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The user's units with their note counts, as the way into each unit's notes."""
    units = (
        unit_list_for_user(user=request.user)
        .select_related("service_area")
        .annotate(
            note_count=Count("notes", distinct=True),
            manager=Count(
                "memberships",
                filter=Q(memberships__user=request.user, memberships__role=Membership.Role.MANAGER),
                distinct=True,
            ),
        )
    )
    return render(
        request,
        "feedback/unit_list.html",
        {"units": units, "manages_units": any(unit.manager for unit in units)},
    )


@login_required
@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """Touched by the idle warning's "continue" button; saving the session renews it."""
    request.session.modified = True
    return HttpResponse(status=204)
