"""Indexes for the managers' dashboard: the weekly figures read the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("encounters", "0003_merge_0002_area_management_0002_encounter_counted_at"),
        ("reports", "0005_unused_knowledge_check"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="weeklyunitstat",
            index=models.Index(
                condition=models.Q(("theme", "")),
                fields=["unit", "week_start"],
                include=("kind", "channel", "notes", "encounters_asked", "nothing_to_add"),
                name="weeklyunitstat_all_themes",
            ),
        ),
        migrations.AddIndex(
            model_name="weeklyunitstat",
            index=models.Index(
                condition=models.Q(("theme", ""), _negated=True),
                fields=["unit", "week_start"],
                include=("theme", "kind", "channel", "notes"),
                name="weeklyunitstat_by_theme",
            ),
        ),
    ]
