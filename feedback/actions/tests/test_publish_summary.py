"""Publishing needs the public summary ("what you said") in Finnish; where a language's
text is missing, the public page shows the Finnish one marked as Finnish."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from feedback.actions.services import action_publish
from feedback.models import Insight


@pytest.mark.django_db
def test_an_action_cannot_be_published_without_the_finnish_summary(
    client, manager, insight, action
):
    Insight.objects.filter(pk=insight.pk).update(summary_fi="")
    with pytest.raises(ValidationError):
        action_publish(action=action, user=manager)
    client.force_login(manager)
    url = reverse("feedback:action_publish", args=[action.pk])
    page = client.get(url)
    assert "Julkinen yhteenveto puuttuu" in page.content.decode()
    assert reverse("feedback:insight", args=[insight.pk]) in page.content.decode()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.published_at is None


@pytest.mark.django_db
def test_a_missing_swedish_summary_shows_the_finnish_one_marked_as_finnish(
    client, manager, insight, action
):
    Insight.objects.filter(pk=insight.pk).update(summary_sv="")
    action_publish(action=action, user=manager)
    swedish = client.get("/sv/").content.decode()
    assert f'<span lang="fi">{insight.summary_fi}</span>' in swedish
    assert "(på finska)" in swedish
    finnish = client.get("/fi/").content.decode()
    assert f'<span lang="fi">{insight.summary_fi}</span>' in finnish
    assert "(suomeksi)" not in finnish.split("You said")[0]
    english = client.get("/en/").content.decode()
    assert '<span lang="en">It was hard to get through on the phone.</span>' in english
