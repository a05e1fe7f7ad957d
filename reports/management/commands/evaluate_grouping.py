from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from reports.grouping_evaluation import evaluate


class Command(BaseCommand):
    help = (
        "Measure grouping quality on the labelled notes corpus (pairwise precision, recall, "
        "F1; placement after curation). Works in a throwaway test database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--here",
            action="store_true",
            help="use the configured database (rolled back) instead of a test database",
        )

    def handle(self, *args, split: str, json: bool, here: bool, **options) -> None:
        if not here:
            # A database of its own, so that other notes never blur the figures.
            connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
        from feedback.models import Note

        with transaction.atomic():
            if Note.objects.exists():
                raise CommandError("the evaluation needs a database without notes")
            figures = evaluate(split)
            transaction.set_rollback(True)
        self.stdout.write(figures.as_json() if json else figures.line())
