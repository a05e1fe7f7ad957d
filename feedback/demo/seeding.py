"""Demo notes: six months of a county's notes from the phrase bank, or a million for benches.

Idempotent: running it again creates nothing that exists. With ``notes`` above what exists
it fills the database up to that many demo notes with bulk inserts. On PostgreSQL the notes
go in through COPY, with a writer thread sending one batch while the next is made; into
empty tables the secondary indexes are built after the load. A million notes take about
70 s on two cores busy with other work (120 s with the indexes kept up to date row by
row), against some eight minutes with bulk_create.
"""

import queue
import random
import threading
import time
from datetime import datetime, timedelta

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from encounters.models import Channel, Encounter, UncountedEncounter, Unit
from feedback.models import Note, NoteEvent, NoteKind, NoteStatus, PrivacyFlag, Theme
from feedback.notes.receipts import receipt_code_generate, receipt_code_hash

from . import bulk
from . import phrases as demo_phrases
from .bulk import (
    BATCH,
    COPY_BATCH,
    COPY_ESCAPES,
    EPOCH,
    NULL,
    PHONE_JSON,
    SEEDED_MODELS,
    columns,
    copy_writer,
    reserve_ids,
    secondary_indexes_deferred,
)
from .organisation import AREAS, DEMO_PASSWORD, organisation_ensure, staff_ensure

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


class DemoSeeder:
    """Writes demo notes; progress goes to `stdout` (a management command's)."""

    def __init__(self, *, stdout) -> None:
        self.stdout = stdout

    def run(self, *, notes: int, units: int, days: int, seed: int) -> None:
        started = time.monotonic()
        self.now = timezone.now()
        self._copy_days: dict[int, str] = {}
        rng = random.Random(seed)
        with transaction.atomic():
            unit_objs = organisation_ensure(count=units)
            users = staff_ensure(units=unit_objs)
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
                "encounter": reserve_ids(cursor, Encounter, 2 * count),
                "note": reserve_ids(cursor, Note, count),
            }
        # Worth it for loads of several batches; a small seed keeps its indexes.
        with secondary_indexes_deferred(enabled=count > COPY_BATCH):
            self._copy_batches(count, batches, ids)
        with connection.cursor() as cursor:
            for model in SEEDED_MODELS:
                cursor.execute(f"ANALYZE {model._meta.db_table}")

    def _copy_batches(self, count: int, batches, ids: dict) -> None:
        if count <= COPY_BATCH:
            for encounters, notes in batches:
                bulk.copy_send(self._copy_lines(encounters, notes, ids))
        else:
            pending: queue.Queue = queue.Queue(maxsize=1)
            failure: list[BaseException] = []
            writer = threading.Thread(
                target=copy_writer, args=(pending, failure), name="seed-copy", daemon=True
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
        encounter_columns, end_encounter = columns(
            Encounter,
            "created_at, updated_at, channel, occurred_at, client_asked, nothing_to_add, "
            "worker_id, unit_id",
        )
        note_columns, end_note = columns(
            Note,
            "id, created_at, updated_at, kind, client_text, worker_observation, may_publish, "
            "receipt_hash, privacy_flags, status, author_id, encounter_id, unit_id",
        )
        theme_columns, end_theme = columns(Note.themes.through, "note_id, theme_id")
        event_columns, end_event = columns(NoteEvent, "status, created_at, note_id")
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
                f"{note_id}\t{when}\t{updated}\t{kind}\t{text.translate(COPY_ESCAPES)}\t"
                f"{observation.translate(COPY_ESCAPES)}\t{'t' if may_publish else 'f'}\t"
                f"{receipt_hash or NULL}\t{PHONE_JSON if flags else '[]'}\t"
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
