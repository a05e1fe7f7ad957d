"""The pages anyone can open, under /<lang>/: "you said, we did", feeds, poster, receipt.

The short QR address /r/<code> has no language prefix and is wired in kumppanuus.urls.
"""

from django.urls import path

from . import receipt_views, views

urlpatterns = [
    path("", views.public_home, name="home"),
    path("organisation/", views.public_organisation, name="public_organisation"),
    path("area/<slug:slug>/", views.public_area, name="public_area"),
    path("unit/<slug:slug>/", views.public_unit, name="public_unit"),
    path("unit/<slug:slug>/feed/", views.public_feed, name="public_unit_feed"),
    path("unit/<slug:slug>/poster/", views.public_poster, name="public_poster"),
    path("feed/", views.public_feed, name="public_feed"),
    path("receipt/", receipt_views.receipt_lookup, name="receipt_lookup"),
    path("receipt/withdrawn/", receipt_views.receipt_withdrawn, name="receipt_withdrawn"),
]
