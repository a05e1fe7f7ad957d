"""E-mail when a note's status changes: kept apart from the note, deleted when done."""

import time_machine
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Note, NoteEvent, NoteStatus, StatusSubscription
from feedback.notes.services import (
    status_subscriptions_notify,
    status_subscriptions_purge,
)
from feedback.privacy.addresses import email_decrypt
from feedback.public.services import status_subscription_create


def _set_status(note: Note, status: str) -> None:
    Note.objects.filter(pk=note.pk).update(status=status)
    NoteEvent.objects.create(note=note, status=status)


def test_client_subscribes_on_the_receipt_page(client, receipt):
    note, code = receipt
    response = client.post(
        "/sv/receipt/", {"code": code, "action": "subscribe", "email": "asiakas@example.fi"}
    )
    assert response.status_code == 302 and response["Location"] == f"/r/{code}"
    subscription = StatusSubscription.objects.get()
    assert subscription.note == note and subscription.language == "sv"
    # Stored encrypted: the row holds no address, the property decrypts it for the mail.
    row = StatusSubscription.objects.filter(pk=subscription.pk).values().get()
    assert not any("asiakas@example.fi" in str(value) for value in row.values())
    assert email_decrypt(subscription.email_encrypted) == "asiakas@example.fi"
    # The same address again, in another case, is the same subscription.
    client.post(
        "/sv/receipt/", {"code": code, "action": "subscribe", "email": "Asiakas@Example.fi"}
    )
    assert StatusSubscription.objects.count() == 1
    assert subscription.notified_status == NoteStatus.RECEIVED


def test_a_bad_address_is_refused_with_a_message(client, receipt):
    _, code = receipt
    response = client.post(
        "/en/receipt/", {"code": code, "action": "subscribe", "email": "not an address"}
    )
    assert response.status_code == 400
    assert "valid email" in response.content.decode()
    assert not StatusSubscription.objects.exists()


def test_client_can_stop_the_emails(client, receipt):
    note, code = receipt
    status_subscription_create(note=note, email="a@example.fi", language="fi")
    response = client.post(reverse("receipt_lookup"), {"code": code, "action": "unsubscribe"})
    assert response.status_code == 302
    assert not StatusSubscription.objects.exists()


def test_a_status_change_is_mailed_once_in_the_clients_language(receipt, mailoutbox):
    note, _ = receipt
    status_subscription_create(note=note, email="a@example.fi", language="en")
    assert status_subscriptions_notify() == 0
    _set_status(note, NoteStatus.UNDER_REVIEW)
    assert status_subscriptions_notify() == 1
    assert status_subscriptions_notify() == 0  # idempotent
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["a@example.fi"]
    assert "together with similar feedback" in message.body
    assert "tekstiviesti" not in message.body  # never the client's words
    assert StatusSubscription.objects.get().notified_status == NoteStatus.UNDER_REVIEW


def test_the_last_message_closes_the_loop_and_deletes_the_address(receipt, mailoutbox):
    note, _ = receipt
    status_subscription_create(note=note, email="a@example.fi", language="en")
    _set_status(note, NoteStatus.DONE)
    call_command("notify_status_subscribers")
    assert len(mailoutbox) == 1 and "last message" in mailoutbox[0].body
    assert not StatusSubscription.objects.exists()


def test_a_failed_send_is_tried_again_next_time(receipt, mailoutbox, monkeypatch):
    from feedback.notes import services

    note, _ = receipt
    status_subscription_create(note=note, email="a@example.fi", language="fi")
    _set_status(note, NoteStatus.UNDER_REVIEW)

    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(services, "send_mail", broken)
    assert status_subscriptions_notify() == 0
    assert StatusSubscription.objects.get().notified_status == NoteStatus.RECEIVED
    monkeypatch.undo()
    assert status_subscriptions_notify() == 1 and len(mailoutbox) == 1


def test_subscriptions_are_deleted_after_twelve_months(receipt):
    note, _ = receipt
    with time_machine.travel("2025-11-01 12:00:00+00:00"):
        status_subscription_create(note=note, email="old@example.fi", language="fi")
    status_subscription_create(note=note, email="new@example.fi", language="fi")
    with time_machine.travel("2026-11-27 12:00:00+00:00"):
        call_command("purge_status_subscriptions")
    assert [email_decrypt(sub.email_encrypted) for sub in StatusSubscription.objects.all()] == [
        "new@example.fi"
    ]
    assert status_subscriptions_purge() == 0


def test_the_celery_tasks_call_the_same_services(receipt, mailoutbox):
    from feedback.tasks import notify_status_subscribers, purge_status_subscriptions

    note, _ = receipt
    status_subscription_create(note=note, email="a@example.fi", language="fi")
    _set_status(note, NoteStatus.NOT_POSSIBLE)
    assert notify_status_subscribers.apply().get() == 1
    assert purge_status_subscriptions.apply().get() == 0
    assert not StatusSubscription.objects.exists()


def test_addresses_are_never_shown_to_staff(client, receipt, manager, admin_user):
    note, _ = receipt
    status_subscription_create(note=note, email="secret@example.fi", language="fi")
    assert StatusSubscription not in admin.site._registry
    client.force_login(manager)
    for url in (
        reverse("feedback:detail", kwargs={"pk": note.pk}),
        reverse("feedback:unit_notes", kwargs={"unit_id": note.unit_id}),
    ):
        assert "secret@example.fi" not in client.get(url).content.decode()
    client.force_login(admin_user)
    html = client.get(reverse("admin:feedback_note_change", args=[note.pk])).content.decode()
    assert "secret@example.fi" not in html
