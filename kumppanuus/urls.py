from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from encounters.sso import urls as sso_urls
from feedback.public import receipt_views

from . import views
from .api import api, api_docs

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The QR target on receipt slips, short and without a language: the page answers in
    # the language of the client's browser or their choice. The access log must not print
    # this path (gunicorn.conf.py redacts it).
    path("r/<path:code>", receipt_views.receipt, name="receipt"),
    # Single sign-on's fixed addresses, registered at the provider.
    path("oidc/", include(sso_urls)),
    # The Integration API and its OpenAPI description; JSON, no language prefix.
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    re_path(r"^api/", views.api_not_found),
]

urlpatterns += i18n_patterns(
    path("", include("feedback.public.urls")),
    *sso_urls.i18n_urlpatterns,
    path("work/", views.home, name="staff_home"),
    path("work/", include("feedback.urls")),
    path("work/reports/", include("reports.urls")),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", views.bench_hello, name="bench_hello"))
    urlpatterns.append(path("bench/floor", views.bench_floor, name="bench_floor"))
