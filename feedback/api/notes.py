"""The patient-record system's "client feedback" button: record a note, and what to offer.

Key-authenticated, outside CSRF (no cookies), every call in the call log. There is no way
to read a note here: the only answer about a note is the receipt of the one just sent.
"""

from django.http import HttpRequest
from ninja import Header, Router
from ninja.responses import Status

from encounters.models import Channel
from feedback.models import NoteKind
from feedback.notes.selectors import theme_list_active

from .auth import audit_note, audited, key_auth, key_for_notes, key_units
from .capture import note_capture_from_api, receipt_links
from .schemas import Error, KeyInfo, NoteIn, NoteReceipt

router = Router(tags=["Patient-record systems"], auth=key_auth)
router.add_decorator(audited, mode="view")

REFUSALS = {400: Error, 401: Error, 403: Error, 429: Error}


@router.get(
    "/key",
    response={200: KeyInfo, **REFUSALS},
    operation_id="key_info",
    summary="What this key may do",
)
def key_info(request: HttpRequest):
    """The calling key: what it may do, its units, and the choices a note offers.

    A patient-record system builds its feedback dialog from this: units, themes, kinds
    of note and channels, with their names in the language of the request.
    """
    key = request.auth
    units = key_units(key)
    audit_note(request, unit_ids=[unit.pk for unit in units])
    return {
        "name": key.name,
        "key_id": key.prefix,
        "may_create_notes": key.may_create_notes,
        "may_read": key.may_read,
        "units": [{"code": unit.slug, "name": unit.display_name} for unit in units],
        "themes": [
            {"code": theme.slug, "name": theme.display_name} for theme in theme_list_active()
        ],
        "kinds": [{"code": value, "name": str(label)} for value, label in NoteKind.choices],
        "channels": [{"code": value, "name": str(label)} for value, label in Channel.choices],
    }


@router.post(
    "/notes",
    response={201: NoteReceipt, 200: NoteReceipt, 409: Error, **REFUSALS},
    operation_id="note_create",
    summary="Record a client's note",
)
def note_create(
    request: HttpRequest,
    payload: NoteIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Unique per note, chosen by the caller (a UUID will do). Sending it "
        "again returns the first note and its receipt code instead of a second note.",
    ),
):
    """Record what a client said, as the capture page does (201).

    The same validation, privacy guard and receipt code as "Uusi kirjaus": an identity
    code is refused (400 identity_code); a phone number, e-mail or street address needs
    the worker's confirmation (400 privacy_confirm, then resend with confirm_privacy).
    A repeated Idempotency-Key answers 200 with the first note and the same receipt code.
    """
    key = key_for_notes(request)
    capture = note_capture_from_api(
        request=request, key=key, data=payload.model_dump(), idempotency_key=idempotency_key
    )
    body = {
        "note_id": capture.note.pk,
        "created": capture.created,
        "status": capture.note.status,
        "receipt_code": None,
        "receipt_url": None,
        "qr_svg": None,
    }
    if capture.receipt_code:
        body.update(receipt_links(request, capture.receipt_code))
    return Status(201 if capture.created else 200, body)
