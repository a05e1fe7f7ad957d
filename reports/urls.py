from django.urls import path

from . import meeting_views, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/figures.<str:file_format>", views.figures_export, name="figures_export"),
    path("encounter-totals/", views.encounter_totals_upload, name="encounter_totals"),
    path("export/notes.<str:file_format>", views.notes_export, name="notes_export"),
    path("meetings/", meeting_views.meeting_units, name="meetings"),
    path("meetings/<int:unit_id>/", meeting_views.meeting, name="meeting"),
    path("meetings/<int:unit_id>/history/", meeting_views.meeting_history, name="meeting_history"),
]
