"""Integration keys in the admin: make one (its key is shown once, on the page that answers
the save), change its units and scopes, revoke it. The call log is read-only."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from feedback.models import IntegrationCall, IntegrationKey
from kumppanuus.lib.admin import AppendOnlyAdmin

from .services import integration_key_create, integration_key_revoke


@admin.register(IntegrationKey)
class IntegrationKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "may_create_notes",
        "may_read",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["may_create_notes", "may_read", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    filter_horizontal = ["units"]
    fields = [
        "name",
        "units",
        "may_create_notes",
        "may_read",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Revoked, never deleted: the call log and the notes keep naming the key.
        return False

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        if obj is not None and obj.is_revoked:
            return [*self.readonly_fields, "name", "units", "may_create_notes", "may_read"]
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: IntegrationKey, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        new = integration_key_create(
            name=form.cleaned_data["name"],
            units=form.cleaned_data["units"],
            may_create_notes=form.cleaned_data["may_create_notes"],
            may_read=form.cleaned_data["may_read"],
            created_by=request.user,
        )
        obj.pk = new.key.pk
        obj.refresh_from_db()
        request._new_integration_key = new.secret

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)

    def response_add(self, request: HttpRequest, obj: IntegrationKey, post_url_continue=None):
        """The one page that shows the key: a response to the POST, never a redirect, so
        that the key travels in no URL, cookie or message storage."""
        secret = getattr(request, "_new_integration_key", None)
        if secret is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "key": obj,
            "secret": secret,
            "title": _("Copy the integration key now"),
        }
        response = TemplateResponse(request, "admin/feedback/integrationkey/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[IntegrationKey]) -> HttpResponse:
        count = sum(integration_key_revoke(key=key) for key in queryset)
        self.message_user(
            request,
            ngettext("Revoked %(count)d key.", "Revoked %(count)d keys.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(IntegrationCall)
class IntegrationCallAdmin(AppendOnlyAdmin):
    """Every call of the Integration API: key, operation, units, outcome. No note text."""

    list_display = [
        "created_at",
        "key_prefix",
        "operation",
        "method",
        "status_code",
        "outcome",
        "unit_ids",
        "note_id",
    ]
    list_filter = ["outcome", "operation"]
    search_fields = ["key_prefix"]
    date_hierarchy = "created_at"
    show_full_result_count = False
