"""Admin bases shared by every app."""

from django.contrib import admin


class AppendOnlyAdmin(admin.ModelAdmin):
    """Logs that admins may search and read but nobody may add to, change or delete."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
