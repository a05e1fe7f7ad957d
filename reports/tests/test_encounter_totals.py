from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from encounters.models import Membership
from reports.models import EncounterTotal

URL = reverse("reports:encounter_totals")


def upload(client, content: bytes | str, name: str = "totals.csv", url: str = URL):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.django_db
def test_manager_imports_totals_with_finnish_headers_and_dates(manager_client, unit, manager):
    response = upload(
        manager_client,
        "\ufeffYksikkö;Päivämäärä;Käynnit\n"
        "keskusta;2.11.2026;84\n"
        "Keskustan kotihoito;2026-11-03;1 091\n",
    )
    assert response.status_code == 302
    rows = list(EncounterTotal.objects.values_list("unit_id", "day", "total", "imported_by_id"))
    assert rows == [
        (unit.pk, date(2026, 11, 2), 84, manager.pk),
        (unit.pk, date(2026, 11, 3), 1091, manager.pk),
    ]


@pytest.mark.django_db
def test_importing_a_day_again_replaces_the_figure(manager_client, unit):
    upload(manager_client, "unit,date,encounters\nkeskusta,2026-11-02,84\n")
    upload(manager_client, "unit,date,encounters\nkeskusta,2026-11-02,90\n")
    assert list(EncounterTotal.objects.values_list("total", flat=True)) == [90]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        ("unit;when;count\nkeskusta;2.11.2026;4\n", 1, "first line must name the columns"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;31.2.2026;4\n", 2, "is not a date"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;tomorrow;4\n", 2, "is not a date"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2099;4\n", 2, "in the future"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;-4\n", 2, "cannot be negative"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;4,5\n", 2, "not a whole number"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026\n", 2, "fields"),
        (
            "yksikkö;päivämäärä;käynnit\nhammashoitola;2.11.2026;4\n",
            2,
            "not one of the units you manage",
        ),
        (
            "yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;4\nkeskusta;2.11.2026;5\n",
            3,
            "earlier line",
        ),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;2147483648\n", 2, "too large"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;" + "9" * 400 + "\n", 2, "too large"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;²\n", 2, "not a whole number"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;01.01.0001;4\n", 2, "too far in the past"),
        ("yksikkö;päivämäärä;käynnit\nkeskusta;31.12.9999;4\n", 2, "in the future"),
        ("yksikkö;päivämäärä;käynnit\n", 2, "no lines of figures"),
        (" \n", 1, "empty"),
        (
            "yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;4\n".encode("utf-16"),
            1,
            "not a text file",
        ),
        (
            "yksikkö;päivämäärä;käynnit\nkeskusta;2.11.2026;4\nkesk\xe4;2.11.2026;5\n".encode(
                "latin-1"
            ),
            1,
            "UTF-8",
        ),
    ],
)
def test_a_bad_file_is_rejected_whole_with_line_numbers(
    manager_client, unit, other_unit, content, line, fragment
):
    body = content if isinstance(content, bytes) else content.encode()
    response = manager_client.post(
        "/en" + URL[3:], {"file": SimpleUploadedFile("t.csv", body, content_type="text/csv")}
    )
    assert response.status_code == 200
    errors = response.context["line_errors"]
    assert any(
        number == line and fragment.lower() in message.lower() for number, message in errors
    ), errors
    assert EncounterTotal.objects.count() == 0
    assert "Nothing was imported" in response.content.decode()


@pytest.mark.django_db
def test_good_lines_of_a_bad_file_are_not_saved(manager_client, unit):
    response = upload(
        manager_client,
        "yksikkö;päivämäärä;käynnit\nkeskusta;1.11.2026;10\nkeskusta;2.11.2026;-1\n",
    )
    assert response.status_code == 200
    assert EncounterTotal.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_file_is_refused(manager_client, unit):
    big = b"yksikk\xc3\xb6;pvm;lkm\n" + b"keskusta;1.11.2026;1\n" * 249_700
    response = upload(manager_client, big, url="/en" + URL[3:])
    assert response.status_code == 200
    assert "too large" in " ".join(response.context["form"].errors["file"])
    huge = upload(manager_client, b"x" * (7 * 1024 * 1024))
    assert huge.status_code == 413
    assert EncounterTotal.objects.count() == 0


@pytest.mark.django_db
def test_missing_file_gets_a_translated_error(manager_client, unit):
    response = manager_client.post(URL, {})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert EncounterTotal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["anonymous", "worker", "other_worker", "manager", "other_manager"]
)
def test_only_managers_reach_the_import_and_only_for_their_units(
    client, personas, unit, other_unit, persona
):
    user = personas[persona]
    if user:
        client.force_login(user)
    get = client.get(URL)
    post = upload(client, "yksikkö;päivämäärä;käynnit\nkeskusta;1.11.2026;10\n")
    if persona == "anonymous":
        assert get.status_code == 302 and post.status_code == 302
    elif persona in {"worker", "other_worker"}:
        assert get.status_code == 403 and post.status_code == 403
    elif persona == "manager":
        assert get.status_code == 200 and post.status_code == 302
    else:  # another unit's manager: the page works, the unit is refused
        assert get.status_code == 200 and post.status_code == 200
    saved = EncounterTotal.objects.count()
    assert saved == (1 if persona == "manager" else 0)


@pytest.mark.django_db
def test_import_needs_post_or_get_only(manager_client, unit):
    assert manager_client.put(URL).status_code == 405


@pytest.mark.django_db
def test_a_manager_of_several_units_imports_for_each(client, manager, unit, other_unit):
    Membership.objects.create(user=manager, unit=other_unit, role=Membership.Role.MANAGER)
    client.force_login(manager)
    response = upload(
        client, "yksikkö;päivämäärä;käynnit\nkeskusta;1.11.2026;10\nhammashoitola;1.11.2026;3\n"
    )
    assert response.status_code == 302
    assert EncounterTotal.objects.count() == 2
