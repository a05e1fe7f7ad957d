"""Suggestions in the workspace: accept or reject in one POST, only within the manager's
units, and the count of open ones on the navigation."""

import pytest
from django.urls import reverse

from feedback.insights.suggestions.selectors import suggestion_count_open_for_manager
from feedback.models import (
    Insight,
    InsightScope,
    Note,
    NoteStatus,
    Suggestion,
    SuggestionReason,
    SuggestionState,
)
from feedback.tests.insight_support import capture

PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager"]


def _insight(unit, title: str) -> Insight:
    return Insight.objects.create(
        service_area=unit.service_area, unit=unit, scope=InsightScope.UNIT, title=title
    )


@pytest.fixture
def suggestion(worker, unit):
    """A note the job left in an insight of its own, suggested for the phone insight."""
    phone = _insight(unit, "Puhelinaika")
    Note.objects.filter(pk=capture(worker, unit, "Puhelimessa ei pääse läpi aamulla.").pk).update(
        insight=phone
    )
    alone = _insight(unit, "Soitto")
    note = capture(worker, unit, "Soitin kolme kertaa eikä kukaan vastannut.")
    Note.objects.filter(pk=note.pk).update(insight=alone)
    from feedback.insights.grouping.figures import insights_refresh

    insights_refresh(insight_ids=[phone.pk, alone.pk])
    return Suggestion.objects.create(
        note=note,
        insight=phone,
        score=0.62,
        reason=SuggestionReason.SHARED_WORDS,
        shared_terms=["soittaa", "puhelin"],
    )


def _url(name: str, suggestion: Suggestion) -> str:
    return reverse(f"feedback:{name}", args=[suggestion.insight_id, suggestion.pk])


@pytest.mark.django_db
def test_the_insight_page_shows_the_suggestion_with_its_reason(client, manager, suggestion):
    client.force_login(manager)
    html = client.get(reverse("feedback:insight", args=[suggestion.insight_id])).content.decode()
    assert 'id="suggestion-' in html
    assert "soittaa, puhelin" in html
    assert _url("suggestion_accept", suggestion) in html
    assert _url("suggestion_reject", suggestion) in html


@pytest.mark.django_db
def test_accepting_moves_the_note_as_the_managers_placement(client, manager, suggestion):
    client.force_login(manager)
    response = client.post(_url("suggestion_accept", suggestion))
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:insight", args=[suggestion.insight_id])
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.ACCEPTED
    assert suggestion.decided_by == manager and suggestion.decided_at is not None
    note = Note.objects.get(pk=suggestion.note_id)
    assert note.insight_id == suggestion.insight_id
    assert note.placed_by_manager is True
    assert note.status == NoteStatus.UNDER_REVIEW
    assert Insight.objects.get(pk=suggestion.insight_id).note_count == 2
    # Decided once: the same click again finds nothing to decide.
    assert client.post(_url("suggestion_accept", suggestion)).status_code == 404


@pytest.mark.django_db
def test_accepting_drops_the_notes_other_open_guesses(client, manager, suggestion, unit):
    other = Suggestion.objects.create(
        note=suggestion.note,
        insight=_insight(unit, "Ajanvaraus"),
        score=0.4,
        reason=SuggestionReason.SHARED_WORDS,
    )
    client.force_login(manager)
    client.post(_url("suggestion_accept", suggestion))
    assert not Suggestion.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_rejecting_keeps_the_note_and_records_the_decision(client, manager, suggestion):
    before = Note.objects.get(pk=suggestion.note_id).insight_id
    client.force_login(manager)
    assert client.post(_url("suggestion_reject", suggestion)).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.REJECTED
    assert suggestion.decided_by == manager
    note = Note.objects.get(pk=suggestion.note_id)
    assert note.insight_id == before and note.placed_by_manager is False
    assert suggestion_count_open_for_manager(user=manager) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", ["suggestion_accept", "suggestion_reject"])
