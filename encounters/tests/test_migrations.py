"""Data migrations keep what is already saved (real database, migrated back and forth)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_OUTBOX = [("encounters", "0004_drop_redundant_indexes")]
OUTBOX = [("encounters", "0005_encounter_outbox")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_encounters_not_yet_counted_move_into_the_statistics_outbox(django_user_model):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = _migrate(BEFORE_OUTBOX)
        area = apps.get_model("encounters", "ServiceArea").objects.create(
            name="Kotihoito", slug="kotihoito"
        )
        unit = apps.get_model("encounters", "Unit").objects.create(
            name="Keskusta", slug="keskusta", service_area=area
        )
        worker = apps.get_model("auth", "User").objects.create(username="hoitaja")
        encounter = apps.get_model("encounters", "Encounter")
        now = timezone.now()
        waiting = [
            encounter.objects.create(unit=unit, worker=worker, channel="home", occurred_at=now)
            for _ in range(2)
        ]
        encounter.objects.create(
            unit=unit, worker=worker, channel="home", occurred_at=now, counted_at=now
        )

        apps = _migrate(OUTBOX)

        outbox = apps.get_model("encounters", "UncountedEncounter").objects
        assert sorted(outbox.values_list("encounter_id", flat=True)) == [e.pk for e in waiting]
        assert apps.get_model("encounters", "Encounter").objects.count() == 3
    finally:
        _migrate(leaves)
