"""Organisation-wide matters and suggestions in real Chromium, fi and sv, with axe on every
new page: an organisation admin answers an organisation-wide insight with one action and
publishes it, and the public pages of both service areas show it; a manager accepts one
suggestion and rejects another."""

import re

import pytest

from conftest import PASSWORD
from feedback.models import Action, Note, Suggestion, SuggestionReason, SuggestionState
from feedback.tests.insight_support import capture, seed_reference_data
from feedback.tests.organisation_support import organisation_admin, organisation_matter
from kumppanuus.tests.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _log_in(page, base, language, username, next_path):
    page.context.clear_cookies()
    page.goto(f"{base}/{language}/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_an_admin_answers_an_organisation_wide_matter_in_every_area(
    phone_page, live_server, worker, unit, other_worker, other_unit, language
):
    page, base = phone_page, live_server.url
    seed_reference_data()
    whole, part, other = organisation_matter(
        worker=worker, unit=unit, other_worker=other_worker, other_unit=other_unit
    )
    admin = organisation_admin()
    admin.set_password(PASSWORD)
    admin.save()

    listing = f"/{language}/work/organisation/insights/"
    _log_in(page, base, language, "org-admin", listing)
    assert page.locator(f"a[href$='/organisation/insights/{whole.pk}/']").count() == 1
    assert_accessible(page)
    page.fill("#part-search", "kirje")  # the search that gathers parts into a new one
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?q=kirje$"))
    assert page.locator("input[name=parts]").count() == 2
    assert_accessible(page)

    page.locator(f"a[href$='/organisation/insights/{whole.pk}/']").click()
    page.wait_for_url(re.compile(rf"/organisation/insights/{whole.pk}/$"))
    assert page.locator(".organisation-counts tbody tr").count() == 2
    assert_accessible(page)

    page.fill("#id_summary_fi", "Päätöskirjeitä oli vaikea ymmärtää.")
    page.locator("form[action$='/summary/'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/organisation/insights/{whole.pk}/$"))
    page.locator(f"a[href$='/organisation/insights/{whole.pk}/action/']").click()
    page.wait_for_url(re.compile(rf"/organisation/insights/{whole.pk}/action/$"))
    assert page.is_checked(f"input[name=insights][value='{whole.pk}']")
    assert_accessible(page)
    page.fill("#id_title_fi", "Selkokieliset päätöskirjeet")
    page.fill("#id_text_fi", "Kirjoitamme päätöskirjeet selkokielellä kaikilla alueilla.")
    page.fill("#id_due_date", "2030-01-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/work/actions/\d+/$"))
    assert_accessible(page)
    action = Action.objects.get()
    assert action.is_organisation_wide
    page.goto(f"{base}/{language}/work/actions/{action.pk}/publish/")
    if page.locator("input[name=confirm]").count():
        page.check("input[name=confirm]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/work/actions/{action.pk}/$"))
    action.refresh_from_db()
    assert action.is_published

    # The public pages of both service areas, and the organisation page, show it.
    page.context.clear_cookies()
    for path in (
        f"/{language}/unit/{unit.slug}/",
        f"/{language}/unit/{other_unit.slug}/",
        f"/{language}/organisation/",
    ):
        page.goto(f"{base}{path}")
        entries = page.locator(".entries").inner_text()
        assert "Selkokieliset päätöskirjeet" in entries, path
        assert "Päätöskirjeitä oli vaikea ymmärtää." in entries
        assert_accessible(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_manager_accepts_one_suggestion_and_rejects_another(
    phone_page, live_server, worker, manager, unit, other_worker, other_unit, language
):
    page, base = phone_page, live_server.url
    seed_reference_data()
    whole, part, _other = organisation_matter(
        worker=worker, unit=unit, other_worker=other_worker, other_unit=other_unit
    )
    notes = [
        capture(worker, unit, "Kirjeen sanoista ei saanut selvää."),
        capture(worker, unit, "Parkkipaikka oli taas täynnä."),
    ]
    # Only this test's suggestions, whether or not the job grouped the notes at capture.
    Suggestion.objects.all().delete()
    suggestions = [
        Suggestion.objects.create(
            note=note,
            insight=part,
            score=score,
            reason=SuggestionReason.SHARED_WORDS,
            shared_terms=terms,
        )
        for note, score, terms in zip(notes, (0.7, 0.4), (["kirje", "sana"], ["taas"]), strict=True)
    ]

    insight_path = f"/{language}/work/insights/{part.pk}/"
    _log_in(page, base, language, "manager", insight_path)
    assert page.locator(".site-nav [data-suggestions='2']").count() == 1
    assert page.locator(".organisation-part").count() == 1  # part of a wider matter
    assert page.locator(".suggestion").count() == 2
    assert_accessible(page)

    page.locator(f"form[action$='/suggestions/{suggestions[0].pk}/accept/'] button").click()
    page.wait_for_url(re.compile(re.escape(insight_path) + "$"))
    assert page.locator(".suggestion").count() == 1
    page.locator(f"form[action$='/suggestions/{suggestions[1].pk}/reject/'] button").click()
    page.wait_for_url(re.compile(re.escape(insight_path) + "$"))
    assert page.locator(".suggestion").count() == 0
    assert page.locator(".site-nav [data-suggestions]").count() == 0
    assert_accessible(page)

    states = dict(Suggestion.objects.values_list("pk", "state"))
    assert states == {
        suggestions[0].pk: SuggestionState.ACCEPTED,
        suggestions[1].pk: SuggestionState.REJECTED,
    }
    assert Note.objects.get(pk=notes[0].pk).insight_id == part.pk
    assert Note.objects.get(pk=notes[1].pk).insight_id != part.pk

    # The organisation-wide matter, as a manager of one part sees it: counts only.
    page.locator(".organisation-part a").click()
    page.wait_for_url(re.compile(rf"/organisation/insights/{whole.pk}/$"))
    assert page.locator(".organisation-counts tbody tr").count() == 2
    assert page.locator("form[action$='/link/']").count() == 0
    assert_accessible(page)
