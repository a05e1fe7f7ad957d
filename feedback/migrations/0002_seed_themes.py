from django.db import migrations

THEMES = [
    (
        "booking-access",
        "Ajanvaraus ja pääsy palveluun",
        "Tidsbokning och tillgång",
        "Booking and access",
    ),
    ("waiting", "Odottaminen", "Väntan", "Waiting"),
    (
        "information",
        "Tiedonkulku ja viestintä",
        "Information och kommunikation",
        "Information and communication",
    ),
    ("respect", "Kohtelu ja kunnioitus", "Bemötande och respekt", "Treatment and respect"),
    ("continuity", "Jatkuvuus", "Kontinuitet", "Continuity"),
    ("premises", "Tilat", "Lokaler", "Premises"),
    ("digital", "Digitaaliset palvelut", "Digitala tjänster", "Digital services"),
    ("service-content", "Palvelun sisältö", "Tjänstens innehåll", "Content of the service"),
    ("fees", "Maksut", "Avgifter", "Fees"),
    ("other", "Muu", "Annat", "Other"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("feedback", "Theme")
    for position, (slug, fi, sv, en) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            slug=slug,
            defaults={"name": fi, "name_sv": sv, "name_en": en, "position": position * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
