from django.core.management.base import BaseCommand

from feedback.privacy.retention import retention_enforce


class Command(BaseCommand):
    help = "Erase the words of notes past NOTE_TEXT_RETENTION_DAYS and purge old audit rows."

    def handle(self, *args, **options) -> None:
        result = retention_enforce()
        self.stdout.write(
            f"Erased the text of {result['note_texts_erased']} notes; "
            f"deleted {result['audit_rows_deleted']} audit rows and "
            f"{result['integration_calls_deleted']} integration call rows."
        )
