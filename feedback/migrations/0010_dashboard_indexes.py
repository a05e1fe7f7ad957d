"""Indexes for the managers' dashboard: its period counts and unused notes read the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0008_note_text_constraint"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="note",
            index=models.Index(
                fields=["unit", "created_at"],
                include=("author", "status", "withdrawn_at"),
                name="note_unit_time_counts",
            ),
        ),
        migrations.AddIndex(
            model_name="note",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["action_planned", "done", "not_possible"]), _negated=True
                ),
                fields=["unit", "created_at"],
                include=("insight",),
                name="note_unanswered_unit_time",
            ),
        ),
    ]
