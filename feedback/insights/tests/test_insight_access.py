"""The managers' insight workspace over the persona matrix, with negative tests for every
mutating view: anonymous, wrong role, wrong unit, wrong method, bad input."""

import pytest
from django.urls import reverse

from feedback.models import Insight, InsightStatus, Note, NoteStatus
from feedback.tests.insight_support import PARKING_TEXTS, PHONE_TEXTS, capture
from reports.aggregation import aggregation_run

PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager"]


@pytest.fixture
def insights(worker, unit):
    for text in PHONE_TEXTS:
        capture(worker, unit, text, themes=["booking-access"])
    for text in PARKING_TEXTS:
        capture(worker, unit, text, themes=["premises"])
    aggregation_run()
    phone = Insight.objects.get(concept__slug="phone_access")
    parking = Insight.objects.get(concept__slug="parking")
    return phone, parking


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_insight_list_is_only_for_managers_of_the_units(client_as, personas, insights, persona):
    response = client_as(personas[persona]).get(reverse("feedback:insights"))
    if persona == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif persona == "manager":
        assert response.status_code == 200
        assert insights[0].title in response.content.decode()
    elif persona == "other_manager":
        assert response.status_code == 200
        assert insights[0].title not in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_insight_detail_is_only_for_managers_of_the_units(client_as, personas, insights, persona):
    phone, _parking = insights
    response = client_as(personas[persona]).get(reverse("feedback:insight", args=[phone.pk]))
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona == "manager":
        assert response.status_code == 200
        html = response.content.decode()
        assert PHONE_TEXTS[0].replace("ä", "&auml;") in html or PHONE_TEXTS[0] in html
    elif persona == "other_manager":
        assert response.status_code == 404
    else:
        assert response.status_code == 403


MUTATIONS = {
    "insight_rename": {"title": "Puhelinpalvelu"},
    "insight_lock": {"locked": "1"},
    "insight_review": {},
    "insight_summary": {"status": "action_planned", "summary_fi": "Lisäämme puhelinaikoja."},
}


def _state(insight):
    insight.refresh_from_db()
    return (insight.title, insight.locked, insight.reviewed_at, insight.summary_fi, insight.status)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", sorted(MUTATIONS))
def test_only_the_units_manager_may_change_an_insight(client_as, personas, insights, persona, view):
    phone, _parking = insights
    before = _state(phone)
    response = client_as(personas[persona]).post(
        reverse(f"feedback:{view}", args=[phone.pk]), MUTATIONS[view]
    )
    if persona == "manager":
        assert response.status_code == 302
        assert _state(phone) != before
    else:
        assert response.status_code in {302, 403, 404}
        if persona == "anonymous":
            assert "/login/" in response["Location"]
        elif persona == "other_manager":
            assert response.status_code == 404
        else:
            assert response.status_code == 403
        assert _state(phone) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view", [*sorted(MUTATIONS), "insight_merge", "insight_split", "insight_move"]
)
def test_changing_views_refuse_get(client, manager, insights, view):
    client.force_login(manager)
    assert client.get(reverse(f"feedback:{view}", args=[insights[0].pk])).status_code == 405


