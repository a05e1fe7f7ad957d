from django.contrib import admin

from .models import Note, NoteAccess, NoteEvent, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_sv", "name_en", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class NoteEventInline(admin.TabularInline):
    model = NoteEvent
    fields = ["status", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    """Notes are read in the staff pages; the admin shows their metadata only."""

    list_display = ["id", "created_at", "unit", "kind", "status", "may_publish"]
    list_filter = ["kind", "status", "unit__service_area", "unit"]
    date_hierarchy = "created_at"
    list_select_related = ["unit"]
    show_full_result_count = False
    fields = ["unit", "kind", "status", "may_publish", "privacy_flags", "created_at"]
    readonly_fields = fields
    inlines = [NoteEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NoteAccess)
class NoteAccessAdmin(admin.ModelAdmin):
    """The audit log: searchable by admins, editable by nobody."""

    list_display = ["created_at", "username", "purpose", "note_count", "unit_ids"]
    list_filter = ["purpose"]
    search_fields = ["username"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
