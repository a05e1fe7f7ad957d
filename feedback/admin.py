from django.contrib import admin

from kumppanuus.lib.admin import AppendOnlyAdmin

from .models import Concept, ConceptTerm, Insight, Note, NoteAccess, NoteEvent, Theme
from .privacy.public import PublicTextAdminForm


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


class ConceptTermInline(admin.TabularInline):
    model = ConceptTerm
    fields = ["term", "language", "weight", "is_negative"]
    extra = 3


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    """The grouping lexicon: admins add matters and their Finnish and Swedish terms here.

    The next aggregation run uses the changes; `aggregate_notes --full` regroups old notes.
    """

    list_display = ["slug", "name", "name_sv", "name_en", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["slug", "name", "name_sv", "name_en", "terms__term"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ConceptTermInline]


@admin.register(ConceptTerm)
class ConceptTermAdmin(admin.ModelAdmin):
    list_display = ["term", "concept", "language", "weight", "is_negative"]
    list_filter = ["language", "is_negative", "concept"]
    search_fields = ["term"]
    list_select_related = ["concept"]


@admin.register(Insight)
class InsightAdmin(admin.ModelAdmin):
    """Insights are curated in the managers' workspace; the admin shows their metadata."""

    form = PublicTextAdminForm

    list_display = ["id", "title", "service_area", "unit", "status", "note_count", "locked"]
    list_filter = ["status", "scope", "locked", "service_area"]
    list_select_related = ["service_area", "unit"]
    search_fields = ["title"]
    fields = [
        "title",
        "key",
        "service_area",
        "unit",
        "scope",
        "concept",
        "status",
        "locked",
        "merged_into",
        "note_count",
        "first_note_at",
        "last_note_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NoteAccess)
class NoteAccessAdmin(AppendOnlyAdmin):
    """The audit log: searchable by admins, editable by nobody."""

    list_display = ["created_at", "username", "purpose", "note_count", "unit_ids"]
    list_filter = ["purpose"]
    search_fields = ["username"]
    date_hierarchy = "created_at"
    show_full_result_count = False


# The Integration API's keys and call log (feedback/api/admin.py).
from .api import admin as _api_admin  # noqa: E402,F401
