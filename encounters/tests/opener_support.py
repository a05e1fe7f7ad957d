"""The organisation-wide starter set as its data migration creates it, for tests that run
after a transactional test has flushed it."""

import importlib

from encounters.models import Opener

_migration = importlib.import_module("encounters.migrations.0008_opener_starter_set")


def starter_set_seed() -> list[Opener]:
    if not Opener.objects.filter(unit__isnull=True).exists():
        Opener.objects.bulk_create(
            Opener(unit=None, context=context, text_fi=fi, text_sv=sv, text_en=en)
            for context, openers in _migration.STARTER_SET.items()
            for fi, sv, en in openers
        )
    return list(Opener.objects.filter(unit__isnull=True))
