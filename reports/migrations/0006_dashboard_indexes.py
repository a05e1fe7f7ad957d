"""The dashboard's weekly figures from covering indexes, and the monthly note roll-up."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("encounters", "0003_merge_0002_area_management_0002_encounter_counted_at"),
        ("reports", "0005_unused_knowledge_check"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitNoteMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="month (first day)")),
                ("notes", models.PositiveIntegerField(default=0, verbose_name="notes")),
            ],
            options={
                "verbose_name": "notes of a unit in a month",
                "verbose_name_plural": "notes of units by month",
                "ordering": ["unit", "month"],
            },
        ),
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
        migrations.AddField(
            model_name="unitnotemonth",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="note_months",
                to="encounters.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitnotemonth",
            constraint=models.UniqueConstraint(
                fields=("unit", "month"), name="unitnotemonth_one_per_month"
            ),
        ),
    ]
