from django.core.management.base import BaseCommand

from reports.models import AggregationRun
from reports.rollups import note_months_refresh
from reports.services import aggregation_run


class Command(BaseCommand):
    help = (
        "Group unprocessed notes into insights and update the weekly statistics "
        "(the same work as the Celery job). --full rebuilds everything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild from all notes")

    def handle(self, *args, full: bool, **options) -> None:
        AggregationRun.abandon_stale()
        run = aggregation_run(full=full)
        note_months_refresh()
        self.stdout.write(
            f"Aggregated: {run.notes_grouped} notes grouped, "
            f"{run.encounters_counted} encounters counted, "
            f"{run.weeks_recomputed} unit-weeks recomputed "
            f"in {(run.finished_at - run.started_at).total_seconds():.1f} s."
        )
