"""Demo data: a Central Finland wellbeing services county with six months of notes.

Idempotent: running it again creates nothing that exists. With ``--notes N`` it fills the
database up to N demo notes with bulk inserts (for benchmarks: ``--notes 1000000 --units 200
--days 1095``). On PostgreSQL the notes go in through COPY, with a writer thread sending one
batch while the next is made; into empty tables the secondary indexes are built after the
load. A million notes take about 70 s on two cores busy with other work (120 s with the
indexes kept up to date row by row), against some eight minutes with bulk_create.
"""

import json
import queue
import random
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from encounters.models import Channel, Encounter, Membership, ServiceArea, UncountedEncounter, Unit
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
# Notes per COPY round on PostgreSQL: large enough that round trips do not matter.
COPY_BATCH = 50_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# COPY's text format: backslash, tab, newline and carriage return are escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_NULL = "\\N"
_PHONE_JSON = '["phone"]'


def _reserve_ids(cursor, model, count: int) -> int:
    """Take ``count`` consecutive ids from the table's sequence; returns the first.

    Meant for the demo seed: another session inserting into the same table at the same
    moment could take an id in between, which the seed does not guard against.
    """
    table = model._meta.db_table
    cursor.execute(
        "SELECT setval(seq, nextval(seq) + %s - 1) FROM pg_get_serial_sequence(%s, 'id') AS seq",
        [count, table],
    )
    return cursor.fetchone()[0] - count + 1


# The tables a seed fills. Into empty ones (a fresh database), the COPY goes without their
# secondary indexes, which are built again afterwards: building an index over a million
# rows at once takes a fraction of what keeping it up to date row by row does.
_SEEDED_MODELS = (Encounter, UncountedEncounter, Note, Note.themes.through, NoteEvent)
_SECONDARY_INDEXES = """
    SELECT index.indexrelid::regclass::text, pg_get_indexdef(index.indexrelid)
    FROM pg_index index
    WHERE index.indrelid = %s::regclass
      AND NOT index.indisprimary AND NOT index.indisunique
      AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
"""


@contextmanager
def _secondary_indexes_deferred(*, enabled: bool):
    """Drop the seeded tables' secondary indexes while inside, if the tables are empty.

    Indexes that back a constraint (primary and unique keys) stay, so every row is still
    checked as it arrives. The others are built again on the way out, also after an error.
    Only outside a transaction: inside one, the rows' deferred foreign-key checks would
    still be pending when the indexes are built, which PostgreSQL refuses.
    """
    models_ = _SEEDED_MODELS
    if (
        not enabled
        or connection.in_atomic_block
        or any(model.objects.exists() for model in models_)
    ):
        yield
        return
    with connection.cursor() as cursor:
        definitions = []
        for model in models_:
            cursor.execute(_SECONDARY_INDEXES, [model._meta.db_table])
            definitions += cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, definition in definitions:
                cursor.execute(definition)


def _copy_text(field, value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return _NULL
    if isinstance(field, models.JSONField):
        return json.dumps(value).translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def _columns(model, filled: str) -> tuple[str, str]:
    """The column list for COPY and the line ending that adds the other columns' defaults.

    ``filled`` names the columns the caller writes; every other concrete column except an
    unlisted primary key gets its model default, the value bulk_create would have used.
    """
    names = [name.strip() for name in filled.split(",")]
    rest = [
        field
        for field in model._meta.concrete_fields
        if field.column not in names and not field.primary_key
    ]
    for field in rest:
        if field.unique and field.has_default():
            # One default per batch would repeat in every row.
            raise CommandError(
                f"seed_demo must fill the unique column {model.__name__}.{field.name}"
            )
    columns = ", ".join([*names, *(field.column for field in rest)])
    ending = "".join(f"\t{_copy_text(field, field.get_default())}" for field in rest)
    return columns, ending + "\n"


def _copy_send(tables: dict) -> None:
    """COPY one batch's lines, all tables in one transaction, in the calling thread."""
    with transaction.atomic(), connection.cursor() as cursor:
        for (model, columns), lines in tables.items():
            if not lines:
                continue
            with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(lines), 10_000):
                    copy.write("".join(lines[start : start + 10_000]))


