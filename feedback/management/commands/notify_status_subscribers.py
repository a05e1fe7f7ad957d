from django.core.management.base import BaseCommand

from feedback.notes.services import status_subscriptions_notify


class Command(BaseCommand):
    help = "E-mail clients who asked to hear when their note's status changes."

    def handle(self, *args, **options):
        sent = status_subscriptions_notify()
        self.stdout.write(f"{sent} status e-mails sent.")
