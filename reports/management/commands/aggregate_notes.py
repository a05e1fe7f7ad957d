from django.core.management.base import BaseCommand

from reports.aggregation import aggregation_run


class Command(BaseCommand):
    help = (
        "Group unprocessed notes into insights and update the weekly statistics "
        "(the same work as the Celery job). --full rebuilds everything."
    )
    # A job, run often: the system checks cost ~0.7 s of every start (a sixth of a
    # 1 000-note run into a million) and find nothing a deployment's `check` has not.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild from all notes")

    def handle(self, *args, full: bool, **options) -> None:
        run = aggregation_run(full=full)
        self.stdout.write(
            f"Aggregated: {run.notes_grouped} notes grouped, "
            f"{run.encounters_counted} encounters counted, "
            f"{run.weeks_recomputed} unit-weeks recomputed "
            f"in {(run.finished_at - run.started_at).total_seconds():.1f} s."
        )
