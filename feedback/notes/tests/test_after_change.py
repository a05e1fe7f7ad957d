"""A note that joins an insight whose action is done or not possible arrived after the
change: its own status, counted as recurrence, shown to the manager, told truthfully to
its client."""

import pytest
from django.urls import reverse

from encounters.models import Channel
from feedback.actions.services import action_set_status
from feedback.insights.services import note_move
from feedback.models import Note, NoteStatus
from feedback.notes.services import capture_token_new, note_create
from feedback.tests.insight_support import PHONE_TEXTS, capture
from reports.aggregation import aggregation_run


def _receipt_note(worker, unit, text):
    token = capture_token_new()
    note = note_create(
        worker=worker,
        unit=unit,
        channel=Channel.PHONE,
        kind="problem",
        client_text=text,
        wants_receipt=True,
        token=token,
    ).note
    return note, token.receipt_code


@pytest.mark.django_db
def test_a_note_grouped_after_the_change_arrives_after_it(
    client, worker, unit, manager, insight, action
):
    action_set_status(action=action, user=manager, status="done")
    assert set(Note.objects.filter(insight=insight).values_list("status", flat=True)) == {
        NoteStatus.DONE
    }
    later, code = _receipt_note(worker, unit, "Uusi palaute")
    Note.objects.filter(pk=later.pk).update(insight=insight)
    from feedback.insights.grouping.figures import insights_refresh

    insights_refresh(insight_ids=[insight.pk])
    later.refresh_from_db()
    assert later.status == NoteStatus.AFTER_CHANGE
    assert list(later.events.values_list("status", flat=True))[-1] == NoteStatus.AFTER_CHANGE
    # The notes the change answered stay done.
    assert Note.objects.filter(insight=insight, status=NoteStatus.DONE).count() == 2
    # The client is told the truth, with the change's date.
    page = client.get(reverse("receipt", args=[code])).content.decode()
    assert "Muutos tehtiin" in page and "tuli sen jälkeen" in page
    assert "Teimme muutoksen tämän palautteen vuoksi" not in page.split("timeline")[0]
    # The manager sees it on the insight and in the list.
    client.force_login(manager)
    detail = client.get(reverse("feedback:insight", args=[insight.pk]))
    assert detail.context["after_change"] == 1
    assert "tuli muutoksen jälkeen" in detail.content.decode()
    listing = client.get(reverse("feedback:insights"), {"waiting": "on"})
    assert insight.pk in [i.pk for i in listing.context["insights"]]


@pytest.mark.django_db
def test_editing_the_done_action_keeps_the_after_change_state(
    worker, unit, manager, insight, action
):
    from feedback.actions.services import action_update

    action_set_status(action=action, user=manager, status="done")
    later, _code = _receipt_note(worker, unit, "Uusi palaute")
    Note.objects.filter(pk=later.pk).update(insight=insight)
    from feedback.insights.grouping.figures import insights_refresh

    insights_refresh(insight_ids=[insight.pk])
    action.refresh_from_db()
    action_update(
        action=action,
        user=manager,
        insights=[insight],
        unit=unit,
        title_fi="Uusi otsikko",
        text_fi=action.text_fi,
        responsible=manager,
        due_date=action.due_date,
    )
    later.refresh_from_db()
    assert later.status == NoteStatus.AFTER_CHANGE
    # Reopening the action takes every note along again.
    action_set_status(action=action, user=manager, status="in_progress")
    later.refresh_from_db()
    assert later.status == NoteStatus.ACTION_PLANNED


@pytest.mark.django_db
def test_a_note_moved_into_a_not_possible_insight_arrives_after_the_change(
    worker, unit, manager, insight, action
):
    action_set_status(
        action=action,
        user=manager,
        status="not_possible",
        constraint_category="money",
        justification_fi="Rahaa ei ole.",
        instead_fi="Kerromme ajat etukäteen.",
    )
    other = capture(worker, unit, PHONE_TEXTS[0], themes=["booking-access"])
    aggregation_run()
    other.refresh_from_db()
    if other.insight_id == insight.pk:  # grouped straight in: already after the change
        assert other.status == NoteStatus.AFTER_CHANGE
        return
    note_move(note=other, target=insight, user=manager)
    other.refresh_from_db()
    assert other.status == NoteStatus.AFTER_CHANGE


@pytest.mark.django_db
def test_the_dashboard_counts_notes_after_a_change(client, worker, unit, manager, insight, action):
    from feedback.insights.grouping.figures import insights_refresh

    action_set_status(action=action, user=manager, status="done")
    later, _code = _receipt_note(worker, unit, "Uusi palaute")
    Note.objects.filter(pk=later.pk).update(insight=insight)
    insights_refresh(insight_ids=[insight.pk])
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert response.context["loop"]["after_change"] == 1
    assert "Kirjauksia muutoksen jälkeen" in response.content.decode()
