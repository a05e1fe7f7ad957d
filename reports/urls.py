from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/figures.<str:file_format>", views.figures_export, name="figures_export"),
    path("encounter-totals/", views.encounter_totals_upload, name="encounter_totals"),
    path("export/notes.<str:file_format>", views.notes_export, name="notes_export"),
]
