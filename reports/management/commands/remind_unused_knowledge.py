from django.core.management.base import BaseCommand

from reports.services import unused_knowledge_remind


class Command(BaseCommand):
    help = "E-mail managers whose unused experiential knowledge has grown since the last check."

    def handle(self, *args, **options) -> None:
        sent = unused_knowledge_remind()
        self.stdout.write(f"Sent {sent} reminder(s).")
