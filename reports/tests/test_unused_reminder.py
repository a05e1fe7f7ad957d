from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback.tests.insight_support import capture
from reports.models import UnusedKnowledgeCheck
from reports.tasks import remind_unused_knowledge


@pytest.mark.django_db
def test_managers_are_reminded_only_when_unused_notes_grow(manager, worker, unit, settings):
    settings.PUBLIC_BASE_URL = "https://kumppanuus.example.fi"
    manager.email = "esihenkilo@example.fi"
    manager.save(update_fields=["email"])
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=40)):
        capture(worker, unit, "Vanha asia odottaa")

    call_command("remind_unused_knowledge")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["esihenkilo@example.fi"]
    assert "1" in message.body and "https://kumppanuus.example.fi/fi/work/reports/" in message.body
    assert "Vanha asia" not in message.body  # no client words in e-mail

    remind_unused_knowledge.apply()  # nothing grew: no second mail
    assert len(mail.outbox) == 1
    with time_machine.travel(start - timedelta(days=35)):
        capture(worker, unit, "Toinen vanha asia")
    remind_unused_knowledge.apply()
    assert len(mail.outbox) == 2
    assert list(
        UnusedKnowledgeCheck.objects.order_by("id").values_list("unused_count", "reminded")
    ) == [
        (1, True),
        (1, False),
        (2, True),
    ]


@pytest.mark.django_db
def test_workers_are_never_reminded(worker, unit):
    worker.email = "tyontekija@example.fi"
    worker.save(update_fields=["email"])
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        capture(worker, unit, "Vanha")
    call_command("remind_unused_knowledge")
    assert mail.outbox == []
    assert not UnusedKnowledgeCheck.objects.filter(user=worker).exists()
