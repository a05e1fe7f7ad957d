"""HTTP helpers for views: request body limits."""

from collections.abc import Callable


def max_body_size(limit: int) -> Callable:
    """Let one view accept a larger request body than MAX_REQUEST_BODY_BYTES (file uploads).

    kumppanuus.middleware.LimitRequestSizeMiddleware reads the limit from the view.
    """

    def decorate(view_func: Callable) -> Callable:
        view_func.max_request_body_bytes = limit
        return view_func

    return decorate
