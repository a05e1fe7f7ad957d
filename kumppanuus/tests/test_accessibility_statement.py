import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_accessibility_statement_answers_in_every_language(client, language):
    response = client.get(f"/{language}/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'href="mailto:saavutettavuus@example.fi"' in html


@pytest.mark.django_db
def test_the_statement_gives_a_feedback_channel_and_the_supervisor(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "saavutettavuus@hyvinvointialue.example"
    html = client.get("/en/accessibility/").content.decode()
    assert "mailto:saavutettavuus@hyvinvointialue.example" in html
    assert "14 days" in html and "saavutettavuusvaatimukset.fi" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fi/login/", "/en/receipt/", "/sv/accessibility/"])
def test_every_footer_links_the_statement_and_the_receipt_form(client, path):
    html = client.get(path).content.decode()
    language = path.split("/")[1]
    assert f'href="/{language}/accessibility/"' in html
    assert f'href="/{language}/receipt/"' in html


@pytest.mark.django_db
def test_staff_pages_carry_the_footer_too(worker_client):
    html = worker_client.get("/fi/work/capture/").content.decode()
    assert 'href="/fi/accessibility/"' in html
