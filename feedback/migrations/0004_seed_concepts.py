"""Seed the concept lexicon from feedback/insights/grouping/lexicon_seed.py (admins extend it later)."""

from django.db import migrations


def _parse(raw: str) -> tuple[str, float]:
    text, _, weight = raw.rpartition(":")
    try:
        return text, float(weight)
    except ValueError:
        return raw, 1.0


def seed(apps, schema_editor):
    from feedback.insights.grouping import lexicon_seed

    Concept = apps.get_model("feedback", "Concept")
    ConceptTerm = apps.get_model("feedback", "ConceptTerm")
    for item in lexicon_seed.CONCEPTS:
        concept, _ = Concept.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name_fi"],
                "name_sv": item["name_sv"],
                "name_en": item["name_en"],
            },
        )
        rows = {}
        for language, key, negative in (
            ("fi", "terms", False),
            ("sv", "terms_sv", False),
            ("fi", "negative", True),
        ):
            for raw in item.get(key, []):
                term, weight = _parse(raw) if not negative else (raw, 1.0)
                rows[(term.strip().lower(), language, negative)] = weight
        existing = set(
            ConceptTerm.objects.filter(concept=concept).values_list(
                "term", "language", "is_negative"
            )
        )
        ConceptTerm.objects.bulk_create(
            [
                ConceptTerm(
                    concept=concept,
                    term=term,
                    language=language,
                    weight=weight,
                    is_negative=negative,
                )
                for (term, language, negative), weight in sorted(rows.items())
                if (term, language, negative) not in existing
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0003_insights")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
