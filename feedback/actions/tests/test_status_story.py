"""One status control per thing: an insight's own until it has an action, then the
action's; the "not possible now" reasons are in view, not in a collapsed section."""

import re

import pytest
from django.urls import reverse

from feedback.models import InsightStatus


@pytest.mark.django_db
def test_not_possible_reasons_are_not_hidden_in_a_collapsed_section(client, manager, action):
    client.force_login(manager)
    html = client.get(reverse("feedback:action_detail", args=[action.pk])).content.decode()
    fieldset = re.search(r'<fieldset class="not-possible-fields">.*?</fieldset>', html, re.S)
    assert fieldset is not None
    before_details = fieldset.group(0).split("<details")[0]
    for name in ("constraint_category", "justification_fi", "instead_fi"):
        assert f'name="{name}"' in before_details
    # The insights of the action are links both ways.
    assert reverse("feedback:insight", args=[action.insights.get().pk]) in html


@pytest.mark.django_db
def test_an_insight_with_an_action_has_no_status_control_of_its_own(
    client, manager, insight, action
):
    client.force_login(manager)
    html = client.get(reverse("feedback:insight", args=[insight.pk])).content.decode()
    assert 'name="status"' not in html
    assert reverse("feedback:action_detail", args=[action.pk]) in html
    insight.refresh_from_db()
    before = insight.status
    client.post(
        reverse("feedback:insight_summary", args=[insight.pk]),
        {"status": InsightStatus.DONE, "summary_fi": "Puhelimeen oli vaikea päästä."},
    )
    insight.refresh_from_db()
    assert insight.status == before == InsightStatus.ACTION_PLANNED
    assert insight.summary_fi == "Puhelimeen oli vaikea päästä."


@pytest.mark.django_db
def test_an_insight_without_an_action_keeps_its_status_control(client, manager, insight):
    client.force_login(manager)
    html = client.get(reverse("feedback:insight", args=[insight.pk])).content.decode()
    assert 'name="status"' in html
    client.post(
        reverse("feedback:insight_summary", args=[insight.pk]),
        {"status": InsightStatus.UNDER_REVIEW, "summary_fi": "Tiivistelmä."},
    )
    insight.refresh_from_db()
    assert insight.status == InsightStatus.UNDER_REVIEW
