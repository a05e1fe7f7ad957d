"""The managers' openers page, included by feedback.urls as "feedback:<name>"."""

from django.urls import path

from . import views

urlpatterns = [
    path("openers/", views.opener_list, name="openers"),
    path("openers/<int:pk>/", views.opener_edit, name="opener_edit"),
    path("openers/<int:pk>/retire/", views.opener_retire_view, name="opener_retire"),
    path("openers/<int:pk>/restore/", views.opener_restore_view, name="opener_restore"),
]
