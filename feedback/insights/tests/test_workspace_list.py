"""The managers' insight list at scale: search, filters, order, pages with counts, and a
validated query string."""

import pytest
from django.urls import reverse

from encounters.models import Membership, Unit
from feedback.models import Insight, InsightStatus, Note
from feedback.tests.insight_support import bulk_insights


@pytest.fixture
def many(worker, unit):
    return bulk_insights(worker=worker, unit=unit, count=120)


def _html(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_list_pages_through_every_insight_with_counts(client, manager, many):
    client.force_login(manager)
    first = client.get(reverse("feedback:insights"))
    assert first.status_code == 200
    assert "Näytetään 1–50 / 120" in _html(first)
    last = client.get(reverse("feedback:insights"), {"sort": "newest", "page": 3})
    assert "Näytetään 101–120 / 120" in _html(last)
    # Oldest come last: the 120th insight is reachable, nothing is cut off.
    assert many[-1].title in _html(last)
    # The page links keep the order and filters the manager chose.
    assert 'href="?sort=newest&amp;page=2" rel="prev"' in _html(last)
    assert 'rel="next"' not in _html(last)


@pytest.mark.django_db
def test_search_finds_words_in_titles_summaries_and_notes(client, manager, many):
    Insight.objects.filter(pk=many[7].pk).update(summary_sv="Parkeringen är dyr")
    Note.objects.filter(insight=many[9]).update(client_text="Ovikello ei toimi ollenkaan")
    client.force_login(manager)
    by_title = _html(client.get(reverse("feedback:insights"), {"q": "Asia 42"}))
    assert "Näytetään 1–1 / 1" in by_title and many[42].title in by_title
    by_summary = _html(client.get(reverse("feedback:insights"), {"q": "parkeringen"}))
    assert "Näytetään 1–1 / 1" in by_summary and many[7].title in by_summary
    by_note = _html(client.get(reverse("feedback:insights"), {"q": "ovikello toimi"}))
    assert "Näytetään 1–1 / 1" in by_note and many[9].title in by_note
    none = _html(client.get(reverse("feedback:insights"), {"q": "ovikello parkeringen"}))
    assert "Mikään ei vastaa" in none


@pytest.mark.django_db
def test_search_never_reads_notes_of_units_the_manager_does_not_manage(
    client, manager, worker, unit, area, many
):
    elsewhere = Unit.objects.create(service_area=area, name="Muu yksikkö", slug="muu")
    Membership.objects.create(user=worker, unit=elsewhere, role=Membership.Role.WORKER)
    note = Note.objects.filter(insight=many[3]).first()
    Note.objects.filter(pk=note.pk).update(unit=elsewhere, client_text="Salainen sana")
    client.force_login(manager)
    assert "Mikään ei vastaa" in _html(client.get(reverse("feedback:insights"), {"q": "salainen"}))


@pytest.mark.django_db
def test_filters_and_orders(client, manager, worker, unit, many):
    Insight.objects.filter(pk=many[5].pk).update(status=InsightStatus.DONE, note_count=12)
    Insight.objects.filter(pk=many[6].pk).update(themes={"premises": 2})
    Insight.objects.filter(pk=many[8].pk).update(recent_count=30, previous_count=1)
    client.force_login(manager)
    done = _html(client.get(reverse("feedback:insights"), {"status": "done"}))
    assert "Näytetään 1–1 / 1" in done and many[5].title in done
    large = _html(client.get(reverse("feedback:insights"), {"size": "large"}))
    assert "Näytetään 1–1 / 1" in large
    themed = _html(client.get(reverse("feedback:insights"), {"theme": "premises"}))
    assert "Näytetään 1–1 / 1" in themed and many[6].title in themed
    largest = client.get(reverse("feedback:insights"), {"sort": "largest"})
    assert largest.context["insights"][0].pk == many[5].pk
    growing = client.get(reverse("feedback:insights"), {"sort": "growing"})
    assert growing.context["insights"][0].pk == many[8].pk
    area = client.get(reverse("feedback:insights"), {"area": unit.service_area_id, "unit": unit.pk})
    assert area.context["page"].paginator.count == 120
    waiting = client.get(reverse("feedback:insights"), {"waiting": "on"})
    assert waiting.context["page"].paginator.count == 119  # all under review, no action


@pytest.mark.django_db
def test_new_since_my_last_visit_stays_put_while_paging(client, manager, worker, unit, many):
    client.force_login(manager)
    client.get(reverse("feedback:insights"))  # first visit: everything is new
    assert (
        client.get(reverse("feedback:insights"), {"new": "on"}).context["page"].paginator.count
        == 120
    )
    client.get(reverse("feedback:insights"))  # the next visit
    Insight.objects.filter(pk=many[100].pk).update(
        last_note_at=many[0].last_note_at.replace(year=many[0].last_note_at.year + 1)
    )
    response = client.get(reverse("feedback:insights"), {"new": "on"})
    assert [insight.pk for insight in response.context["insights"]] == [many[100].pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"status": "nonsense"},
        {"page": "x"},
        {"page": "-1"},
        {"unit": "999999"},
        {"area": "abc"},
        {"sort": "random"},
        {"theme": "<script>"},
        {"q": "x" * 500},
    ],
)
def test_bad_query_values_get_a_translated_error_not_a_crash(client, manager, many, params):
    client.force_login(manager)
    response = client.get(reverse("feedback:insights"), params)
    assert response.status_code == 400
    assert "Tarkista seuraavat" in _html(response)


@pytest.mark.django_db
def test_other_units_filter_is_refused(client, manager, other_unit, many):
    client.force_login(manager)
    response = client.get(reverse("feedback:insights"), {"unit": other_unit.pk})
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_insight_list_takes_at_most_15_queries(
    client, manager, worker, unit, count, django_assert_max_num_queries
):
    bulk_insights(worker=worker, unit=unit, count=count)
    client.force_login(manager)
    client.get(reverse("feedback:insights"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("feedback:insights"))
        assert response.status_code == 200
    with django_assert_max_num_queries(15):
        response = client.get(
            reverse("feedback:insights"),
            {"q": "Asia", "status": "new", "waiting": "on", "page": 2, "unit": unit.pk},
        )
        assert response.status_code == 200
    assert response.context["page"].paginator.count == count
