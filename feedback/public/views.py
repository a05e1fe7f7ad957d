"""The public "you said, we did" pages: no login, language-prefixed, cached per language."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from encounters.models import ServiceArea, Unit
from feedback.models import Action, Theme
from feedback.notes.qr import receipt_qr_svg

from .cache import PAGE_PARAMS, public_page, public_page_params_used
from .selectors import action_last_published_at, action_list_public

PAGE_SIZE = 10
POSTER_ENTRIES = 4


def language_links(request: HttpRequest, query: str = "") -> list[tuple[str, str, str, bool]]:
    """The same page in each language, as links: cached pages carry no CSRF token.

    Only the page's real filters (`query`) go into the links: the page is cached for
    every query string that has the same ones."""
    current = get_language()
    path = request.path + (f"?{query}" if query else "")
    return [
        (code, name, translate_url(path, code), code == current)
        for code, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English"))
    ]


_int = PAGE_PARAMS["unit"]


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
    areas = list(ServiceArea.objects.order_by("name")) if not area and not unit else []
    units = (
        list(
            Unit.objects.filter(
                is_active=True, **({"service_area": area} if area else {})
            ).order_by("name")
        )
        if not unit
        else []
    )
    themes = list(Theme.objects.filter(is_active=True).order_by("position", "name"))
    # The filters as applied, only real ones: the cache keys on them, the links keep them.
    filters = {
        "area": area_id if not area and area_id in {item.pk for item in areas} else None,
        "unit": unit_id if not unit and unit_id in {item.pk for item in units} else None,
        "theme": theme if theme in {item.slug for item in themes} else None,
    }
    public_page_params_used(request, **filters, page=page.number if page.number > 1 else None)
    query = QueryDict(mutable=True)
    query.update({name: value for name, value in filters.items() if value is not None})
    context = {
        "title": title,
        "area": area,
        "unit": unit,
        "page": page,
        "filters": {"area": area_id, "unit": unit_id, "theme": theme},
        "areas": areas,
        "units": units,
        "themes": themes,
        "query": query.urlencode(),
        "last_updated": action_last_published_at(),
        "feed_url": feed_url,
        "organisation": organisation,
        "language_links": language_links(request, query.urlencode()),
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


class PlainTextAtomFeed(Atom1Feed):
    """Atom with each entry's summary as plain text (type="text"), not HTML.

    Django writes <summary type="html">, so a feed reader would run whatever markup an
    action's text holds ("<svg/onload=...>"); the texts are plain, and so is the feed.
    """

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ActionFeed(Feed):
    """Atom feed of published actions, for the organisation or one unit."""

    feed_type = PlainTextAtomFeed

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
