"""Indexes for the managers' dashboard: period counts and unused notes read small indexes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0009_lexicon_refresh"),
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
                condition=models.Q(("status__in", ["action_planned", "done", "not_possible"])),
                fields=["unit", "created_at"],
                name="note_answered_unit_time",
            ),
        ),
        migrations.AddIndex(
            model_name="note",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["action_planned", "done", "not_possible"]), _negated=True
                ),
                fields=["insight", "created_at"],
                include=("unit",),
                name="note_unanswered_insight",
            ),
        ),
    ]
