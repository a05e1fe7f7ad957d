"""The workers' pages: capture, own notes, a unit's notes.

Included by feedback.urls, which names them "feedback:<name>".
"""

from django.urls import path

from . import views

urlpatterns = [
    path("capture/", views.note_capture, name="capture"),
    path("notes/", views.note_list_own, name="own"),
    path("notes/<int:pk>/", views.note_detail, name="detail"),
    path("notes/<int:pk>/saved/", views.note_saved, name="saved"),
    path("units/", views.unit_list, name="units"),
    path("units/<int:unit_id>/notes/", views.note_list_unit, name="unit_notes"),
    path("session/keepalive/", views.session_keepalive, name="keepalive"),
]
