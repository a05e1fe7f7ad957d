from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("encounter-totals/", views.encounter_totals_upload, name="encounter_totals"),
]
