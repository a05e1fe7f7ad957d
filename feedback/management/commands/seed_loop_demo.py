"""Demo follow-up actions, published (see feedback.demo.loop). Run after aggregate_notes."""

from django.core.management.base import BaseCommand

from feedback.demo.loop import loop_demo_seed


class Command(BaseCommand):
    help = "Create and publish demo actions for the largest insights (demo data only)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(loop_demo_seed())
