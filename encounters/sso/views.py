"""Sign-in pages: the login page, the start and end of single sign-on, sign-out."""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .forms import LocalLoginForm
from .selectors import sso_enabled
from .services import SignInRefused

logger = logging.getLogger(__name__)

SSO_BACKEND = "encounters.sso.backends.SignInServiceBackend"
# The language the sign-in started in: the callback's URL has none (it is registered at the
# provider as one fixed address).
LANGUAGE_SESSION_KEY = "sso_language"
# What a provider answers a silent re-check (prompt=none) with when its own session ended.
SIGN_IN_AGAIN_ERRORS = {
    "login_required",
    "interaction_required",
    "consent_required",
    "account_selection_required",
}


def is_sso_session(request: HttpRequest) -> bool:
    return request.session.get(auth.BACKEND_SESSION_KEY) == SSO_BACKEND


class SignInView(auth_views.LoginView):
    """The login page: the provider's button, and the password form where it is allowed."""

    form_class = LocalLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enabled = sso_enabled()
        context.update(
            sso_enabled=enabled,
            provider_name=settings.OIDC_PROVIDER_NAME,
            # With passwords off, the form is for the break-glass admin (?local) and shows
            # its refusal after a post.
            show_password_form=(
                settings.LOCAL_LOGIN
                or not enabled
                or "local" in self.request.GET
                or context["form"].is_bound
            ),
        )
        return context


class SignInStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with state, nonce and a PKCE challenge."""

    def get(self, request):
        if not sso_enabled():
            raise Http404
        request.session[LANGUAGE_SESSION_KEY] = translation.get_language()
        return super().get(request)


class SignInCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a signed-in user on the page they asked for, or a translated
    page saying why not, and no session."""

    def get(self, request):
        if not sso_enabled():
            raise Http404
        language = request.session.get(LANGUAGE_SESSION_KEY)
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        self.next_url = request.session.get("oidc_login_next")
        # RFC 9207: an answer naming another issuer is a mix-up (or an attack).
        if request.GET.get("iss", settings.OIDC_ISSUER) != settings.OIDC_ISSUER:
            return self.refuse(SignInRefused.INVALID, "iss parameter of another issuer")
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return self.refuse(refusal.reason, str(refusal))
        except SuspiciousOperation as error:
            return self.refuse(SignInRefused.INVALID, str(error))
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            reason = SignInRefused.INVALID if 400 <= status < 500 else SignInRefused.UNAVAILABLE
            return self.refuse(reason, f"token endpoint answered {status}")
        except requests.RequestException as error:
            return self.refuse(SignInRefused.UNAVAILABLE, type(error).__name__)

    def login_failure(self):
        error = self.request.GET.get("error")
        if error in SIGN_IN_AGAIN_ERRORS:
            # A re-check found the provider's session ended (or the user removed there).
            auth.logout(self.request)
            messages.info(self.request, _("Your sign-in has ended. Sign in again."))
            return redirect_to_login(self.next_url or reverse(settings.LOGIN_REDIRECT_URL))
        if error:
            return self.refuse(SignInRefused.CANCELLED, f"provider error {error[:40]!r}")
        return self.refuse(SignInRefused.INVALID, "no sign-in of this browser to finish")

    def refuse(self, reason: str, detail: str) -> HttpResponse:
        logger.warning("single sign-on refused (%s): %s", reason, detail)
        auth.logout(self.request)
        status = 503 if reason == SignInRefused.UNAVAILABLE else 403
        return render(
            self.request, "registration/sign_in_failed.html", {"reason": reason}, status=status
        )


def _provider_logout_url(request: HttpRequest) -> str | None:
    """Where to end the session at the provider too (RP-initiated logout), if anywhere."""
    if not (sso_enabled() and settings.OIDC_OP_LOGOUT_ENDPOINT and is_sso_session(request)):
        return None
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("sso_signed_out")),
        # Echoed back to sso_signed_out, which has no language in its fixed address.
        "state": translation.get_language(),
    }
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Ends the session here and, after single sign-on, at the provider."""
    provider_logout = _provider_logout_url(request)
    auth.logout(request)
    return redirect(provider_logout or settings.LOGOUT_REDIRECT_URL)


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where the provider returns after its sign-out: the login page, in the user's language."""
    language = request.GET.get("state")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
    messages.info(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)
