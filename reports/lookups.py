"""`field__any_of=ids`: membership in a set of ids as one array parameter on PostgreSQL.

The dashboard scopes a dozen queries by the units in view, two hundred of them for an
organisation admin. `__in` turns each id into a parameter of its own: Django prepares and
compiles every one, and psycopg parses a query of more than 50 parameters afresh each time,
a few milliseconds a page. `unit_id = ANY(%s::bigint[])` is what PostgreSQL makes of an IN
list anyway (the same plan); elsewhere (SQLite in tests) this is an IN list as before.
"""

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models import Lookup


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        # Ids only; sorted, so the same scope gives the same SQL.
        return sorted({int(value) for value in self.rhs})

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet  # as `__in` with nothing in it: no query at all
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            db_type = self.lhs.output_field.db_type(connection)
            return f"{lhs} = ANY(%s::{db_type}[])", (*lhs_params, self.rhs)
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", (*lhs_params, *self.rhs)


def register() -> None:
    for field in (models.ForeignKey, models.AutoField, models.BigAutoField):
        field.register_lookup(AnyOf)
