"""Sign-in URLs. The callback and the return from sign-out have one fixed address each (no
language prefix): they are registered at the provider."""

from django.urls import path

from . import views

# Under /oidc/, outside the language prefix.
urlpatterns = [
    path("callback/", views.SignInCallbackView.as_view(), name="oidc_authentication_callback"),
    path("signed-out/", views.signed_out, name="sso_signed_out"),
]

# Inside the language prefix (/fi/login/ ...).
i18n_urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/sso/", views.SignInStartView.as_view(), name="oidc_authentication_init"),
    path("logout/", views.sign_out, name="logout"),
]
