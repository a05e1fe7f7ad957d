import pytest
from django.urls import reverse

from encounters.models import Channel
from feedback.models import Theme
from feedback.notes.services import capture_token_new, note_create


def make_notes(user, unit, count):
    themes = list(Theme.objects.all()[:2])
    for number in range(count):
        note_create(
            worker=user,
            unit=unit,
            channel=Channel.CLINIC,
            kind="idea",
            client_text=f"Idea numero {number}",
            themes=themes,
            token=capture_token_new(),
        )


@pytest.mark.django_db
def test_own_notes_are_paginated_newest_first(worker_client, worker, unit):
    make_notes(worker, unit, 25)
    first = worker_client.get(reverse("feedback:own"))
    texts = [note.client_text for note in first.context["page"].object_list]
    assert len(texts) == 20
    assert texts[0] == "Idea numero 24"
    second = worker_client.get(reverse("feedback:own") + "?page=2")
    assert [n.client_text for n in second.context["page"].object_list][-1] == "Idea numero 0"
    # A page past the end or a nonsense page number shows a page, never an error.
    assert worker_client.get(reverse("feedback:own") + "?page=99").status_code == 200
    assert worker_client.get(reverse("feedback:own") + "?page=x").status_code == 200
    # A control character gets the clear 400 page (kumppanuus.middleware).
    assert worker_client.get(reverse("feedback:own") + "?page=%00x").status_code == 400


@pytest.mark.django_db
def test_own_notes_show_their_status(worker_client, worker, unit):
    make_notes(worker, unit, 1)
    html = worker_client.get(reverse("feedback:own")).content.decode()
    assert "vastaanotettu" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["feedback:own", "feedback:unit_notes"])
def test_list_queries_do_not_grow_with_notes(worker_client, worker, unit, url_name, page_queries):
    make_notes(worker, unit, 30)
    kwargs = {"unit_id": unit.pk} if url_name == "feedback:unit_notes" else {}
    with page_queries(12):
        response = worker_client.get(reverse(url_name, kwargs=kwargs))
    assert len(response.context["page"].object_list) == 20
