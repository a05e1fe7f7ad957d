"""The managers' follow-up actions.

Included by feedback.urls, which names them "feedback:<name>".
"""

from django.urls import path

from . import views

urlpatterns = [
    path("actions/", views.action_list, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path(
        "organisation/insights/<int:pk>/action/",
        views.organisation_action_create,
        name="organisation_action_create",
    ),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/publish/", views.action_publish, name="action_publish"),
    path("actions/<int:pk>/unpublish/", views.action_unpublish, name="action_unpublish"),
]