def _copy_writer(pending: queue.Queue, failure: list) -> None:
    """The writer thread: COPY batches from the queue until None; keep the first error."""
    try:
        while (tables := pending.get()) is not None:
            if not failure:
                _copy_send(tables)
    except BaseException as error:  # reported by the main thread
        failure.append(error)
        while pending.get() is not None:
            pass
    finally:
        connection.close()


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
        self.now = timezone.now()
        self._copy_days: dict[int, str] = {}
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
        """Generate ``count`` notes in batches; COPY on PostgreSQL, bulk_create elsewhere.

        Both writers take the same rows from ``_batches``, so the data does not depend on
        the database; COPY only makes a million notes fit the bench's two minutes.
        """
        batches = self._batches(
            count, COPY_BATCH if self._use_copy() else BATCH, units, workers_by_unit, days, rng
        )
        if self._use_copy():
            self._notes_copy(count, batches)
        else:
            done = 0
            for encounters, notes in batches:
                self._write_orm(encounters, notes)
                done += len(notes)
                if count > BATCH:
                    self.stdout.write(f"  {done}/{count} notes")

    @staticmethod
    def _use_copy() -> bool:
        return connection.vendor == "postgresql"

    def _notes_copy(self, count: int, batches) -> None:
        """PostgreSQL: text lines made here, sent by COPY while the next batch is made.

        With more than one batch a writer thread with its own connection does the COPYs, so
        Python and PostgreSQL work at the same time; each batch is one transaction.
        """
        with connection.cursor() as cursor:
            ids = {
                # Each note's encounter and at most as many where nothing was added.
                "encounter": _reserve_ids(cursor, Encounter, 2 * count),
                "note": _reserve_ids(cursor, Note, count),
            }
        # Worth it for loads of several batches; a small seed keeps its indexes.
        with _secondary_indexes_deferred(enabled=count > COPY_BATCH):
            self._copy_batches(count, batches, ids)
        with connection.cursor() as cursor:
            for model in _SEEDED_MODELS:
                cursor.execute(f"ANALYZE {model._meta.db_table}")

    def _copy_batches(self, count: int, batches, ids: dict) -> None:
        if count <= COPY_BATCH:
            for encounters, notes in batches:
                _copy_send(self._copy_lines(encounters, notes, ids))
        else:
            pending: queue.Queue = queue.Queue(maxsize=1)
            failure: list[BaseException] = []
            writer = threading.Thread(
                target=_copy_writer, args=(pending, failure), name="seed-copy", daemon=True
            )
            writer.start()
            done = 0
            try:
                for encounters, notes in batches:
                    lines = self._copy_lines(encounters, notes, ids)
                    while not failure:
                        try:
                            pending.put(lines, timeout=1)
                            break
                        except queue.Full:
                            continue
                    if failure:
                        break
                    done += len(notes)
                    self.stdout.write(f"  {done}/{count} notes")
            finally:
                pending.put(None)
                writer.join()
            if failure:
                raise CommandError(f"COPY failed: {failure[0]}") from failure[0]

    def _batches(self, count: int, size: int, units, workers_by_unit, days: int, rng):
        """Rows as plain tuples, ``size`` notes at a time.

        An encounter is ``(unit_id, worker_id, channel, seconds, nothing_to_add)`` and a note
        ``(encounter_index, unit_id, worker_id, kind, text, observation, may_publish,
        receipt_hash, privacy_flags, seconds, theme_ids)``, times as whole seconds since the
        epoch (UTC) with ``now``'s microseconds kept apart.
        """
        themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
        phrases_by_area: dict[str, list[dict]] = {}
        for phrase in demo_phrases.PHRASES:
            phrase = {
                **phrase,
                "theme_ids": [themes[s] for s in phrase.get("themes", []) if s in themes],
            }
            for area in phrase.get("areas") or [slug for slug, *_ in AREAS]:
                phrases_by_area.setdefault(area, []).append(phrase)
        all_phrases = [phrase for group in phrases_by_area.values() for phrase in group]
        # Per unit: its id, its workers' ids, its area's phrases and channels.
        plan = [
            (
                unit.pk,
                [worker.pk for worker in workers_by_unit[unit.pk]],
                phrases_by_area.get(unit.service_area.slug) or all_phrases,
                CHANNELS_BY_AREA.get(unit.service_area.slug, [Channel.CLINIC]),
            )
            for unit in units
        ]
        kinds = [str(kind) for kind, _ in KIND_WEIGHTS]
        kind_weights = [weight for _, weight in KIND_WEIGHTS]
        channels = {channel: str(channel) for channel in Channel}
        observations = demo_phrases.OBSERVATIONS
        hours = [8, 9, 10, 11, 12, 13, 14, 15, 16]
        now = int(self.now.timestamp())
        span = days * 24 * 3600
        phone = [PrivacyFlag.PHONE.value]
        random_, randrange, choice = rng.random, rng.randrange, rng.choice
        done = 0
        while done < count:
            n = min(size, count - done)
            encounters, notes = [], []
            for _ in range(n):
                unit_id, workers, phrases, unit_channels = plan[randrange(len(plan))]
                worker_id = choice(workers)
                # Office hours on weekdays, mostly: the same hour-of-day as replace(hour=).
                seconds = now - randrange(span)
                seconds += (choice(hours) - seconds % 86400 // 3600) * 3600
                phrase = choice(phrases)
                encounters.append(
                    (unit_id, worker_id, channels[choice(unit_channels)], seconds, False)
                )
                kind = phrase.get("kind") or rng.choices(kinds, kind_weights)[0]
                notes.append(
                    (
                        len(encounters) - 1,
                        unit_id,
                        worker_id,
                        str(kind),
                        self._vary(phrase, rng),
                        choice(observations) if random_() < 0.2 else "",
                        random_() < 0.7,
                        (receipt_code_hash(receipt_code_generate()) if random_() < 0.25 else None),
                        phone if random_() < 0.01 else [],
                        seconds,
                        phrase["theme_ids"],
                    )
                )
            # A few encounters where the client was asked but had nothing to add.
            encounters += [
                (unit_id, worker_id, channel, seconds, True)
                for unit_id, worker_id, channel, seconds, _ in encounters[:n]
                if random_() < 0.35
            ]
            yield encounters, notes
            done += n

    def _when(self, seconds: int) -> datetime:
        return EPOCH + timedelta(seconds=seconds, microseconds=self.now.microsecond)

    def _write_orm(self, encounters: list[tuple], notes: list[tuple]) -> None:
        through = Note.themes.through
        encounter_objs = [
            Encounter(
                unit_id=unit_id,
                worker_id=worker_id,
                channel=channel,
                occurred_at=self._when(seconds),
                client_asked=True,
                nothing_to_add=nothing_to_add,
                created_at=self._when(seconds),
            )
            for unit_id, worker_id, channel, seconds, nothing_to_add in encounters
        ]
        note_objs = [
            Note(
                encounter=encounter_objs[index],
                unit_id=unit_id,
                author_id=worker_id,
                kind=kind,
                client_text=text,
                worker_observation=observation,
                may_publish=may_publish,
                receipt_hash=receipt_hash,
                privacy_flags=list(flags),
                status=NoteStatus.RECEIVED,
                created_at=self._when(seconds),
            )
            for (index, unit_id, worker_id, kind, text, observation, may_publish, receipt_hash,
                 flags, seconds, _) in notes
        ]  # fmt: skip
        with transaction.atomic():
            Encounter.objects.bulk_create(encounter_objs, batch_size=BATCH)
            UncountedEncounter.objects.bulk_create(
                [UncountedEncounter(encounter=encounter) for encounter in encounter_objs],
                batch_size=BATCH,
            )
            for note in note_objs:
                note.encounter = note.encounter  # picks up the encounter's new pk
            Note.objects.bulk_create(note_objs, batch_size=BATCH)
            through.objects.bulk_create(
                [
                    through(note_id=note.pk, theme_id=theme_id)
                    for note, row in zip(note_objs, notes, strict=True)
                    for theme_id in row[-1]
                ],
                batch_size=BATCH,
            )
            NoteEvent.objects.bulk_create(
                [
                    NoteEvent(note=note, status=NoteStatus.RECEIVED, created_at=note.created_at)
                    for note in note_objs
                ],
                batch_size=BATCH,
            )

    def _copy_lines(self, encounters: list[tuple], notes: list[tuple], ids: dict) -> dict:
        """COPY text lines for one batch; ``ids`` holds the next reserved ids (advanced)."""
        micro = f".{self.now.microsecond:06d}+00"
        days = self._copy_days

        def stamp(seconds: int) -> str:
            day, rest = divmod(seconds, 86400)
            text = days.get(day)
            if text is None:
                text = days[day] = (EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
            hour, rest = divmod(rest, 3600)
            return f"{text} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}{micro}"

        updated = stamp(int(self.now.timestamp()))
        received = str(NoteStatus.RECEIVED)
        first_encounter, first_note = ids["encounter"], ids["note"]
        ids["encounter"] += len(encounters)
        ids["note"] += len(notes)
        # Columns this command fills, then every other column with its model default, so
        # that a field added later is filled as bulk_create would fill it.
        encounter_columns, end_encounter = _columns(
            Encounter,
            "created_at, updated_at, channel, occurred_at, client_asked, nothing_to_add, "
            "worker_id, unit_id",
        )
        note_columns, end_note = _columns(
            Note,
            "id, created_at, updated_at, kind, client_text, worker_observation, may_publish, "
            "receipt_hash, privacy_flags, status, author_id, encounter_id, unit_id",
        )
        theme_columns, end_theme = _columns(Note.themes.through, "note_id, theme_id")
        event_columns, end_event = _columns(NoteEvent, "status, created_at, note_id")
        encounter_lines, outbox_lines = [], []
        for offset, (unit_id, worker_id, channel, seconds, nothing) in enumerate(encounters):
            when = stamp(seconds)
            encounter_lines.append(
                f"{first_encounter + offset}\t{when}\t{updated}\t{channel}\t{when}\tt\t"
                f"{'t' if nothing else 'f'}\t{worker_id}\t{unit_id}{end_encounter}"
            )
            outbox_lines.append(f"{first_encounter + offset}\n")
        note_lines, theme_lines, event_lines = [], [], []
        for offset, row in enumerate(notes):
            (index, unit_id, worker_id, kind, text, observation, may_publish, receipt_hash,
             flags, seconds, theme_ids) = row  # fmt: skip
            note_id = first_note + offset
            when = stamp(seconds)
            note_lines.append(
                f"{note_id}\t{when}\t{updated}\t{kind}\t{text.translate(_COPY_ESCAPES)}\t"
                f"{observation.translate(_COPY_ESCAPES)}\t{'t' if may_publish else 'f'}\t"
                f"{receipt_hash or _NULL}\t{_PHONE_JSON if flags else '[]'}\t"
                f"{received}\t{worker_id}\t{first_encounter + index}\t{unit_id}{end_note}"
            )
            for theme_id in theme_ids:
                theme_lines.append(f"{note_id}\t{theme_id}{end_theme}")
            event_lines.append(f"{received}\t{when}\t{note_id}{end_event}")
        return {
            (Encounter, f"id, {encounter_columns}"): encounter_lines,
            (UncountedEncounter, "encounter_id"): outbox_lines,
            (Note, note_columns): note_lines,
            (Note.themes.through, theme_columns): theme_lines,
            (NoteEvent, event_columns): event_lines,
        }

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
