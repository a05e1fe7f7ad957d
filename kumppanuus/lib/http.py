"""HTTP helpers for views: request body limits and the client's address."""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest


def max_body_size(limit: int) -> Callable:
    """Let one view accept a larger request body than MAX_REQUEST_BODY_BYTES (file uploads).

    kumppanuus.middleware.LimitRequestSizeMiddleware reads the limit from the view.
    """

    def decorate(view_func: Callable) -> Callable:
        view_func.max_request_body_bytes = limit
        return view_func

    return decorate


def client_ip(request: HttpRequest) -> str:
    """The client's address, taken from the one source that can be trusted.

    Used for every per-client limit: the receipt page's rate limit and django-axes's login
    lock-out (AXES_CLIENT_IP_CALLABLE). With TRUSTED_PROXY_COUNT = 0 gunicorn faces the
    clients and REMOTE_ADDR is theirs. Behind proxies, REMOTE_ADDR is the nearest proxy
    (nginx: 127.0.0.1 for everyone), and each proxy appends the address it received the
    request from to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for). So the entry
    TRUSTED_PROXY_COUNT places from the right is the address the outermost proxy saw;
    whatever stands left of it came from the client and may be forged. A request with
    fewer entries did not pass the proxies (or is malformed): REMOTE_ADDR, as for one
    with an entry that is not an address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
