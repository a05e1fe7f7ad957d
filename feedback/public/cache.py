"""The public pages' cache: whole pages per language and path, dropped on every publish.

A version number in the cache makes invalidation one write: publishing bumps it, and
every page cached under the old number is simply never read again (and expires).

A page is keyed on its path and the filters it understands, normalised (PAGE_PARAMS);
any other query parameter is ignored, so that a made-up query string neither makes a new
cache entry nor misses the cached page. A page is stored only when the view used exactly
the filters asked for (public_page_params_used): a filter naming no real area, unit or
theme, or a page number past the last, is answered but never cached.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# Redis out or hung: the pages are made from the database instead of answering 503. The
# outage itself is logged once by kumppanuus.cache, which raises these.
CACHE_DOWN = (RedisConnectionError, RedisTimeoutError)

_VERSION_KEY = "public-pages:version"
PAGE_SECONDS = 10 * 60


def public_cache_invalidate() -> None:
    """Called after a publish, unpublish or a published action's change. With Redis out
    there is nothing to invalidate: the pages are not cached then."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, timeout=None)
    except CACHE_DOWN:
        return


def public_cache_version() -> int:
    """The current version, for other caches of public content (the public API's)."""
    return _version()


def _version() -> int:
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, 1, timeout=None)
        version = cache.get(_VERSION_KEY, 1)
    return version


def _int(value: str | None) -> int | None:
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number and 0 < number < 2**31 else None


def _page(value: str | None) -> int | None:
    number = _int(value)
    return number if number and number > 1 else None


def _theme(value: str | None) -> str | None:
    return (value or "")[:80] or None


# The query parameters the public pages understand, each to its normal form.
PAGE_PARAMS: dict[str, Callable[[str | None], object]] = {
    "area": _int,
    "page": _page,
    "theme": _theme,
    "unit": _int,
}


def public_page_params(request: HttpRequest) -> dict[str, object]:
    """The normalised filters of the request: unknown parameters and empty values dropped."""
    params = {name: normal(request.GET.get(name)) for name, normal in PAGE_PARAMS.items()}
    return {name: value for name, value in params.items() if value is not None}


def public_page_params_used(request: HttpRequest, **params: object) -> None:
    """A view tells the cache which filters it applied (None: ignored or not real)."""
    request.public_page_params_used = {
        name: value for name, value in params.items() if value is not None
    }


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a public GET page for anonymous visitors, per language and full path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        asked = public_page_params(request)
        try:
            query = urlencode(sorted(asked.items()))
            page = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
            key = f"public-pages:{_version()}:{get_language()}:{page}"
            cached = cache.get(key)
        except CACHE_DOWN:
            key, cached = None, None
        if cached is not None:
            content, content_type, status = cached
            response = HttpResponse(content, content_type=content_type, status=status)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            used = getattr(request, "public_page_params_used", {})
            if response.status_code == 200 and key is not None and used == asked:
                try:
                    cache.set(
                        key,
                        (response.content, response["Content-Type"], response.status_code),
                        PAGE_SECONDS,
                    )
                except CACHE_DOWN:
                    pass
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        patch_cache_control(response, public=True, max_age=60)
        return response

    return wrapper
