"""The compact insight page: notes paged, one move-or-merge flow that confirms in words,
and undo of the last change."""

import pytest
from django.urls import reverse

from feedback.models import CurationUndo, Insight, Note
from feedback.tests.insight_support import bulk_insights


@pytest.fixture
def pair(worker, unit):
    return bulk_insights(worker=worker, unit=unit, count=2, notes_each=3, title="Aihe")


@pytest.mark.django_db
def test_move_is_found_by_search_confirmed_in_words_then_undone(client, manager, pair):
    source, target = pair
    note = Note.objects.filter(insight=source).order_by("id").first()
    client.force_login(manager)
    url = reverse("feedback:insight_relocate", args=[source.pk])
    found = client.get(url, {"what": "notes", "note": note.pk, "q": "Aihe 1"})
    assert found.status_code == 200
    assert [t.pk for t in found.context["results"]] == [target.pk]
    confirm = client.get(url, {"what": "notes", "note": note.pk, "target": target.pk})
    assert "Siirrä 1 kirjaus koosteesta ”Aihe 0” koosteeseen ”Aihe 1”." in confirm.content.decode()
    note.refresh_from_db()
    assert note.insight_id == source.pk  # a GET changes nothing
    done = client.post(url, {"what": "notes", "note": note.pk, "target": target.pk})
    assert done.status_code == 302
    note.refresh_from_db()
    assert note.insight_id == target.pk and note.placed_by_manager
    page = client.get(reverse("feedback:insight", args=[source.pk]))
    undo = page.context["undo"]
    assert undo is not None and "Siirsit 1 kirjauksen" in page.content.decode()
    client.post(reverse("feedback:insight_undo", args=[undo.pk]))
    note.refresh_from_db()
    assert note.insight_id == source.pk and not note.placed_by_manager
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.note_count, target.note_count) == (3, 3)
    # Only once.
    again = client.post(reverse("feedback:insight_undo", args=[undo.pk]), follow=True)
    assert "Vain viimeisimmän muutoksesi" in again.content.decode()


@pytest.mark.django_db
def test_merge_through_the_same_flow_and_its_undo(client, manager, pair):
    source, target = pair
    client.force_login(manager)
    url = reverse("feedback:insight_relocate", args=[source.pk])
    response = client.post(url, {"what": "all", "target": target.pk})
    assert response["Location"].endswith(reverse("feedback:insight", args=[target.pk]))
    source.refresh_from_db()
    assert source.merged_into_id == target.pk
    assert Note.objects.filter(insight=target).count() == 6
    record = CurationUndo.objects.get()
    client.post(reverse("feedback:insight_undo", args=[record.pk]))
    source.refresh_from_db()
    assert source.merged_into_id is None
    assert Note.objects.filter(insight=source).count() == 3


@pytest.mark.django_db
def test_split_into_a_new_insight(client, manager, pair):
    source, _target = pair
    notes = list(Note.objects.filter(insight=source).order_by("id")[:2])
    client.force_login(manager)
    url = reverse("feedback:insight_relocate", args=[source.pk])
    data = {"what": "notes", "note": [n.pk for n in notes], "new_title": "Uusi asia"}
    assert "uuteen koosteeseen" in client.get(url, data).content.decode()
    client.post(url, data)
    new = Insight.objects.get(title="Uusi asia")
    assert Note.objects.filter(insight=new).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"what": "notes", "target": "999999"},
        {"what": "notes", "note": "999999"},
        {"what": "sideways"},
        {"what": "all", "new_title": "Ei käy"},
    ],
)
def test_bad_move_input_changes_nothing(client, manager, pair, data):
    source, _target = pair
    client.force_login(manager)
    response = client.post(reverse("feedback:insight_relocate", args=[source.pk]), data)
    assert response.status_code == 400
    assert Note.objects.filter(insight=source).count() == 3
    assert not CurationUndo.objects.exists()


@pytest.mark.django_db
def test_another_managers_undo_is_not_found(client, manager, other_manager, pair):
    source, target = pair
    client.force_login(manager)
    note = Note.objects.filter(insight=source).first()
    client.post(
        reverse("feedback:insight_relocate", args=[source.pk]),
        {"what": "notes", "note": note.pk, "target": target.pk},
    )
    record = CurationUndo.objects.get()
    client.force_login(other_manager)
    assert client.post(reverse("feedback:insight_undo", args=[record.pk])).status_code == 404
    note.refresh_from_db()
    assert note.insight_id == target.pk


@pytest.mark.django_db
def test_notes_are_paged_on_the_insight_page(client, manager, worker, unit):
    (big,) = bulk_insights(worker=worker, unit=unit, count=1, notes_each=45)
    client.force_login(manager)
    first = client.get(reverse("feedback:insight", args=[big.pk]))
    assert len(first.context["notes"]) == 20
    last = client.get(reverse("feedback:insight", args=[big.pk]), {"page": 3})
    assert "Kirjaukset 41–45 / 45" in last.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_insight_page_takes_at_most_15_queries(client, manager, worker, unit, count, page_queries):
    insights = bulk_insights(worker=worker, unit=unit, count=count, notes_each=3)
    client.force_login(manager)
    source, target = insights[0], insights[1]
    note = Note.objects.filter(insight=source).first()
    client.post(
        reverse("feedback:insight_relocate", args=[source.pk]),
        {"what": "notes", "note": note.pk, "target": target.pk},
    )
    with page_queries(15):
        response = client.get(reverse("feedback:insight", args=[source.pk]))
        assert response.status_code == 200 and response.context["undo"] is not None
    with page_queries(15):
        response = client.get(
            reverse("feedback:insight_relocate", args=[source.pk]),
            {"what": "all", "q": "Asia"},
        )
        assert response.status_code == 200
