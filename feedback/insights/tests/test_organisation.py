"""Organisation-wide insights: an organisation admin curates the whole; a manager of a part
sees that it belongs to one, with the other areas' counts only; everyone else is refused."""

import pytest
from django.urls import reverse

from feedback.insights.grouping.organisation import organisation_link
from feedback.insights.organisation import services
from feedback.models import Concept, Insight, InsightScope
from feedback.tests.organisation_support import (
    DECISION_TEXTS,
    DENTAL_TEXTS,
    organisation_admin,
    organisation_matter,
    part_with_notes,
)

PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager", "admin"]


@pytest.fixture
def matter(worker, unit, other_worker, other_unit):
    return organisation_matter(
        worker=worker, unit=unit, other_worker=other_worker, other_unit=other_unit
    )


@pytest.fixture
def admin(db):
    return organisation_admin()


@pytest.fixture
def everyone(personas, admin):
    return {**personas, "admin": admin}


@pytest.mark.django_db
def test_a_manager_sees_their_part_belongs_to_an_organisation_wide_matter(client, manager, matter):
    whole, part, _other = matter
    client.force_login(manager)
    html = client.get(reverse("feedback:insight", args=[part.pk])).content.decode()
    assert reverse("feedback:organisation_insight", args=[whole.pk]) in html
    assert whole.title in html
    assert "Suun terveydenhuolto" in html  # the other area, by name and count
    assert "lyhenteitä" not in html  # never the other area's note texts


