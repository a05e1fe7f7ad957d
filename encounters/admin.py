from django.contrib import admin

from .models import (
    AreaManagement,
    Encounter,
    GroupMapping,
    Membership,
    Opener,
    ServiceArea,
    SignInIdentity,
    Team,
    Unit,
)


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ["name", "name_sv", "name_en", "slug", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_sv", "name_en", "slug"]
    search_fields = ["name", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["user", "role", "team", "source"]
    readonly_fields = ["source"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "service_area", "slug", "is_active"]
    list_filter = ["service_area", "is_active"]
    search_fields = ["name", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["service_area"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships from sign-in groups are recomputed at each sign-in; add manual ones here."""

    list_display = ["user", "unit", "role", "source", "created_at"]
    list_filter = ["role", "source", "unit__service_area", "unit"]
    readonly_fields = ["source"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(Encounter)
class EncounterAdmin(admin.ModelAdmin):
    """Read-only: encounters are recorded by workers on the capture page."""

    list_display = ["occurred_at", "unit", "channel", "client_asked", "nothing_to_add"]
    list_filter = ["channel", "client_asked", "nothing_to_add", "unit__service_area"]
    date_hierarchy = "occurred_at"
    list_select_related = ["unit"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AreaManagement)
class AreaManagementAdmin(admin.ModelAdmin):
    list_display = ["user", "service_area", "source", "created_at"]
    list_filter = ["service_area", "source"]
    readonly_fields = ["source"]
    search_fields = ["user__username", "service_area__name"]
    autocomplete_fields = ["user", "service_area"]
    list_select_related = ["user", "service_area"]


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):
    """What each group of the sign-in service gives; applied at the members' next sign-in."""

    list_display = ["group", "grant", "unit", "service_area"]
    list_filter = ["grant", "service_area", "unit__service_area"]
    search_fields = ["group", "unit__name", "service_area__name"]
    autocomplete_fields = ["unit", "service_area"]
    list_select_related = ["unit", "service_area"]


@admin.register(SignInIdentity)
class SignInIdentityAdmin(admin.ModelAdmin):
    """Read-only: written at each single sign-on; shows the groups to map."""

    list_display = ["user", "subject", "groups", "last_sign_in_at"]
    search_fields = ["user__username", "subject", "groups"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "issuer",
        "subject",
        "groups",
        "organisation_admin_from_groups",
        "last_sign_in_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Teams within a unit; a membership names the member's team."""

    list_display = ["name", "unit"]
    list_filter = ["unit__service_area"]
    search_fields = ["name", "unit__name"]


@admin.register(Opener)
class OpenerAdmin(admin.ModelAdmin):
    """The organisation-wide starter set is kept here; units' managers keep their own."""

    list_display = ["text_fi", "unit", "context", "retired_at"]
    list_filter = ["context", "retired_at"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    readonly_fields = ["created_by"]
