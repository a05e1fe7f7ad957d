"""Integration keys: made in the admin or by a command, shown once, stored hashed, revoked."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from feedback.models import IntegrationCall, IntegrationKey
from feedback.privacy.retention import retention_enforce

from .conftest import fresh_key, note_body

pytestmark = pytest.mark.django_db

KEY_RE = re.compile(r"kmp_[0-9a-f]{10}_[A-Za-z0-9_-]{43}")


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", password="admin-password-1")
    client.force_login(admin)
    return client


def test_admin_makes_a_key_and_shows_it_once(admin_client, api, unit):
    response = admin_client.post(
        "/fi/admin/feedback/integrationkey/add/",
        {"name": "Potilastietojärjestelmä", "units": [unit.pk], "may_create_notes": "on"},
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = KEY_RE.search(response.content.decode())[0]
    key = IntegrationKey.objects.get()
    assert key.prefix in secret and key.created_by.username == "admin"
    assert secret.split("_", 2)[2] not in key.secret_digest
    assert list(key.units.all()) == [unit]
    assert not key.account.is_active and not key.account.has_usable_password()
    # The key works, and the admin never shows it again.
    assert (
        api("POST", "/notes", key=secret, body=note_body(unit), headers=fresh_key()).status_code
        == 201
    )
    change = admin_client.get(f"/fi/admin/feedback/integrationkey/{key.pk}/change/")
    assert change.status_code == 200 and secret not in change.content.decode()
    assert key.prefix in change.content.decode()


def test_admin_revokes_keys_and_cannot_delete_them(admin_client, api, api_key, unit):
    response = admin_client.post(
        "/fi/admin/feedback/integrationkey/",
        {"action": "revoke", "_selected_action": [api_key.key.pk]},
    )

    assert response.status_code == 302
    api_key.key.refresh_from_db()
    assert api_key.key.is_revoked
    refused = api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
    assert refused.status_code == 401
    delete = admin_client.get(f"/fi/admin/feedback/integrationkey/{api_key.key.pk}/delete/")
    assert delete.status_code == 403


def test_call_log_is_read_only_in_the_admin(admin_client, api, api_key, unit):
    api("POST", "/notes", key=api_key, body=note_body(unit), headers=fresh_key())
    call = IntegrationCall.objects.get()

    listing = admin_client.get("/fi/admin/feedback/integrationcall/")
    assert listing.status_code == 200 and api_key.key.prefix in listing.content.decode()
    assert admin_client.get("/fi/admin/feedback/integrationcall/add/").status_code == 403
    assert (
        admin_client.post(f"/fi/admin/feedback/integrationcall/{call.pk}/delete/").status_code
        == 403
    )


def test_workers_and_managers_cannot_manage_keys(client, manager):
    client.force_login(manager)

    response = client.get("/fi/admin/feedback/integrationkey/add/")
    assert response.status_code == 302  # to the admin login: staff only
    assert not IntegrationKey.objects.exists()


def test_command_makes_lists_and_revokes_keys(api, unit):
    out = StringIO()
    call_command("integration_key", "create", "--name", "EHR", "--unit", unit.slug, stdout=out)
    secret = KEY_RE.search(out.getvalue())[0]
    key = IntegrationKey.objects.get()

    assert (key.may_create_notes, key.may_read) == (True, False)
    listing = StringIO()
    call_command("integration_key", "list", stdout=listing)
    assert key.prefix in listing.getvalue() and secret not in listing.getvalue()

    call_command("integration_key", "revoke", key.prefix, stdout=StringIO())
    assert api("GET", "/key", key=secret).json()["code"] == "key_revoked"


def test_command_refuses_unknown_units_and_keys(unit):
    with pytest.raises(CommandError):
        call_command("integration_key", "create", "--name", "X", "--unit", "ei-ole")
    with pytest.raises(CommandError):
        call_command("integration_key", "revoke", "0000000000")
    assert not IntegrationKey.objects.exists()


def test_old_call_log_rows_go_with_the_retention_job(api, api_key, unit, settings):
    api("GET", "/key", key=api_key)
    IntegrationCall.objects.update(
        created_at=timezone.now() - timezone.timedelta(days=settings.AUDIT_RETENTION_DAYS + 1)
    )
    api("GET", "/key", key=api_key)

    assert retention_enforce()["integration_calls_deleted"] == 1
    assert IntegrationCall.objects.count() == 1
