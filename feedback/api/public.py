"""The public read API: "you said, we did" as data, Open311-style, no key needed.

Services are the service areas and units ("area:<slug>", "unit:<slug>"); requests are the
published actions with what clients said (the insights' public summaries and how many
people, "fewer than 5" below the floor). Never a note. In fi/sv/en (?lang= or
Accept-Language), cached like the public pages and dropped on every publish, with ETags.
"""

from typing import Annotated, Literal

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from encounters.models import ServiceArea, Unit
from feedback.models import Action, ActionStatus, ConstraintCategory
from feedback.public.selectors import action_list_public

from .cache import cached_answer
from .errors import ApiError, not_found
from .paging import Page, page_of
from .schemas import SLUG_PATTERN, Choice, Error

router = Router(tags=["Public: you said, we did"])

# ?lang=: the language of the answer; without it, Accept-Language decides.
Lang = Annotated[
    Literal["fi", "sv", "en"] | None,
    Query(description="fi, sv or en; without it, Accept-Language decides."),
]
SERVICE_CODE_PATTERN = r"^((unit|area):[-a-zA-Z0-9_]{1,80}|organisation)$"
FEWER_THAN = 5  # the public pages' floor: "fewer than 5 people said this"
CLOSED = {ActionStatus.DONE, ActionStatus.NOT_POSSIBLE}
ID_MAX = 2**63 - 1
JSON = "application/json"


class Service(Schema):
    service_code: str = Field(description="area:<slug> or unit:<slug>")
    service_name: str
    type: Literal["area", "unit"]
    group: str | None = Field(description="The service area of a unit.")
    area_code: str | None = Field(description="service_code of the unit's service area.")
    description: str
    url: str = Field(description="The public page.")


class YouSaid(Schema):
    summaries: list[str] = Field(description="What clients said, as a manager summed it up.")
    people: int | None = Field(description="How many notes led to it; null when fewer than 5.")
    people_text: str
    said_from: str | None = Field(description="Month (YYYY-MM) of the first note.")
    said_to: str | None = Field(description="Month (YYYY-MM) of the latest note.")


class TextLanguages(Schema):
    title: str
    description: str
    status_notes: str
    instead: str


class ServiceRequest(Schema):
    service_request_id: int
    service_code: str
    service_name: str
    status: Literal["open", "closed"]
    action_status: str = Field(json_schema_extra={"enum": list(ActionStatus.values)})
    status_name: str
    title: str
    description: str = Field(description="What we do (or did).")
    status_notes: str = Field(description="Why not, when the change is not possible now.")
    instead: str = Field(description="What we do instead, when it is not possible now.")
    reason: Choice | None = Field(description="The kind of reason it is not possible now.")
    languages: TextLanguages = Field(
        description="The language of each text: Finnish when no translation was written."
    )
    you_said: YouSaid
    quick_change: bool
    done_on: str | None = Field(description="Date (YYYY-MM-DD) the change was done.")
    published_datetime: str
    updated_datetime: str
    url: str


class RequestPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ServiceRequest]


def _absolute(request: HttpRequest, path: str) -> str:
    base = settings.PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    return f"{base}{path}"


def _month(value) -> str | None:
    return value.strftime("%Y-%m") if value else None


def _people_text(people: int | None) -> str:
    if people is None or people < FEWER_THAN:
        return _("Fewer than 5 people said this")
    return _("About %(count)s people said this") % {"count": people}


def _service_request(request: HttpRequest, action: Action) -> dict:
    place = action.unit or action.service_area
    kind = "unit" if action.unit_id else "area"
    page = "public_unit" if action.unit_id else "public_area"
    if place is None:  # organisation-wide: shown in every service area its matter reaches
        code, name, url = (
            "organisation",
            _("The whole organisation"),
            reverse("public_organisation"),
        )
    else:
        code, name = f"{kind}:{place.slug}", place.display_name
        url = reverse(page, kwargs={"slug": place.slug})
    not_possible = action.status == ActionStatus.NOT_POSSIBLE
    people = action.people if action.people and action.people >= FEWER_THAN else None
    return {
        "service_request_id": action.pk,
        "service_code": code,
        "service_name": name,
        "status": "closed" if action.status in CLOSED else "open",
        "action_status": action.status,
        "status_name": str(ActionStatus(action.status).label),
        "title": action.title,
        "description": "" if not_possible else action.text,
        "status_notes": action.justification if not_possible else "",
        "instead": action.instead if not_possible else "",
        "reason": (
            {
                "code": action.constraint_category,
                "name": str(ConstraintCategory(action.constraint_category).label),
            }
            if not_possible and action.constraint_category in ConstraintCategory.values
            else None
        ),
        "languages": {
            "title": action.title_language,
            "description": action.text_language,
            "status_notes": action.justification_language,
            "instead": action.instead_language,
        },
        "you_said": {
            "summaries": [
                insight.public_summary
                for insight in action.insights.all()
                if insight.public_summary
            ],
            "people": people,
            "people_text": _people_text(action.people),
            "said_from": _month(action.said_from),
            "said_to": _month(action.said_to),
        },
        "quick_change": action.quick_change,
        "done_on": action.done_at.date().isoformat() if action.done_at else None,
        "published_datetime": action.published_at.isoformat(),
        "updated_datetime": action.updated_at.isoformat(),
        "url": _absolute(request, url) + f"#entry-{action.pk}",
    }