@pytest.mark.django_db
def test_manager_renames_locks_reviews_and_summarises(client, manager, insights):
    phone, _ = insights
    client.force_login(manager)
    client.post(reverse("feedback:insight_rename", args=[phone.pk]), {"title": "Puhelinpalvelu"})
    client.post(reverse("feedback:insight_lock", args=[phone.pk]), {"locked": "1"})
    client.post(reverse("feedback:insight_review", args=[phone.pk]))
    client.post(
        reverse("feedback:insight_summary", args=[phone.pk]),
        {"status": "action_planned", "summary_fi": "Lisäämme puhelinaikoja.", "summary_sv": ""},
    )
    phone.refresh_from_db()
    assert phone.title == "Puhelinpalvelu" and phone.title_edited
    assert phone.locked and phone.reviewed_by == manager
    assert phone.status == InsightStatus.ACTION_PLANNED
    assert phone.summary_fi == "Lisäämme puhelinaikoja."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("view", "data", "field"),
    [
        ("insight_rename", {"title": ""}, "title"),
        ("insight_summary", {"status": "new", "summary_fi": ""}, "summary_fi"),
        ("insight_summary", {"status": "bogus", "summary_fi": "x"}, "status"),
        ("insight_merge", {"target": "999999"}, "target"),
        ("insight_split", {"title": "x"}, "notes"),
        ("insight_move", {"note": "999999", "target": "999999"}, "note"),
    ],
)
def test_bad_input_is_refused_with_an_error_summary(client, manager, insights, view, data, field):
    phone, _ = insights
    before = _state(phone)
    client.force_login(manager)
    response = client.post(
        reverse(f"feedback:{view}", args=[phone.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert _state(phone) == before
    assert Insight.objects.filter(merged_into__isnull=False).count() == 0


@pytest.mark.django_db
def test_manager_cannot_merge_into_or_move_to_another_units_insight(
    client, manager, other_manager, other_worker, other_unit, insights
):
    phone, _ = insights
    capture(other_worker, other_unit, "Parkkipaikkoja ei ole, pysäköinti on vaikeaa.")
    aggregation_run()
    foreign = Insight.objects.get(notes__unit=other_unit)
    client.force_login(manager)
    response = client.post(
        reverse("feedback:insight_merge", args=[phone.pk]), {"target": foreign.pk}
    )
    assert response.status_code == 400
    note = phone.notes.first()
    response = client.post(
        reverse("feedback:insight_move", args=[phone.pk]), {"note": note.pk, "target": foreign.pk}
    )
    assert response.status_code == 400
    note.refresh_from_db()
    assert note.insight_id == phone.pk and not note.placed_by_manager


@pytest.mark.django_db
def test_merge_split_and_move_record_the_managers_curation(client, manager, insights):
    phone, parking = insights
    client.force_login(manager)
    note = parking.notes.order_by("id").first()
    response = client.post(
        reverse("feedback:insight_move", args=[parking.pk]), {"note": note.pk, "target": phone.pk}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.insight_id == phone.pk and note.placed_by_manager

    split_ids = list(phone.notes.order_by("id").values_list("id", flat=True)[:2])
    response = client.post(
        reverse("feedback:insight_split", args=[phone.pk]), {"notes": split_ids, "title": "Uusi"}
    )
    new = Insight.objects.get(title="Uusi")
    assert response["Location"].endswith(reverse("feedback:insight", args=[new.pk]))
    assert set(new.notes.values_list("id", flat=True)) == set(split_ids)
    assert new.note_count == 2 and new.title_edited

    response = client.post(reverse("feedback:insight_merge", args=[new.pk]), {"target": phone.pk})
    assert response.status_code == 302
    new.refresh_from_db()
    phone.refresh_from_db()
    assert new.merged_into_id == phone.pk
    assert phone.note_count == Note.objects.filter(insight=phone).count() == 4


@pytest.mark.django_db
def test_joining_an_insight_moves_a_note_under_review_on_its_timeline(worker, unit):
    note = capture(worker, unit, PHONE_TEXTS[0], themes=["booking-access"])
    assert note.status == NoteStatus.RECEIVED
    aggregation_run()
    note.refresh_from_db()
    assert note.insight is not None and note.status == NoteStatus.UNDER_REVIEW
    assert list(note.events.values_list("status", flat=True)) == ["received", "under_review"]
    aggregation_run(full=True)
    assert note.events.count() == 2


@pytest.mark.django_db
def test_new_since_last_visit_marker(client, manager, worker, unit, insights):
    client.force_login(manager)
    first = client.get(reverse("feedback:insights"), HTTP_ACCEPT_LANGUAGE="en")
    assert first.content.decode().count('class="badge-new"') == 2
    second = client.get(reverse("feedback:insights"))
    assert 'class="badge-new"' not in second.content.decode()
    capture(worker, unit, "Parkkimaksu on liian kallis, pysäköinti ei onnistu.")
    aggregation_run()
    third = client.get(reverse("feedback:insights"))
    assert third.content.decode().count('class="badge-new"') == 1


@pytest.mark.django_db
def test_insight_pages_do_not_grow_queries_with_notes(
    client, manager, worker, unit, insights, django_assert_max_num_queries
):
    for index in range(30):
        capture(worker, unit, f"{PHONE_TEXTS[index % 3]} ({index})", themes=["booking-access"])
        capture(worker, unit, f"Oma teksti numero {index} aiheesta joka on ainutlaatuinen {index}")
    aggregation_run()
    client.force_login(manager)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("feedback:insights")).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("feedback:insight", args=[insights[0].pk])).status_code == 200
