"""A note sent by another system, through the very rules of the capture page.

The JSON becomes the data of feedback.notes.forms.CaptureForm (validation, the privacy
guard, the confirmation of personal details) and is saved by note_create (idempotency,
receipt code, the aggregation hook): whatever those learn, the API learns too.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from encounters.models import Unit
from feedback.models import IntegrationCall, IntegrationKey, Note, NoteLanguage
from feedback.notes.forms import ACTION_SAVE, CaptureForm
from feedback.notes.qr import receipt_qr_svg
from feedback.notes.receipts import ALPHABET, CODE_LENGTH, receipt_code_display, receipt_code_hash
from feedback.notes.selectors import theme_list_active
from feedback.notes.services import CaptureToken

from .auth import audit_note, key_units
from .errors import ApiError


@dataclass(frozen=True)
class ApiCapture:
    note: Note
    created: bool
    receipt_code: str | None


def _stored_key(key: IntegrationKey, idempotency_key: str) -> str:
    """The encounter's idempotency key: the caller's own, kept apart per integration key
    (two systems may pick the same one) and hashed to fit the column."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"api:{key.pk}:{digest[:40]}"


def _receipt_code(key: IntegrationKey, idempotency_key: str) -> str:
    """The receipt code of this call, the same for every repeat of it.

    Codes are stored only as an HMAC, so a repeated call could not show the first one's
    code if it were random. Derived with a secret from the key and the idempotency key,
    it is as unguessable as a random one to anyone without RECEIPT_CODE_KEY.
    """
    digest = salted_hmac(
        "feedback.api.receipt-code",
        f"{key.pk}:{idempotency_key}",
        secret=settings.RECEIPT_CODE_KEY,
        algorithm="sha256",
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(CODE_LENGTH))


def _form_errors(form: CaptureForm) -> ApiError:
    errors = [
        {
            "field": "" if field == "__all__" else field,
            "code": item.get("code") or "invalid",
            "message": item["message"],
        }
        for field, items in form.errors.get_json_data().items()
        for item in items
    ]
    codes = {error["code"] for error in errors}
    if "identity_code" in codes:
        code = "identity_code"
    elif codes == {"privacy_confirm"}:
        code = "privacy_confirm"
    else:
        code = "invalid"
    message = (
        errors[0]["message"]
        if code == "privacy_confirm"
        else _("The note was not saved. Check the fields listed in errors.")
    )
    return ApiError(400, code, message, errors=errors, privacy_flags=form.privacy_flags)


def _unit_for_key(request: HttpRequest, key: IntegrationKey, slug: str) -> tuple[Unit, list]:
    units = key_units(key)
    unit = next((unit for unit in units if unit.slug == slug), None)
    if unit is None:
        other = Unit.objects.filter(slug=slug).values_list("pk", flat=True).first()
        audit_note(request, unit_ids=[other] if other else [])
        raise ApiError(403, "unit_forbidden", _("This key may not record notes for this unit."))
    audit_note(request, unit_ids=[unit.pk])
    return unit, units


def note_capture_from_api(
    *, request: HttpRequest, key: IntegrationKey, data: dict, idempotency_key: str
) -> ApiCapture:
    """Validate the JSON with the capture form and save it with note_create.

    A repeated idempotency key returns the first note and its code, without a second note.
    """
    unit, units = _unit_for_key(request, key, data.get("unit") or "")
    slugs = list(dict.fromkeys(data.get("themes") or []))
    theme_ids = dict(theme_list_active().filter(slug__in=slugs).values_list("slug", "pk"))
    token = CaptureToken(
        key=_stored_key(key, idempotency_key),
        receipt_code=_receipt_code(key, idempotency_key),
    )
    form = CaptureForm(
        {
            "unit": unit.pk,
            "channel": data.get("channel") or "",
            "kind": data.get("kind") or "",
            "client_text": data.get("client_text") or "",
            "worker_observation": data.get("worker_observation") or "",
            "language": data.get("language") or NoteLanguage.FI,
            # An unknown slug stays as it is, and the form refuses it as it refuses any
            # theme not on its list.
            "themes": [str(theme_ids.get(slug, slug)) for slug in slugs],
            "may_publish": bool(data.get("may_publish")),
            "wants_receipt": bool(data.get("wants_receipt")),
            "confirm_privacy": bool(data.get("confirm_privacy")),
            "token": token.dumps(),
        },
        units=units,
        action=ACTION_SAVE,
    )
    if not form.is_valid():
        raise _form_errors(form)
    try:
        result = form.note_create(worker=key.account)
    except PermissionError:
        result = None
    if result is None or result.note is None:
        raise ApiError(409, "idempotency_conflict", _("This idempotency key is already used."))
    note = result.note
    code = token.receipt_code
    has_code = note.has_receipt and receipt_code_hash(code) == note.receipt_hash
    audit_note(
        request,
        unit_ids=[note.unit_id],
        note_id=note.pk,
        outcome=IntegrationCall.Outcome.CREATED
        if result.created
        else IntegrationCall.Outcome.REPLAYED,
    )
    return ApiCapture(note=note, created=result.created, receipt_code=code if has_code else None)


def receipt_links(request: HttpRequest, code: str) -> dict:
    """The receipt code as the client reads it, the address its QR code opens, the QR."""
    base = settings.PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    url = f"{base}/r/{code}"
    return {
        "receipt_code": receipt_code_display(code),
        "receipt_url": url,
        "qr_svg": receipt_qr_svg(url),
    }
