from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Kumppanuus administration")
admin.site.site_title = "Kumppanuus"


class AppendOnlyAdmin(admin.ModelAdmin):
    """Logs that admins may search and read but nobody may add to, change or delete."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
