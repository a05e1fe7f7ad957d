from django.core.management.base import BaseCommand, CommandError, CommandParser

from encounters.models import Unit
from feedback.api.services import integration_key_create, integration_key_revoke
from feedback.models import IntegrationKey


class Command(BaseCommand):
    help = (
        "Make, list or revoke Integration API keys. `create` prints the new key once: "
        "it cannot be shown again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="Make a key for one or more units.")
        create.add_argument("--name", required=True, help="Which system uses the key.")
        create.add_argument(
            "--unit", action="append", required=True, help="A unit's slug; repeat for more."
        )
        create.add_argument(
            "--read", action="store_true", help="May also read insights and actions."
        )
        create.add_argument("--no-notes", action="store_true", help="May not record notes.")
        commands.add_parser("list", help="List keys (never their secrets).")
        revoke = commands.add_parser("revoke", help="Revoke a key by its key id.")
        revoke.add_argument("key_id")

    def handle(self, *args, **options) -> None:
        getattr(self, f"_{options['command']}")(options)

    def _create(self, options: dict) -> None:
        slugs = set(options["unit"])
        units = list(Unit.objects.filter(slug__in=slugs, is_active=True))
        missing = slugs - {unit.slug for unit in units}
        if missing:
            raise CommandError(f"No active unit with the slug: {', '.join(sorted(missing))}")
        new = integration_key_create(
            name=options["name"],
            units=units,
            may_create_notes=not options["no_notes"],
            may_read=options["read"],
        )
        self.stdout.write(f"Key id {new.key.prefix} for {', '.join(sorted(slugs))}.")
        self.stdout.write("The key (shown only now; store it in the calling system):")
        self.stdout.write(new.secret)

    def _list(self, options: dict) -> None:
        for key in IntegrationKey.objects.prefetch_related("units"):
            state = "revoked" if key.is_revoked else "valid"
            scopes = ",".join(
                name
                for name, allowed in (("notes", key.may_create_notes), ("read", key.may_read))
                if allowed
            )
            units = ",".join(unit.slug for unit in key.units.all())
            self.stdout.write(f"{key.prefix}\t{state}\t{scopes}\t{units}\t{key.name}")

    def _revoke(self, options: dict) -> None:
        key = IntegrationKey.objects.filter(prefix=options["key_id"]).first()
        if key is None:
            raise CommandError(f"No key with the id {options['key_id']}")
        if integration_key_revoke(key=key):
            self.stdout.write(f"Revoked {key.prefix}.")
        else:
            self.stdout.write(f"{key.prefix} was already revoked.")
