"""Suggestions on the insight page; included by feedback.insights.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "insights/<int:pk>/suggestions/<int:suggestion_pk>/accept/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "insights/<int:pk>/suggestions/<int:suggestion_pk>/reject/",
        views.suggestion_reject,
        name="suggestion_reject",
    ),
]
