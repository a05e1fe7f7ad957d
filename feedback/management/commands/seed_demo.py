"""Demo data: a Central Finland wellbeing services county with six months of notes.

See feedback.demo.seeding. For benchmarks: ``--notes 1000000 --units 200 --days 1095``.
"""

from django.core.management.base import BaseCommand, CommandError

from feedback.demo.organisation import UNITS
from feedback.demo.seeding import DemoSeeder


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
        DemoSeeder(stdout=self.stdout).run(notes=notes, units=units, days=days, seed=seed)