def _place(service_code: str) -> dict:
    """The filter of action_list_public for a service code; 404 for an unknown one."""
    kind, _colon, slug = service_code.partition(":")
    if kind == "organisation":
        return {"organisation": True}
    if kind == "unit":
        unit = Unit.objects.filter(slug=slug, is_active=True).values_list("pk", flat=True).first()
        if unit is None:
            raise not_found()
        return {"unit_id": unit}
    area = ServiceArea.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if area is None:
        raise not_found()
    return {"area_id": area}


def _json(schema: type[Schema], data: dict) -> tuple[bytes, str]:
    return schema.model_validate(data).model_dump_json().encode(), JSON


PUBLIC_ANSWERS = {304: None, 400: Error}


@router.get(
    "/services",
    response={200: list[Service], **PUBLIC_ANSWERS},
    operation_id="public_service_list",
    summary="Services: service areas and units",
)
def service_list(request: HttpRequest, lang: Lang = None):
    """The service areas and active units that publish "you said, we did"."""

    def build() -> tuple[bytes, str]:
        areas = list(ServiceArea.objects.order_by("name"))
        units = Unit.objects.filter(is_active=True).select_related("service_area")
        services = [
            {
                "service_code": f"area:{area.slug}",
                "service_name": area.display_name,
                "type": "area",
                "group": None,
                "area_code": None,
                "description": _(
                    "What we changed because of clients' feedback, and what we cannot change now."
                ),
                "url": _absolute(request, reverse("public_area", kwargs={"slug": area.slug})),
            }
            for area in areas
        ] + [
            {
                "service_code": f"unit:{unit.slug}",
                "service_name": unit.display_name,
                "type": "unit",
                "group": unit.service_area.display_name,
                "area_code": f"area:{unit.service_area.slug}",
                "description": _(
                    "What we changed because of clients' feedback, and what we cannot change now."
                ),
                "url": _absolute(request, reverse("public_unit", kwargs={"slug": unit.slug})),
            }
            for unit in units.order_by("name")
        ]
        content = b"[" + b",".join(_json(Service, item)[0] for item in services) + b"]"
        return content, JSON

    return cached_answer(request, lang=lang, build=build)


def _requests(**filters) -> QuerySet[Action]:
    return action_list_public(**filters)


@router.get(
    "/requests",
    response={200: RequestPage, 404: Error, **PUBLIC_ANSWERS},
    operation_id="public_request_list",
    summary="Requests: published actions",
)
def request_list(
    request: HttpRequest,
    service_code: str | None = Query(
        None,
        pattern=SERVICE_CODE_PATTERN,
        description="area:<slug>, unit:<slug> or organisation (organisation-wide actions)",
    ),
    theme: str | None = Query(None, pattern=SLUG_PATTERN, description="A theme's slug."),
    page: Page = 1,
    lang: Lang = None,
):
    """Published actions, latest first; 50 a page. A unit's list includes the actions for
    its whole service area, as its public page does."""

    def build() -> tuple[bytes, str]:
        filters = _place(service_code) if service_code else {}
        counts, rows = page_of(_requests(theme=theme or "", **filters), page)
        return _json(
            RequestPage,
            {**counts, "items": [_service_request(request, action) for action in rows]},
        )

    return cached_answer(request, lang=lang, build=build)


@router.get(
    "/requests/{request_id}",
    response={200: ServiceRequest, 404: Error, **PUBLIC_ANSWERS},
    operation_id="public_request_detail",
    summary="One published action",
)
def request_detail(request: HttpRequest, request_id: int, lang: Lang = None):
    """One published action; an unpublished or unknown one answers 404."""
    if not 0 < request_id <= ID_MAX:
        raise ApiError(404, "not_found", _("Not found."))

    def build() -> tuple[bytes, str]:
        action = _requests().filter(pk=request_id).first()
        if action is None:
            raise not_found()
        return _json(ServiceRequest, _service_request(request, action))

    return cached_answer(request, lang=lang, build=build)
