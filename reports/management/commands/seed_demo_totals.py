"""Demo encounter totals (see reports.demo). Run after seed_demo; demo data only."""

from django.core.management.base import BaseCommand

from reports.demo import encounter_totals_demo_seed


class Command(BaseCommand):
    help = "Import demo encounter totals so that the dashboard shows an ask rate (demo only)."

    def handle(self, *args, **options) -> None:
        count = encounter_totals_demo_seed()
        self.stdout.write(f"{count} demo encounter totals imported.")
