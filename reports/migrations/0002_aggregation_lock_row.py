from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("reports", "AggregationLock").objects.get_or_create(name="aggregation")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
