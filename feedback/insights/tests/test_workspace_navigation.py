"""Managers land on what waits for them; notes, insights and actions link both ways;
automatic titles are whole words without "…"; the action form tells insights apart."""

import pytest
from django.urls import reverse

from conftest import PASSWORD
from feedback.insights.grouping.figures import _suggested_title
from feedback.models import Insight, Note
from feedback.tests.insight_support import bulk_insights


@pytest.mark.django_db
def test_a_manager_lands_on_the_workspace_and_a_worker_on_capture(client, manager, worker):
    response = client.post(reverse("login"), {"username": "manager", "password": PASSWORD})
    assert response["Location"] == "/fi/work/"
    landing = client.get("/fi/work/")
    assert landing["Location"] == reverse("feedback:insights") + "?waiting=on"
    client.logout()
    client.post(reverse("login"), {"username": "worker", "password": PASSWORD})
    assert client.get("/fi/work/")["Location"] == reverse("feedback:capture")


@pytest.mark.django_db
def test_a_manager_who_opens_the_staff_address_logged_out_lands_on_the_workspace(client, manager):
    to_login = client.get("/fi/work/")
    assert to_login["Location"] == reverse("login") + "?next=/fi/work/"
    logged_in = client.post(
        to_login["Location"], {"username": "manager", "password": PASSWORD}, follow=True
    )
    assert logged_in.redirect_chain[-1][0] == reverse("feedback:insights") + "?waiting=on"


@pytest.mark.django_db
def test_a_note_links_to_its_insight_for_its_manager_only(client, manager, worker, unit, insight):
    note = Note.objects.filter(insight=insight).first()
    client.force_login(manager)
    html = client.get(reverse("feedback:detail", args=[note.pk])).content.decode()
    assert reverse("feedback:insight", args=[insight.pk]) in html
    insight_page = client.get(reverse("feedback:insight", args=[insight.pk])).content.decode()
    assert reverse("feedback:detail", args=[note.pk]) in insight_page
    client.force_login(worker)
    html = client.get(reverse("feedback:detail", args=[note.pk])).content.decode()
    assert reverse("feedback:insight", args=[insight.pk]) not in html


def test_automatic_titles_are_whole_words_without_an_ellipsis():
    insight = Insight(title="", concept=None)
    long = "Puhelimessa ei pääse läpi aamulla kun jono on tunnin mittainen ja " * 4
    title = _suggested_title(insight, long + ". Toinen lause.")
    assert "…" not in title and len(title) <= 120
    assert long.startswith(title) and long[len(title)] == " "
    assert _suggested_title(insight, "Lyhyt. Toinen lause.") == "Lyhyt."


@pytest.mark.django_db
def test_two_insights_with_the_same_title_look_different_in_the_action_form(
    client, manager, worker, unit
):
    first, second = bulk_insights(worker=worker, unit=unit, count=2, title="Sama")
    Insight.objects.filter(pk__in=[first.pk, second.pk]).update(title="Sama otsikko")
    client.force_login(manager)
    form = client.get(reverse("feedback:action_create")).context["form"]
    labels = [label for _value, label in form.fields["insights"].choices]
    assert len(labels) == 2 and labels[0] != labels[1]
    assert all(unit.name in label and "2 kirjausta" in label for label in labels)
