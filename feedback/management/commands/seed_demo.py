"""Demo data: a Central Finland wellbeing services county with six months of notes.

Idempotent: running it again creates nothing that exists. With ``--notes N`` it fills the
database up to N demo notes with bulk inserts (for benchmarks: ``--notes 1000000 --units 200
--days 1095``).
"""

import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from encounters.models import Channel, Encounter, Membership, ServiceArea, Unit
from feedback import demo_phrases
from feedback.models import Note, NoteEvent, NoteKind, NoteStatus, PrivacyFlag, Theme
from feedback.receipts import receipt_code_generate, receipt_code_hash

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
CHANNELS_BY_AREA = {
    "kotihoito": [Channel.HOME] * 8 + [Channel.PHONE, Channel.VIDEO],
    "terveysasemat": [Channel.CLINIC] * 6 + [Channel.PHONE] * 3 + [Channel.VIDEO],
    "neuvolat": [Channel.CLINIC] * 6 + [Channel.GROUP, Channel.HOME, Channel.PHONE],
    "aikuissosiaalityo": [Channel.CLINIC] * 4
    + [Channel.PHONE] * 3
    + [Channel.VIDEO, Channel.OTHER],
    "suun-terveydenhuolto": [Channel.CLINIC] * 9 + [Channel.PHONE],
}
KIND_WEIGHTS = [
    (NoteKind.IDEA, 20),
    (NoteKind.GOOD, 22),
    (NoteKind.BAD, 20),
    (NoteKind.PROBLEM, 23),
    (NoteKind.THANKS, 15),
]
BATCH = 5000


class Command(BaseCommand):
    help = "Load demo data (idempotent). --notes N for a large data set with bulk inserts."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--notes", type=int, default=2000, help="total demo notes (default 2000)"
        )
        parser.add_argument("--units", type=int, default=len(UNITS), help="units (default 8)")
        parser.add_argument("--days", type=int, default=182, help="history in days (default 182)")
        parser.add_argument("--seed", type=int, default=2017, help="random seed")

    def handle(self, *args, notes: int, units: int, days: int, seed: int, **options) -> None:
        if notes < 0 or units < 1 or days < 1:
            raise CommandError("--notes must be >= 0, --units and --days >= 1.")
        started = time.monotonic()
        rng = random.Random(seed)
        with transaction.atomic():
            unit_objs = self._organisation(units)
            users = self._staff(unit_objs)
        existing = Note.objects.filter(author__username__startswith="demo-").count()
        missing = notes - existing
        if missing > 0:
            self._notes(missing, unit_objs, users, days, rng)
        self.stdout.write(
            f"Demo data ready: {len(unit_objs)} units, "
            f"{Note.objects.count()} notes ({max(missing, 0)} new) "
            f"in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(
            f"Log in as demo-worker or demo-manager, password {DEMO_PASSWORD} (demo only)."
        )

    def _organisation(self, count: int) -> list[Unit]:
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

    def _staff(self, units: list[Unit]) -> dict[int, list]:
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

    def _notes(self, count: int, units: list[Unit], workers_by_unit: dict, days: int, rng) -> None:
        themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
        through = Note.themes.through
        area_of = {unit.pk: unit.service_area.slug for unit in units}
        phrases_by_area: dict[str, list[dict]] = {}
        for phrase in demo_phrases.PHRASES:
            for area in phrase.get("areas") or [slug for slug, *_ in AREAS]:
                phrases_by_area.setdefault(area, []).append(phrase)
        kinds = [kind for kind, _ in KIND_WEIGHTS]
        kind_weights = [weight for _, weight in KIND_WEIGHTS]
        now = timezone.now()
        span = days * 24 * 3600
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            encounters, notes, theme_rows = [], [], []
            for _ in range(size):
                unit = units[rng.randrange(len(units))]
                area = area_of[unit.pk]
                worker = rng.choice(workers_by_unit[unit.pk])
                # Office hours on weekdays, mostly.
                when = now - timedelta(seconds=rng.randrange(span))
                when = when.replace(hour=rng.choice([8, 9, 10, 11, 12, 13, 14, 15, 16]))
                phrase = rng.choice(phrases_by_area.get(area) or demo_phrases.PHRASES)
                encounters.append(
                    Encounter(
                        unit=unit,
                        worker=worker,
                        channel=rng.choice(CHANNELS_BY_AREA.get(area, [Channel.CLINIC])),
                        occurred_at=when,
                        client_asked=True,
                        created_at=when,
                    )
                )
                kind = phrase.get("kind") or rng.choices(kinds, kind_weights)[0]
                notes.append(
                    Note(
                        unit=unit,
                        author=worker,
                        kind=kind,
                        client_text=self._vary(phrase, rng),
                        worker_observation=(
                            rng.choice(demo_phrases.OBSERVATIONS) if rng.random() < 0.2 else ""
                        ),
                        may_publish=rng.random() < 0.7,
                        receipt_hash=(
                            receipt_code_hash(receipt_code_generate())
                            if rng.random() < 0.25
                            else None
                        ),
                        privacy_flags=[PrivacyFlag.PHONE.value] if rng.random() < 0.01 else [],
                        status=NoteStatus.RECEIVED,
                        created_at=when,
                    )
                )
                theme_rows.append(
                    [themes[slug] for slug in phrase.get("themes", []) if slug in themes]
                )
            # A few encounters where the client was asked but had nothing to add.
            asked_only = [
                Encounter(
                    unit=e.unit,
                    worker=e.worker,
                    channel=e.channel,
                    occurred_at=e.occurred_at,
                    created_at=e.created_at,
                    client_asked=True,
                    nothing_to_add=True,
                )
                for e in encounters
                if rng.random() < 0.35
            ]
            with transaction.atomic():
                Encounter.objects.bulk_create(encounters, batch_size=BATCH)
                Encounter.objects.bulk_create(asked_only, batch_size=BATCH)
                for note, encounter in zip(notes, encounters, strict=True):
                    note.encounter = encounter
                Note.objects.bulk_create(notes, batch_size=BATCH)
                through.objects.bulk_create(
                    [
                        through(note_id=note.pk, theme_id=theme_id)
                        for note, theme_ids in zip(notes, theme_rows, strict=True)
                        for theme_id in theme_ids
                    ],
                    batch_size=BATCH,
                )
                NoteEvent.objects.bulk_create(
                    [
                        NoteEvent(note=note, status=NoteStatus.RECEIVED, created_at=note.created_at)
                        for note in notes
                    ],
                    batch_size=BATCH,
                )
            done += size
            if count > BATCH:
                self.stdout.write(f"  {done}/{count} notes")

    @staticmethod
    def _vary(phrase: dict, rng) -> str:
        """Recombine phrases with openers and closers so that large data sets vary."""
        text = phrase["text"]
        swedish = phrase.get("lang") == "sv"
        openers = demo_phrases.OPENERS_SV if swedish else demo_phrases.OPENERS
        closers = demo_phrases.CLOSERS_SV if swedish else demo_phrases.CLOSERS
        if rng.random() < 0.25:
            text = f"{rng.choice(openers)} {text[0].lower()}{text[1:]}"
        if rng.random() < 0.2:
            text = f"{text} {rng.choice(closers)}"
        return text[:1000]
