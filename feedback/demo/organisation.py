"""The demo county: service areas, units and staff with their memberships.

Only demo data: every user is named demo-*, and the password is printed by seed_demo.
"""

from django.contrib.auth import get_user_model

from encounters.models import Membership, ServiceArea, Unit

DEMO_PASSWORD = "kumppanuus-demo"  # noqa: S105 - demo only, created by this command only


AREAS = [
    ("kotihoito", "Kotihoito", "Hemvård", "Home care"),
    ("terveysasemat", "Terveysasemat", "Hälsostationer", "Health stations"),
    ("neuvolat", "Lastenneuvolat", "Barnrådgivningar", "Child health clinics"),
    ("aikuissosiaalityo", "Aikuissosiaalityö", "Socialt arbete för vuxna", "Adult social work"),
    ("suun-terveydenhuolto", "Suun terveydenhuolto", "Mun- och tandvård", "Oral health"),
]


UNITS = [
    (
        "jkl-keskusta-kotihoito",
        "kotihoito",
        "Jyväskylän keskustan kotihoito",
        "Jyväskylä centrums hemvård",
        "Jyväskylä city centre home care",
    ),
    ("jamsa-kotihoito", "kotihoito", "Jämsän kotihoito", "Jämsä hemvård", "Jämsä home care"),
    (
        "kuokkala-terveysasema",
        "terveysasemat",
        "Kuokkalan terveysasema",
        "Kuokkala hälsostation",
        "Kuokkala health station",
    ),
    (
        "keuruu-terveysasema",
        "terveysasemat",
        "Keuruun terveysasema",
        "Keuruu hälsostation",
        "Keuruu health station",
    ),
    (
        "palokka-neuvola",
        "neuvolat",
        "Palokan lastenneuvola",
        "Palokka barnrådgivning",
        "Palokka child health clinic",
    ),
    (
        "saarijarvi-neuvola",
        "neuvolat",
        "Saarijärven lastenneuvola",
        "Saarijärvi barnrådgivning",
        "Saarijärvi child health clinic",
    ),
    (
        "jkl-aikuissosiaalityo",
        "aikuissosiaalityo",
        "Jyväskylän aikuissosiaalityö",
        "Socialt arbete för vuxna i Jyväskylä",
        "Jyväskylä adult social work",
    ),
    (
        "jkl-hammashoitola",
        "suun-terveydenhuolto",
        "Jyväskylän keskustan hammashoitola",
        "Tandkliniken i Jyväskylä centrum",
        "Jyväskylä city centre dental clinic",
    ),
]


# username, first name, role, unit slugs
STAFF = [
    (
        "demo-worker",
        "Sanna",
        Membership.Role.WORKER,
        ["jkl-keskusta-kotihoito", "kuokkala-terveysasema"],
    ),
    (
        "demo-manager",
        "Tuula",
        Membership.Role.MANAGER,
        [
            "jkl-keskusta-kotihoito",
            "jamsa-kotihoito",
            "kuokkala-terveysasema",
            "keuruu-terveysasema",
        ],
    ),
    (
        "demo-manager-2",
        "Mikael",
        Membership.Role.MANAGER,
        ["palokka-neuvola", "saarijarvi-neuvola", "jkl-aikuissosiaalityo", "jkl-hammashoitola"],
    ),
    ("demo-worker-2", "Jari", Membership.Role.WORKER, ["jkl-keskusta-kotihoito"]),
    ("demo-worker-3", "Minna", Membership.Role.WORKER, ["jamsa-kotihoito"]),
    ("demo-worker-4", "Pekka", Membership.Role.WORKER, ["kuokkala-terveysasema"]),
    ("demo-worker-5", "Aino", Membership.Role.WORKER, ["keuruu-terveysasema"]),
    ("demo-worker-6", "Heidi", Membership.Role.WORKER, ["palokka-neuvola"]),
    ("demo-worker-7", "Liisa", Membership.Role.WORKER, ["saarijarvi-neuvola"]),
    ("demo-worker-8", "Johanna", Membership.Role.WORKER, ["jkl-aikuissosiaalityo"]),
    ("demo-worker-9", "Anders", Membership.Role.WORKER, ["jkl-hammashoitola"]),
    (
        "demo-worker-10",
        "Riikka",
        Membership.Role.WORKER,
        ["jkl-hammashoitola", "kuokkala-terveysasema"],
    ),
]


def organisation_ensure(*, count: int) -> list[Unit]:
    """The demo county's service areas and units; beyond the named ones, bench units."""
    areas = {}
    for slug, fi, sv, en in AREAS:
        areas[slug], _ = ServiceArea.objects.get_or_create(
            slug=slug, defaults={"name": fi, "name_sv": sv, "name_en": en}
        )
    result = []
    for slug, area, fi, sv, en in UNITS[:count]:
        unit, _ = Unit.objects.get_or_create(
            slug=slug,
            defaults={"service_area": areas[area], "name": fi, "name_sv": sv, "name_en": en},
        )
        result.append(unit)
    # Benchmark sizes: more units, spread over the areas.
    area_list = list(areas.values())
    for number in range(len(UNITS) + 1, count + 1):
        area = area_list[number % len(area_list)]
        unit, _ = Unit.objects.get_or_create(
            slug=f"{area.slug}-{number:04d}",
            defaults={"service_area": area, "name": f"{area.name} {number}"},
        )
        result.append(unit)
    return result


def staff_ensure(*, units: list[Unit]) -> dict[int, list]:
    """Demo users and memberships; returns the workers of each unit id."""
    user_model = get_user_model()
    by_slug = {unit.slug: unit for unit in units}
    workers_by_unit: dict[int, list] = {unit.pk: [] for unit in units}
    for username, first_name, role, unit_slugs in STAFF:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for slug in unit_slugs:
            if slug in by_slug:
                Membership.objects.get_or_create(
                    user=user, unit=by_slug[slug], defaults={"role": role}
                )
                workers_by_unit[by_slug[slug].pk].append(user)
    # Units beyond the named eight get the shared bench worker.
    if len(units) > len(UNITS):
        bench, created = user_model.objects.get_or_create(username="demo-bench-worker")
        if created:
            bench.set_unusable_password()
            bench.save(update_fields=["password"])
        Membership.objects.bulk_create(
            [Membership(user=bench, unit=unit) for unit in units[len(UNITS) :]],
            ignore_conflicts=True,
        )
        for unit in units[len(UNITS) :]:
            workers_by_unit[unit.pk].append(bench)
    return workers_by_unit
