from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from encounters.models import Channel
from feedback.models import Note, NoteAccess, NoteEvent
from feedback.notes.services import capture_token_new, note_create
from feedback.privacy.audit import note_access_purge, note_access_record
from feedback.privacy.retention import note_text_erase_expired


def make_note(worker, unit, text="Toivoisin iltakäyntejä aiemmin."):
    return note_create(
        worker=worker,
        unit=unit,
        channel=Channel.HOME,
        kind="idea",
        client_text=text,
        worker_observation="Oma havainto.",
        token=capture_token_new(),
    ).note


@pytest.mark.django_db
def test_reading_notes_is_recorded_with_user_units_notes_and_purpose(client, worker, manager, unit):
    note = make_note(worker, unit)
    client.force_login(manager)
    client.get(reverse("feedback:unit_notes", kwargs={"unit_id": unit.pk}))
    client.get(reverse("feedback:detail", kwargs={"pk": note.pk}))
    client.force_login(worker)
    client.get(reverse("feedback:own"))

    rows = list(
        NoteAccess.objects.order_by("id").values(
            "username", "purpose", "unit_ids", "note_ids", "note_count"
        )
    )
    assert rows == [
        {
            "username": "manager",
            "purpose": "unit_list",
            "unit_ids": [unit.pk],
            "note_ids": [note.pk],
            "note_count": 1,
        },
        {
            "username": "manager",
            "purpose": "detail",
            "unit_ids": [unit.pk],
            "note_ids": [note.pk],
            "note_count": 1,
        },
        {
            "username": "worker",
            "purpose": "own_list",
            "unit_ids": [unit.pk],
            "note_ids": [note.pk],
            "note_count": 1,
        },
    ]


@pytest.mark.django_db
def test_a_refused_read_and_an_empty_list_are_not_recorded(client, worker, other_worker, unit):
    note = make_note(worker, unit)
    client.force_login(other_worker)
    assert client.get(reverse("feedback:detail", kwargs={"pk": note.pk})).status_code == 404
    client.get(reverse("feedback:own"))
    assert NoteAccess.objects.count() == 0


@pytest.mark.django_db
def test_exports_record_a_count_not_ids(worker, unit):
    row = note_access_record(
        user=worker, purpose=NoteAccess.Purpose.EXPORT, count=1234, unit_ids=[unit.pk]
    )
    assert row.note_count == 1234 and row.note_ids == [] and row.unit_ids == [unit.pk]


@pytest.mark.django_db
def test_audit_log_can_be_searched_but_not_edited_in_the_admin(admin_client, worker, unit):
    row = note_access_record(
        user=worker, purpose=NoteAccess.Purpose.DETAIL, notes=[make_note(worker, unit)]
    )
    changelist = reverse("admin:feedback_noteaccess_changelist")
    assert admin_client.get(changelist + "?q=worker").status_code == 200
    assert admin_client.get(reverse("admin:feedback_noteaccess_add")).status_code == 403
    change = admin_client.post(
        reverse("admin:feedback_noteaccess_change", args=[row.pk]), {"username": "x"}
    )
    assert change.status_code in {302, 403}
    delete = admin_client.post(
        reverse("admin:feedback_noteaccess_delete", args=[row.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    row.refresh_from_db()
    assert row.username == "worker"


@pytest.mark.django_db
def test_audit_rows_older_than_the_retention_time_are_purged(worker, unit, settings):
    settings.AUDIT_RETENTION_DAYS = 730
    note = make_note(worker, unit)
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=731)):
        old = note_access_record(user=worker, purpose="detail", notes=[note])
    recent = note_access_record(user=worker, purpose="detail", notes=[note])
    assert note_access_purge(now=start) == 1
    assert list(NoteAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not NoteAccess.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_old_notes_lose_their_words_but_keep_counting(client, worker, unit, settings):
    settings.NOTE_TEXT_RETENTION_DAYS = 730
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=800)):
        old = make_note(worker, unit, text="Vanha lause")
    fresh = make_note(worker, unit, text="Tuore lause")

    with time_machine.travel(start):
        call_command("enforce_retention")
        call_command("enforce_retention")  # idempotent
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.client_text == "" and old.worker_observation == "" and old.text_erased_at is not None
    assert fresh.client_text == "Tuore lause" and fresh.text_erased_at is None
    assert Note.objects.filter(unit=unit).count() == 2
    assert NoteEvent.objects.filter(note=old).exists()
    client.force_login(worker)
    html = client.get(reverse("feedback:detail", kwargs={"pk": old.pk})).content.decode()
    assert "Vanha lause" not in html
    assert note_text_erase_expired(now=start) == 0


@pytest.mark.django_db
def test_retention_runs_as_a_celery_task(worker, unit, settings):
    from feedback.tasks import enforce_retention

    settings.NOTE_TEXT_RETENTION_DAYS = 1
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        make_note(worker, unit)
    result = enforce_retention.apply().get()
    assert result["note_texts_erased"] == 1
