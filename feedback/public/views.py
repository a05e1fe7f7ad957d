"""The public "you said, we did" pages: no login, language-prefixed, cached per language."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from encounters.models import ServiceArea, Unit
from feedback.models import Action, Theme
from feedback.notes.qr import receipt_qr_svg

from .cache import public_page
from .selectors import action_last_published_at, action_list_public

PAGE_SIZE = 10
POSTER_ENTRIES = 4


def language_links(request: HttpRequest) -> list[tuple[str, str, str, bool]]:
    """The same page in each language, as links: cached pages carry no CSRF token."""
    current = get_language()
    return [
        (code, name, translate_url(request.get_full_path(), code), code == current)
        for code, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"))
    ]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _listing(
    request: HttpRequest,
    *,
    title: str,
    area: ServiceArea | None = None,
    unit: Unit | None = None,
    feed_url: str = "",
    organisation: bool = False,
) -> HttpResponse:
    area_id = area.pk if area else _int(request.GET.get("area"))
    unit_id = unit.pk if unit else _int(request.GET.get("unit"))
    theme = request.GET.get("theme", "")[:80]
    actions = action_list_public(
        area_id=area_id, unit_id=unit_id, theme=theme, organisation=organisation
    )
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": title,
        "area": area,
        "unit": unit,
        "page": page,
        "filters": {"area": area_id, "unit": unit_id, "theme": theme},
        "areas": ServiceArea.objects.order_by("name") if not area and not unit else [],
        "units": (
            Unit.objects.filter(
                is_active=True, **({"service_area": area} if area else {})
            ).order_by("name")
            if not unit
            else []
        ),
        "themes": Theme.objects.filter(is_active=True).order_by("position", "name"),
        "query": query.urlencode(),
        "last_updated": action_last_published_at(),
        "feed_url": feed_url,
        "organisation": organisation,
        "language_links": language_links(request),
    }
    return render(request, "public/listing.html", context)


@require_GET
@public_page
def public_home(request: HttpRequest) -> HttpResponse:
    """The latest changes across the organisation."""
    return _listing(request, title=_("You said, we did"), feed_url=reverse("public_feed"))


@require_GET
@public_page
def public_organisation(request: HttpRequest) -> HttpResponse:
    """Changes for the whole organisation: answers to matters raised in several areas."""
    return _listing(request, title=_("Changes for the whole organisation"), organisation=True)


@require_GET
@public_page
def public_area(request: HttpRequest, slug: str) -> HttpResponse:
    area = ServiceArea.objects.filter(slug=slug).first()
    if area is None:
        raise Http404
    return _listing(request, title=area.display_name, area=area)


def _unit(slug: str) -> Unit:
    unit = Unit.objects.filter(slug=slug, is_active=True).select_related("service_area").first()
    if unit is None:
        raise Http404
    return unit


@require_GET
@public_page
def public_unit(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    return _listing(
        request,
        title=unit.display_name,
        unit=unit,
        feed_url=reverse("public_unit_feed", kwargs={"slug": slug}),
    )


@require_GET
@public_page
def public_poster(request: HttpRequest, slug: str) -> HttpResponse:
    """An A4 waiting-room poster: the unit's latest changes and a QR code to its page."""
    unit = _unit(slug)
    url = request.build_absolute_uri(reverse("public_unit", kwargs={"slug": slug}))
    return render(
        request,
        "public/poster.html",
        {
            "unit": unit,
            "actions": action_list_public(unit_id=unit.pk)[:POSTER_ENTRIES],
            "qr_svg": receipt_qr_svg(url),
            "unit_url": url,
            "language_links": language_links(request),
        },
    )


class ActionFeed(Feed):
    """Atom feed of published actions, for the organisation or one unit."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str | None = None):
        return _unit(slug) if slug else None

    def title(self, obj) -> str:
        name = obj.display_name if obj else _("the wellbeing services county")
        return _("You said, we did: %(name)s") % {"name": name}

    def link(self, obj) -> str:
        return reverse("public_unit", kwargs={"slug": obj.slug}) if obj else reverse("home")

    def subtitle(self, obj) -> str:
        return _("What we changed because of clients' feedback, and what we cannot change now.")

    def items(self, obj):
        return action_list_public(unit_id=obj.pk if obj else None)[:20]

    def item_title(self, item: Action) -> str:
        return item.title

    def item_description(self, item: Action) -> str:
        if item.status == "not_possible":
            return f"{item.justification}\n\n{item.instead}"
        return item.text

    def item_link(self, item: Action) -> str:
        if item.is_organisation_wide:
            return reverse("public_organisation") + f"#entry-{item.pk}"
        if item.unit_id:
            return reverse("public_unit", kwargs={"slug": item.unit.slug}) + f"#entry-{item.pk}"
        return reverse("public_area", kwargs={"slug": item.service_area.slug}) + (
            f"#entry-{item.pk}"
        )

    def item_pubdate(self, item: Action):
        return item.published_at

    def item_updateddate(self, item: Action):
        return item.updated_at


public_feed = public_page(ActionFeed())
