"""The shapes of the API's JSON, from which the OpenAPI description is generated.

Input schemas only type the JSON (and keep ids and slugs to safe characters); the rules of
a note are the capture form's, so their enums and limits appear here as documentation and
are enforced there, with its translated messages.
"""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from encounters.models import Channel
from feedback.models import (
    CLIENT_TEXT_MAX_LENGTH,
    OBSERVATION_MAX_LENGTH,
    ActionStatus,
    InsightScope,
    InsightStatus,
    NoteKind,
)

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,80}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


class ErrorDetail(Schema):
    field: str = Field(description="The field, or empty for the request as a whole.")
    code: str
    message: str


class Error(Schema):
    code: str = Field(
        description="Stable: key_missing, key_malformed, key_invalid, key_revoked, scope, "
        "unit_forbidden, invalid, identity_code, privacy_confirm, malformed, not_found, "
        "idempotency_conflict, rate_limited, server_error."
    )
    message: str = Field(description="For people, in the language of the request.")
    errors: list[ErrorDetail] = []
    privacy_flags: list[str] = Field(
        default=[],
        description="What the privacy guard found (phone, email, address, name): resend "
        "with confirm_privacy true once the worker has checked the text.",
    )


def _document_note_rules(schema: dict) -> None:
    """The capture form's choices and limits, written into the description."""
    properties = schema["properties"]
    properties["channel"]["enum"] = list(Channel.values)
    properties["kind"]["enum"] = list(NoteKind.values)
    properties["client_text"]["maxLength"] = CLIENT_TEXT_MAX_LENGTH
    properties["worker_observation"]["maxLength"] = OBSERVATION_MAX_LENGTH


class NoteIn(Schema):
    unit: str = Field(
        pattern=SLUG_PATTERN, description="The unit's slug: one of the key's units (GET /key)."
    )
    channel: str = Field(description="How the worker met the client.", examples=["clinic"])
    kind: str = Field(description="The kind of note.", examples=["idea"])
    client_text: str = Field(description="What the client said, in their own words.")
    worker_observation: str = Field(
        default="", description="The worker's own view, kept apart from the client's words."
    )
    language: str = Field(
        default="fi",
        description="The language the client spoke: fi, sv or en.",
        examples=["sv"],
    )
    themes: list[Slug] = Field(
        default=[], max_length=50, description="Theme slugs (GET /key lists them)."
    )
    may_publish: bool = Field(
        default=False, description="The client allows it to be shown anonymously."
    )
    wants_receipt: bool = Field(
        default=False, description="The client wants a receipt code to follow the note."
    )
    confirm_privacy: bool = Field(
        default=False,
        description="The worker has checked the personal details the guard found (phone, "
        "e-mail, address, name) and they may stay. An identity code is never accepted.",
    )

    model_config = {
        "json_schema_extra": _document_note_rules,
    }


class NoteReceipt(Schema):
    note_id: int
    created: bool = Field(description="False when the idempotency key was already used.")
    status: str
    receipt_code: str | None = Field(description="Give this to the client; shown only here.")
    receipt_url: str | None = Field(description="The page the receipt's QR code opens.")
    qr_svg: str | None = Field(description="The QR code of receipt_url as an SVG element.")


class Named(Schema):
    code: str = Field(description="The slug.")
    name: str = Field(description="In the language of the request (Finnish as fallback).")


class Choice(Schema):
    code: str
    name: str


class KeyInfo(Schema):
    name: str
    key_id: str
    may_create_notes: bool
    may_read: bool
    units: list[Named]
    themes: list[Choice]
    kinds: list[Choice]
    channels: list[Choice]


class Texts(Schema):
    fi: str
    sv: str
    en: str


class InsightOut(Schema):
    id: int
    title: str
    status: str = Field(json_schema_extra={"enum": list(InsightStatus.values)})
    scope: str = Field(json_schema_extra={"enum": list(InsightScope.values)})
    service_area: Named
    unit: Named | None
    matter: Named | None
    note_count: int
    recent_count: int = Field(description="Notes in the last 30 days.")
    previous_count: int = Field(description="Notes in the 30 days before.")
    kinds: dict[str, int]
    themes: dict[str, int]
    channels: dict[str, int]
    first_note_at: datetime | None
    last_note_at: datetime | None
    reviewed_at: datetime | None
    summary: Texts


class InsightPage(Schema):
    count: int
    page: int
    pages: int
    items: list[InsightOut]


class ActionOut(Schema):
    id: int
    status: str = Field(json_schema_extra={"enum": list(ActionStatus.values)})
    service_area: Named
    unit: Named | None
    title: Texts
    text: Texts
    constraint_category: str
    justification: Texts
    instead: Texts
    due_date: date
    done_at: datetime | None
    quick_change: bool
    published_at: datetime | None
    insight_ids: list[int]
    created_at: datetime
    updated_at: datetime


class ActionPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ActionOut]