def test_only_a_manager_of_the_notes_unit_decides(client_as, personas, suggestion, persona, name):
    response = client_as(personas[persona]).post(_url(name, suggestion))
    suggestion.refresh_from_db()
    if persona == "manager":
        assert response.status_code == 302
        assert suggestion.state != SuggestionState.OPEN
        return
    if persona == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif persona == "other_manager":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert suggestion.state == SuggestionState.OPEN


@pytest.mark.django_db
def test_a_suggestion_is_decided_only_by_post(client, manager, suggestion):
    client.force_login(manager)
    assert client.get(_url("suggestion_accept", suggestion)).status_code == 405
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.OPEN


@pytest.mark.django_db
def test_a_suggestion_of_another_insight_is_not_found(client, manager, suggestion, unit):
    other = _insight(unit, "Muu")
    Note.objects.filter(pk=suggestion.note_id).update(insight=other)
    client.force_login(manager)
    url = reverse("feedback:suggestion_accept", args=[other.pk, suggestion.pk])
    assert client.post(url).status_code == 404


@pytest.mark.django_db
def test_the_navigation_counts_open_suggestions_for_the_manager(
    client, manager, other_manager, suggestion
):
    client.force_login(manager)
    html = client.get(reverse("feedback:units")).content.decode()
    assert 'data-suggestions="1"' in html
    assert suggestion_count_open_for_manager(user=other_manager) == 0
    client.force_login(other_manager)
    assert "data-suggestions" not in client.get(reverse("feedback:units")).content.decode()


@pytest.mark.django_db
def test_the_suggestions_panel_costs_the_same_queries_for_many(client, manager, worker, suggestion):
    client.force_login(manager)
    url = reverse("feedback:insight", args=[suggestion.insight_id])
    one = _queries(client, url)
    _suggest_ten_more(worker, suggestion, SuggestionReason.CURATED_EXAMPLES)
    assert _queries(client, url) == one
    assert client.get(url).content.decode().count('id="suggestion-') == 11


# -- the queue: every open suggestion of the manager's units, a note at a time ------------


def _queue_url(name: str, suggestion: Suggestion) -> str:
    return reverse(f"feedback:{name}", args=[suggestion.pk])


@pytest.mark.django_db
def test_the_queue_shows_each_note_once_with_its_guesses_likeliest_first(
    client, manager, worker, suggestion, unit
):
    second = Suggestion.objects.create(
        note=suggestion.note,
        insight=_insight(unit, "Ajanvaraus puhelimessa"),
        score=0.3,
        reason=SuggestionReason.CURATED_EXAMPLES,
    )
    Note.objects.filter(pk=capture(worker, unit, "Ajanvaraus ei vastaa.").pk).update(
        insight=second.insight
    )
    client.force_login(manager)
    html = client.get(reverse("feedback:suggestions")).content.decode()
    assert html.count('class="note-card suggestion"') == 1
    assert html.index(f'id="suggestion-{suggestion.pk}"') < html.index(
        f'id="suggestion-{second.pk}"'
    )
    assert "Soitin kolme kertaa" in html and "soittaa, puhelin" in html
    assert _queue_url("suggestion_queue_accept", suggestion) in html
    assert _queue_url("suggestion_queue_reject", second) in html
    # The insight list leads to the queue, with the count.
    listing = client.get(reverse("feedback:insights")).content.decode()
    assert reverse("feedback:suggestions") in listing
    assert "2 ehdotusta kirjausten paikasta odottaa sinua" in listing


@pytest.mark.django_db
def test_accepting_in_the_queue_moves_the_note_and_returns_to_the_same_page(
    client, manager, suggestion
):
    client.force_login(manager)
    response = client.post(_queue_url("suggestion_queue_accept", suggestion), {"page": "3"})
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:suggestions") + "?page=3"
    note = Note.objects.get(pk=suggestion.note_id)
    assert note.insight_id == suggestion.insight_id and note.placed_by_manager
    page = client.get(reverse("feedback:suggestions")).content.decode()
    assert "Kirjaus lisättiin koosteeseen ”Puhelimessa ei pääse läpi aamulla.”" in page
    assert "Sinulle ei odota ehdotuksia." in page


