"""The waiting-room poster prints on one A4 page with its QR code, in real Chromium."""

import re
from datetime import date

import pytest

from feedback.actions.services import action_create, action_publish, action_set_status
from feedback.conftest import make_insight
from kumppanuus.tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = (
    "Asiakkaat kertoivat, että aamun puhelinaikana jonot venyivät yli puoleen tuntiin ja "
    "moni luopui soittamasta. Takaisinsoittoa joutui odottamaan iltapäivään asti. "
)


def _pages(pdf: bytes) -> int:
    """Pages in a PDF: its page objects (the page tree root is /Type /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_poster_prints_on_one_a4_page_with_the_qr_code(
    browser, live_server, worker, manager, unit, language
):
    # More changes, with longer texts, than one page can hold.
    for number in range(6):
        insight, _ = make_insight(
            worker=worker, unit=unit, texts=[f"Jono {number}"], summary=LONG * 3
        )
        action = action_create(
            user=manager,
            insights=[insight],
            unit=unit,
            title_fi=f"Takaisinsoitto samana päivänä {number}",
            text_fi=LONG * 2,
            responsible=manager,
            due_date=date(2027, 1, 31),
        )
        action_set_status(action=action, user=manager, status="done")
        action_publish(action=action, user=manager, confirmed=True)

    page = browser.new_page()
    try:
        page.goto(f"{live_server.url}/{language}/unit/{unit.slug}/poster/")
        assert_accessible(page)
        assert page.locator(".poster__qr-code svg").count() == 1
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert _pages(pdf) == 1
        # The QR code is inside the printed page, not cut off at its foot.
        page.emulate_media(media="print")
        qr = page.locator(".poster__qr-code svg").bounding_box()
        poster = page.locator(".poster").bounding_box()
        assert qr["height"] > 100
        assert qr["y"] + qr["height"] <= poster["y"] + poster["height"]
    finally:
        page.close()
