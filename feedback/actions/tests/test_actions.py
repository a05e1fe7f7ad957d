"""Follow-up actions: the cascade to insights and notes, quick changes and the lists."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.actions.selectors import action_list_overdue, note_list_unanswered
from feedback.actions.services import action_create, action_set_status
from feedback.conftest import make_insight
from feedback.models import (
    ActionEvent,
    ActionStatus,
    ConstraintCategory,
    InsightStatus,
    Note,
    NoteEvent,
    NoteStatus,
)
from feedback.notes.selectors import note_count_led_to_change
from feedback.public.services import note_withdraw, status_subscription_create

pytestmark = pytest.mark.django_db


def _statuses(insight):
    return sorted(Note.objects.filter(insight=insight).values_list("status", flat=True))


def test_creating_an_action_plans_the_insight_and_every_note(action, insight):
    insight.refresh_from_db()
    assert insight.status == InsightStatus.ACTION_PLANNED
    assert _statuses(insight) == [NoteStatus.ACTION_PLANNED] * 2
    for note in Note.objects.filter(insight=insight):
        assert list(note.events.values_list("status", flat=True)) == [
            NoteStatus.RECEIVED,
            NoteStatus.ACTION_PLANNED,
        ]
    assert ActionEvent.objects.filter(action=action).count() == 1


def test_an_action_needs_an_insight(manager, unit):
    with pytest.raises(ValidationError):
        action_create(
            user=manager,
            insights=[],
            unit=unit,
            title_fi="x",
            text_fi="y",
            responsible=manager,
            due_date=timezone.localdate(),
        )


def test_done_cascades_to_notes_timeline_and_the_workers_count(action, insight, manager, worker):
    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    insight.refresh_from_db()
    assert insight.status == InsightStatus.DONE
    assert _statuses(insight) == [NoteStatus.DONE] * 2
    assert NoteEvent.objects.filter(status=NoteStatus.DONE).count() == 2
    assert note_count_led_to_change(user=worker) == 2
    assert list(action.events.values_list("status", flat=True)) == ["planned", "done"]


def test_a_change_within_30_days_of_the_first_note_is_a_quick_change(insight, manager, unit):
    first = Note.objects.filter(insight=insight).order_by("created_at").first().created_at
    with time_machine.travel(first + timedelta(days=29)):
        action = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi="Pieni muutos",
            text_fi="Teimme sen.",
            responsible=manager,
            due_date=timezone.localdate(),
        )
        action = action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    assert action.quick_change


def test_a_change_after_30_days_is_not_a_quick_change(action, insight, manager):
    first = Note.objects.filter(insight=insight).order_by("created_at").first().created_at
    with time_machine.travel(first + timedelta(days=31)):
        action = action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    assert action.done_at and not action.quick_change


def test_not_possible_needs_a_reason_a_justification_and_what_instead(action, manager, insight):
    with pytest.raises(ValidationError):
        action_set_status(action=action, user=manager, status=ActionStatus.NOT_POSSIBLE)
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    action_set_status(
        action=action,
        user=manager,
        status=ActionStatus.NOT_POSSIBLE,
        constraint_category=ConstraintCategory.STAFF,
        justification_fi="Meillä ei ole nyt tarpeeksi hoitajia.",
        instead_fi="Kerromme jonotusajan puhelimessa.",
    )
    assert _statuses(insight) == [NoteStatus.NOT_POSSIBLE] * 2


def test_withdrawn_notes_do_not_follow_the_action(action, insight, manager):
    note = Note.objects.filter(insight=insight).first()
    note_withdraw(note=note)
    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    note.refresh_from_db()
    assert note.status == NoteStatus.WITHDRAWN
    assert not NoteEvent.objects.filter(note=note, status=NoteStatus.DONE).exists()


def test_a_status_change_emails_subscribed_clients(action, insight, manager, mailoutbox):
    from django.test import TestCase

    note = Note.objects.filter(insight=insight).first()
    status_subscription_create(note=note, email="a@example.fi", language="en")
    from kumppanuus.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # in-process here, even where REDIS_URL is set
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    finally:
        app.conf.task_always_eager = eager
    assert len(mailoutbox) == 1
    assert "We made a change" in mailoutbox[0].body


def test_overdue_actions_and_unanswered_notes_are_listed_for_the_manager(
    action, manager, worker, unit
):
    make_insight(worker=worker, unit=unit, texts=["Vanha asia"])
    Note.objects.filter(client_text="Vanha asia").update(
        insight=None, status=NoteStatus.UNDER_REVIEW
    )
    with time_machine.travel(timezone.localdate() + timedelta(days=40)):
        assert list(action_list_overdue(user=manager)) == [action]
        assert [n.client_text for n in note_list_unanswered(user=manager)] == ["Vanha asia"]
    assert list(action_list_overdue(user=manager)) == []
    assert list(note_list_unanswered(user=manager)) == []


def test_own_notes_page_says_how_many_led_to_a_change(client, action, manager, worker):
    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    client.force_login(worker)
    html = client.get("/en/work/notes/").content.decode()
    assert "2 of your notes led to a change." in html


def test_a_note_that_joins_a_done_insight_later_arrived_after_the_change(
    action, insight, manager, worker, unit
):
    from feedback.insights.grouping.figures import insights_refresh
    from feedback.notes.services import capture_token_new, note_create

    action_set_status(action=action, user=manager, status=ActionStatus.DONE)
    late = note_create(
        worker=worker,
        unit=unit,
        channel="phone",
        kind="problem",
        client_text="Puhelimessa ei vieläkään pääse läpi.",
        token=capture_token_new(),
    ).note
    Note.objects.filter(pk=late.pk).update(insight=insight)
    insights_refresh(insight_ids=[insight.pk])
    late.refresh_from_db()
    assert late.status == NoteStatus.AFTER_CHANGE
    assert list(late.events.values_list("status", flat=True)) == ["received", "after_change"]
    insights_refresh(insight_ids=[insight.pk])  # idempotent
    assert late.events.count() == 2
