from django.core.management.base import BaseCommand

from feedback.notes.services import status_subscriptions_purge


class Command(BaseCommand):
    help = "Delete e-mail subscriptions whose loop has closed or that are older than allowed."

    def handle(self, *args, **options):
        deleted = status_subscriptions_purge()
        self.stdout.write(f"{deleted} status subscriptions deleted.")