@pytest.mark.django_db
def test_rejecting_in_the_queue_keeps_the_note_and_ignores_a_page_that_is_no_number(
    client, manager, suggestion
):
    before = Note.objects.get(pk=suggestion.note_id).insight_id
    client.force_login(manager)
    response = client.post(
        _queue_url("suggestion_queue_reject", suggestion), {"page": "//evil.example/"}
    )
    assert response["Location"] == reverse("feedback:suggestions")
    suggestion.refresh_from_db()
    assert suggestion.state == SuggestionState.REJECTED
    assert Note.objects.get(pk=suggestion.note_id).insight_id == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_a_manager_of_the_notes_unit_sees_and_decides_in_the_queue(
    client_as, personas, suggestion, persona
):
    client = client_as(personas[persona])
    page = client.get(reverse("feedback:suggestions"))
    response = client.post(_queue_url("suggestion_queue_accept", suggestion))
    suggestion.refresh_from_db()
    if persona == "manager":
        assert page.status_code == 200 and f'id="suggestion-{suggestion.pk}"' in page.text
        assert response.status_code == 302 and suggestion.state == SuggestionState.ACCEPTED
        return
    assert suggestion.state == SuggestionState.OPEN
    if persona == "anonymous":
        assert page.status_code == 302 and "/login/" in page["Location"]
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif persona == "other_manager":
        assert page.status_code == 200 and "Soitin kolme kertaa" not in page.text
        assert response.status_code == 404
    else:
        assert page.status_code == 403 and response.status_code == 403


@pytest.mark.django_db
def test_an_insight_of_other_units_notes_is_never_offered_but_an_empty_matters_one_is(
    client, manager, worker, suggestion, unit
):
    from encounters.models import Unit

    neighbour = Unit.objects.create(name="Naapuri", slug="naapuri", service_area=unit.service_area)
    theirs = _insight(neighbour, "Naapurin asiakkaan omin sanoin")
    Note.objects.filter(pk=capture(worker, unit, "Toinen muistiinpano.").pk).update(
        insight=theirs, unit=neighbour
    )
    from feedback.insights.grouping.figures import insights_refresh

    insights_refresh(insight_ids=[theirs.pk])
    hidden = Suggestion.objects.create(
        note=suggestion.note, insight=theirs, score=0.9, reason=SuggestionReason.SHARED_WORDS
    )
    matter = Insight.objects.create(
        service_area=unit.service_area,
        scope=InsightScope.AREA,
        key=f"a{unit.service_area_id}:c:parking",
        title="Pysäköinti",
    )
    empty = Suggestion.objects.create(
        note=suggestion.note, insight=matter, score=0.5, reason=SuggestionReason.SHARED_WORDS
    )
    client.force_login(manager)
    html = client.get(reverse("feedback:suggestions")).content.decode()
    assert "Naapurin asiakkaan" not in html and f'id="suggestion-{hidden.pk}"' not in html
    assert f'id="suggestion-{empty.pk}"' in html and "uusi kooste tästä asiasta" in html
    assert reverse("feedback:insight", args=[matter.pk]) not in html  # no page to link yet
    assert suggestion_count_open_for_manager(user=manager) == 2
    assert client.post(_queue_url("suggestion_queue_accept", hidden)).status_code == 404
    assert client.post(_queue_url("suggestion_queue_accept", empty)).status_code == 302
    assert Note.objects.get(pk=suggestion.note_id).insight_id == matter.pk


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_many_notes(client, manager, worker, suggestion):
    client.force_login(manager)
    url = reverse("feedback:suggestions")
    one = _queries(client, url)
    _suggest_ten_more(worker, suggestion, SuggestionReason.SHARED_WORDS)
    assert _queries(client, url) == one
    assert client.get(url).content.decode().count('class="note-card suggestion"') == 11


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _suggest_ten_more(worker, suggestion, reason) -> None:
    for number in range(10):
        Suggestion.objects.create(
            note=capture(worker, suggestion.note.unit, f"Soitin {number} kertaa turhaan."),
            insight=suggestion.insight,
            score=0.5,
            reason=reason,
        )
