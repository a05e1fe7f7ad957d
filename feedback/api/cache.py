"""Cached public answers, as the public pages are cached: whole bodies per language and
full path, under a version that every publish bumps (feedback.public.cache), with an ETag
so that a client holding the answer gets a 304 without the body.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language, override

from feedback.public.cache import CACHE_DOWN, PAGE_SECONDS, public_cache_version

LANGUAGES = ("fi", "sv", "en")
BROWSER_SECONDS = 60


def api_language(lang: str | None) -> str:
    """?lang= when given, else the language LocaleMiddleware took from Accept-Language."""
    if lang in LANGUAGES:
        return lang
    current = (get_language() or "fi")[:2]
    return current if current in LANGUAGES else "fi"


def cached_answer(
    request: HttpRequest,
    *,
    lang: str | None,
    build: Callable[[], tuple[bytes, str]],
    namespace: str = "public-api",
    version: int | str | None = None,
    seconds: int = PAGE_SECONDS,
) -> HttpResponse:
    """The answer of build() (content, content type) for this path and language, from the
    cache when it is there. The version defaults to the public pages' one. With Redis out
    the answer is built from the database, as the public pages are."""
    language = api_language(lang)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    try:
        version = public_cache_version() if version is None else version
        key = f"{namespace}:{version}:{language}:{path}"
        cached = cache.get(key)
    except CACHE_DOWN:
        key, cached = None, None
    if cached is None:
        with override(language):
            content, content_type = build()
        etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        cached = (content, content_type, etag)
        if key is not None:
            try:
                cache.set(key, cached, seconds)
            except CACHE_DOWN:
                pass
    content, content_type, etag = cached
    match = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in match or "*" in match:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    return response
