from django.contrib import admin

from .models import EncounterTotal


@admin.register(EncounterTotal)
class EncounterTotalAdmin(admin.ModelAdmin):
    list_display = ["unit", "day", "total", "imported_by", "updated_at"]
    list_filter = ["unit__service_area", "unit"]
    date_hierarchy = "day"
    list_select_related = ["unit", "imported_by"]
