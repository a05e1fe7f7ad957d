"""Suggestions: the queue, and decisions from it or from the insight page; included by
feedback.insights.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("insights/suggestions/", views.suggestion_list, name="suggestions"),
    path(
        "insights/suggestions/<int:suggestion_pk>/accept/",
        views.suggestion_accept,
        name="suggestion_queue_accept",
    ),
    path(
        "insights/suggestions/<int:suggestion_pk>/reject/",
        views.suggestion_reject,
        name="suggestion_queue_reject",
    ),
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