@pytest.mark.django_db
def test_a_manager_of_a_part_sees_counts_only_on_the_organisation_page(client, manager, matter):
    whole, part, other = matter
    client.force_login(manager)
    response = client.get(reverse("feedback:organisation_insight", args=[whole.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kotihoito" in html and "Suun terveydenhuolto" in html
    assert other.title not in html and "lyhenteitä" not in html
    assert reverse("feedback:organisation_part_link", args=[whole.pk]) not in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_organisation_page_is_for_admins_and_managers_of_parts(
    client_as, everyone, matter, persona
):
    whole, _part, other = matter
    response = client_as(everyone[persona]).get(
        reverse("feedback:organisation_insight", args=[whole.pk])
    )
    if persona == "anonymous":
        assert response.status_code == 302
    elif persona in ("worker", "other_worker"):
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert (other.title in response.content.decode()) == (persona == "admin")


@pytest.mark.django_db
def test_a_manager_without_a_part_gets_404(client, manager, other_manager, matter):
    whole, part, _other = matter
    services.insight_part_unlink(part=part)
    client.force_login(manager)
    assert client.get(reverse("feedback:organisation_insight", args=[whole.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_an_admin_lists_organisation_wide_insights(client_as, everyone, matter, persona):
    response = client_as(everyone[persona]).get(reverse("feedback:organisation_insights"))
    expected = {"anonymous": 302, "admin": 200}.get(persona, 403)
    assert response.status_code == expected


@pytest.mark.django_db
def test_an_admin_renames_and_summarises_the_whole(client, admin, matter):
    whole, _part, _other = matter
    client.force_login(admin)
    response = client.post(
        reverse("feedback:organisation_insight_rename", args=[whole.pk]),
        {"title": "Selkeät päätöskirjeet"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("feedback:organisation_insight_summary", args=[whole.pk]),
        {"status": "under_review", "summary_fi": "Päätöskirjeitä oli vaikea ymmärtää."},
    )
    assert response.status_code == 302
    whole.refresh_from_db()
    assert whole.title == "Selkeät päätöskirjeet" and whole.title_edited
    assert whole.summary_fi == "Päätöskirjeitä oli vaikea ymmärtää."


@pytest.mark.django_db
def test_bad_input_changes_nothing(client, admin, matter):
    whole, _part, _other = matter
    client.force_login(admin)
    response = client.post(
        reverse("feedback:organisation_insight_summary", args=[whole.pk]),
        {"status": "under_review", "summary_fi": ""},
    )
    assert response.status_code == 400
    assert "Kirjoita yhteenveto suomeksi." in response.content.decode()
    whole.refresh_from_db()
    assert whole.summary_fi == ""


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "worker", "manager", "other_manager"])
def test_only_an_admin_curates(client_as, everyone, matter, persona):
    whole, part, _other = matter
    client = client_as(everyone[persona])
    client.post(
        reverse("feedback:organisation_insight_rename", args=[whole.pk]), {"title": "Muutettu"}
    )
    client.post(reverse("feedback:organisation_part_unlink", args=[whole.pk]), {"part": part.pk})
    whole.refresh_from_db()
    part.refresh_from_db()
    assert whole.title == "Päätöskirjeiden kieli"
    assert part.parent_id == whole.pk


@pytest.mark.django_db
def test_an_admin_unlinks_and_links_a_part_and_the_job_is_told(client, admin, matter):
    whole, part, _other = matter
    client.force_login(admin)
    response = client.post(
        reverse("feedback:organisation_part_unlink", args=[whole.pk]), {"part": part.pk}
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.parent_id is None and part.parent_set_by_manager is True
    # Found again by title, and linked back by hand.
    page = client.get(reverse("feedback:organisation_insight", args=[whole.pk]), {"q": "Päätös"})
    assert f'value="{part.pk}"' in page.content.decode()
    response = client.post(
        reverse("feedback:organisation_part_link", args=[whole.pk]),
        {"part": part.pk, "q": "Päätös"},
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.parent_id == whole.pk and part.parent_set_by_manager is True


@pytest.mark.django_db
def test_linking_refuses_an_organisation_insight_as_a_part(client, admin, matter):
    whole, _part, _other = matter
    another = Insight.objects.create(
        scope=InsightScope.ORGANISATION, title="Päätöskirjeet kaikille"
    )
    client.force_login(admin)
    response = client.post(
        reverse("feedback:organisation_part_link", args=[whole.pk]),
        {"part": another.pk, "q": "Päätös"},
    )
    assert response.status_code == 400
    another.refresh_from_db()
    assert another.parent_id is None


@pytest.mark.django_db
def test_an_organisation_insight_needs_parts_of_two_areas(worker, unit, other_worker, other_unit):
    one = part_with_notes(worker=worker, unit=unit, texts=DECISION_TEXTS[:1], title="A")
    two = part_with_notes(worker=worker, unit=unit, texts=DECISION_TEXTS[1:], title="B")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.insight_organisation_create(parts=[one, two], title="Kirjeet")
    three = part_with_notes(worker=other_worker, unit=other_unit, texts=DENTAL_TEXTS, title="C")
    whole = services.insight_organisation_create(parts=[one, three], title="Kirjeet")
    assert whole.service_area_id is None and whole.scope == InsightScope.ORGANISATION
    assert set(whole.parts.values_list("pk", flat=True)) == {one.pk, three.pk}


@pytest.mark.django_db
def test_the_organisation_list_reads_in_few_queries(
    client, admin, matter, django_assert_max_num_queries
):
    whole, part, other = matter
    for number in range(5):
        extra = Insight.objects.create(scope=InsightScope.ORGANISATION, title=f"Asia {number}")
        Insight.objects.filter(pk=other.pk).update(parent=extra)
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("feedback:organisation_insights"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_navigation_links_the_organisation_page_for_admins(client, admin, manager, unit):
    client.force_login(admin)
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("feedback:organisation_insights")}"' in html
    client.force_login(manager)
    html = client.get(reverse("feedback:insights")).content.decode()
    assert f'href="{reverse("feedback:organisation_insights")}"' not in html


@pytest.mark.django_db
def test_an_admin_gathers_parts_of_two_areas_into_a_new_organisation_insight(
    client, admin, worker, unit, other_worker, other_unit
):
    one = part_with_notes(worker=worker, unit=unit, texts=DECISION_TEXTS, title="Kirjeet A")
    two = part_with_notes(
        worker=other_worker, unit=other_unit, texts=DENTAL_TEXTS, title="Kirjeet B"
    )
    client.force_login(admin)
    page = client.get(reverse("feedback:organisation_insights"), {"q": "kirje"})
    html = page.content.decode()
    assert f'value="{one.pk}"' in html and f'value="{two.pk}"' in html
    url = reverse("feedback:organisation_insight_create")
    # One area only: refused, nothing made.
    response = client.post(url, {"q": "kirje", "parts": [one.pk], "title": "Kirjeet"})
    assert response.status_code == 400
    assert not Insight.objects.filter(scope=InsightScope.ORGANISATION).exists()
    response = client.post(url, {"q": "kirje", "parts": [one.pk, two.pk], "title": "Kirjeet"})
    whole = Insight.objects.get(scope=InsightScope.ORGANISATION)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:organisation_insight", args=[whole.pk])
    assert set(whole.parts.values_list("pk", flat=True)) == {one.pk, two.pk}
    assert all(whole.parts.values_list("parent_set_by_manager", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "worker", "manager", "other_manager"])
def test_only_an_admin_starts_an_organisation_insight(
    client_as, everyone, persona, worker, unit, other_worker, other_unit
):
    one = part_with_notes(worker=worker, unit=unit, texts=DECISION_TEXTS, title="Kirjeet A")
    two = part_with_notes(
        worker=other_worker, unit=other_unit, texts=DENTAL_TEXTS, title="Kirjeet B"
    )
    response = client_as(everyone[persona]).post(
        reverse("feedback:organisation_insight_create"),
        {"q": "kirje", "parts": [one.pk, two.pk], "title": "Kirjeet"},
    )
    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert not Insight.objects.filter(scope=InsightScope.ORGANISATION).exists()


@pytest.mark.django_db
def test_the_job_keeps_an_admins_unlink_and_link(worker, unit, other_worker, other_unit):
    concept, _ = Concept.objects.get_or_create(slug="interpreters", defaults={"name": "Tulkkaus"})
    parts = []
    for who, where in ((worker, unit), (other_worker, other_unit)):
        part = part_with_notes(worker=who, unit=where, texts=DECISION_TEXTS, title="Tulkki")
        Insight.objects.filter(pk=part.pk).update(
            key=f"a{where.service_area_id}:c:interpreters", concept=concept
        )
        parts.append(part)
    organisation_link()
    first, second = (Insight.objects.get(pk=part.pk) for part in parts)
    assert first.parent_id and first.parent_id == second.parent_id
    whole = first.parent
    stranger = part_with_notes(worker=worker, unit=unit, texts=DENTAL_TEXTS, title="Muu")

    services.insight_part_unlink(part=first)
    services.insight_part_link(part=stranger, organisation_insight=whole)
    organisation_link()

    first.refresh_from_db()
    stranger.refresh_from_db()
    assert first.parent_id is None and first.parent_set_by_manager
    assert stranger.parent_id == whole.pk
