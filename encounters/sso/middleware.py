import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.deprecation import MiddlewareMixin
from mozilla_django_oidc.middleware import SessionRefresh

from .selectors import sso_enabled
from .views import is_sso_session

# Pages a session past its re-check may still reach: signing in and out, and plumbing.
EXEMPT_URL_NAMES = {
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "sso_signed_out",
    "login",
    "logout",
    "healthz",
    "set_language",
}


def _setting(name: str) -> property:
    return property(lambda self: getattr(settings, name))


class SingleSignOnMiddleware(SessionRefresh):
    """Re-checks a single sign-on session with the provider, and lets forms reach it.

    Once the re-check is due (OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS after the last sign-in,
    by default the session idle limit), the next page load of the user goes through the
    provider without a prompt (prompt=none) and back to the page: the callback recomputes the
    roles from the groups, and a user the provider no longer signs in is signed out. Unlike
    the library, a form post goes through it too (its draft stays on the device) and a
    background request gets 403, so nothing is done with a session the provider may have
    ended. Sessions that signed in with a password are left alone.

    Every page's Content-Security-Policy form-action also names the provider, since signing
    out (a form post) and a re-check after a post are redirected there.
    """

    def __init__(self, get_response) -> None:
        # The library reads its settings once here; they are read per request instead, so
        # that changed settings (the tests' loopback provider) apply without a restart.
        MiddlewareMixin.__init__(self, get_response)

    OIDC_OP_AUTHORIZATION_ENDPOINT = _setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_RP_CLIENT_ID = _setting("OIDC_RP_CLIENT_ID")
    OIDC_RP_SCOPES = _setting("OIDC_RP_SCOPES")
    OIDC_AUTHENTICATION_CALLBACK_URL = _setting("OIDC_AUTHENTICATION_CALLBACK_URL")
    OIDC_USE_NONCE = True
    OIDC_STATE_SIZE = 32
    OIDC_NONCE_SIZE = 32

    def process_request(self, request: HttpRequest) -> None:
        return None  # decided in process_view, which knows the URL's name

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not self.is_refreshable_url(request):
            return None
        if request.session.get("oidc_id_token_expiration", 0) > time.time():
            return None
        navigation = request.headers.get("Sec-Fetch-Mode", "navigate") == "navigate"
        if not navigation or request.headers.get("X-Requested-With") == "XMLHttpRequest":
            return JsonResponse({"error": "sign_in_recheck_due"}, status=403)
        return SessionRefresh.process_request(self, request)

    def is_refreshable_url(self, request: HttpRequest) -> bool:
        match = request.resolver_match
        return (
            sso_enabled()
            and request.user.is_authenticated
            and is_sso_session(request)
            and not (match and match.url_name in EXEMPT_URL_NAMES)
        )

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if sso_enabled():
            origins = sorted(
                {
                    "{0.scheme}://{0.netloc}".format(urlsplit(url))
                    for url in (
                        settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
                        settings.OIDC_OP_LOGOUT_ENDPOINT,
                    )
                    if url
                }
            )
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
