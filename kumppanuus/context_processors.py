from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from encounters.selectors import user_roles
from feedback.insights.grouping import analyser
from feedback.insights.suggestions.selectors import suggestion_count_open_for_manager


def session_timeout(request: HttpRequest) -> dict:
    """Idle-time figures for the warning banner in base.html (staff pages only)."""
    return {
        "session_idle_seconds": settings.SESSION_IDLE_MINUTES * 60,
        "session_warning_seconds": settings.SESSION_WARNING_MINUTES * 60,
    }


def navigation(request: HttpRequest) -> dict:
    """The user's roles for the main navigation, queried only when a page shows it."""
    user = getattr(request, "user", None)
    return {
        "nav": SimpleLazyObject(lambda: user_roles(user=user) if user else {}),
        # Open suggestions of the job, shown on the workspace link to managers only.
        "suggestions_open": SimpleLazyObject(
            lambda: {"count": suggestion_count_open_for_manager(user=user) if user else 0}
        ),
        "analyser": SimpleLazyObject(
            lambda: {"name": analyser.analyser_name(), "full": analyser.analyser_is_full()}
        ),
    }
