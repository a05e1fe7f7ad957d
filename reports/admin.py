from django.contrib import admin

from kumppanuus.lib.admin import AppendOnlyAdmin

from .models import EncounterTotal, ExportLog, ExportSettings


@admin.register(EncounterTotal)
class EncounterTotalAdmin(admin.ModelAdmin):
    list_display = ["unit", "day", "total", "imported_by", "updated_at"]
    list_filter = ["unit__service_area", "unit"]
    date_hierarchy = "day"
    list_select_related = ["unit", "imported_by"]


@admin.register(ExportSettings)
class ExportSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "include_worker_identity"]

    def has_add_permission(self, request) -> bool:
        return not ExportSettings.objects.exists()


@admin.register(ExportLog)
class ExportLogAdmin(AppendOnlyAdmin):
    """Every export; searchable, editable by nobody."""

    list_display = ["created_at", "username", "what", "file_format", "row_count"]
    list_filter = ["what", "file_format"]
    search_fields = ["username"]
    date_hierarchy = "created_at"
