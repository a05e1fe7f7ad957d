from django.conf import settings
from django.http import HttpRequest


def session_timeout(request: HttpRequest) -> dict:
    """Idle-time figures for the warning banner in base.html (staff pages only)."""
    return {
        "session_idle_seconds": settings.SESSION_IDLE_MINUTES * 60,
        "session_warning_seconds": settings.SESSION_WARNING_MINUTES * 60,
    }
