from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from feedback import public_views, receipt_views

from . import views
from .forms import LoginForm

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The QR target on receipt slips, short and without a language: the page answers in
    # the language of the client's browser or their choice. The access log must not print
    # this path (gunicorn.conf.py redacts it).
    path("r/<path:code>", receipt_views.receipt, name="receipt"),
]

urlpatterns += i18n_patterns(
    path("", public_views.public_home, name="home"),
    path("area/<slug:slug>/", public_views.public_area, name="public_area"),
    path("unit/<slug:slug>/", public_views.public_unit, name="public_unit"),
    path("unit/<slug:slug>/feed/", public_views.public_feed, name="public_unit_feed"),
    path("unit/<slug:slug>/poster/", public_views.public_poster, name="public_poster"),
    path("feed/", public_views.public_feed, name="public_feed"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("work/", views.home, name="staff_home"),
    path("work/", include("feedback.urls")),
    path("work/reports/", include("reports.urls")),
    path("receipt/", receipt_views.receipt_lookup, name="receipt_lookup"),
    path("receipt/withdrawn/", receipt_views.receipt_withdrawn, name="receipt_withdrawn"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler500 = "kumppanuus.views.server_error"

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", views.bench_hello, name="bench_hello"))
