"""Authentication backends: the provider's ID token, and local passwords (if allowed)."""

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .selectors import sso_enabled
from .services import SignInRefused, user_sign_in

logger = logging.getLogger(__name__)

# Claims of the token itself, not of the person; the userinfo answer never overrides them.
TOKEN_CLAIMS = {"iss", "aud", "azp", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "sid"}


def local_login_allowed(username: str | None) -> bool:
    """Passwords are for everyone while LOCAL_LOGIN is on, else only for LOCAL_LOGIN_USERS."""
    return settings.LOCAL_LOGIN or (username or "") in settings.LOCAL_LOGIN_USERS


class LocalPasswordBackend(ModelBackend):
    """Django's user name and password check, refused to anyone LOCAL_LOGIN leaves out.

    A refused name still costs one password hash, so the answer's timing does not tell which
    names are on the break-glass list; django-axes counts the failure like any other.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None  # not a password sign-in (the provider's callback)
        if not local_login_allowed(username):
            get_user_model()().set_password(password)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class SignInServiceBackend(OIDCAuthenticationBackend):
    """The user an OpenID Connect callback proves, or an exception saying why not.

    Called by the callback view only (with the nonce it kept). A token that fails any check
    raises SuspiciousOperation and a refused user SignInRefused, both handled by the view;
    neither reaches django-axes, which guards the password form (the provider guards its own).
    """

    def authenticate(self, request, **kwargs):
        if (
            not sso_enabled()
            or request is None
            or "nonce" not in kwargs
            or request.path != reverse(settings.OIDC_AUTHENTICATION_CALLBACK_URL)
        ):
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """Signature by the provider's key, then issuer, audience, expiry and nonce.

        The library checks the signature and nonce only, and lets PyJWT's expiry error escape.
        """
        nonce = kwargs.get("nonce")
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation("ID token is not a JWT") from error
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {algorithm!r}")
        key = self.retrieve_matching_jwk(token)
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {type(error).__name__}") from error
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences, authorised party not us")
        if self.get_settings("OIDC_USE_NONCE", True) and payload.get("nonce") != nonce:
            raise SuspiciousOperation("ID token nonce does not match this sign-in")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint when there is one.

        Entra ID sends groups only in the ID token; Keycloak in both. The userinfo answer
        must be about the same subject (OpenID Connect Core 5.3.2).
        """
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise SuspiciousOperation("userinfo is about another subject")
            claims.update({k: v for k, v in userinfo.items() if k not in TOKEN_CLAIMS})
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        # The library turns a SuspiciousOperation from here into a silent None.
        try:
            claims = self.get_userinfo(access_token, id_token, payload)
        except SuspiciousOperation as error:
            raise SignInRefused(SignInRefused.INVALID, str(error)) from error
        return user_sign_in(issuer=payload["iss"], claims=claims)
