"""The restore in deploy/README.md, done for real: pg_dump -Fc, pg_restore into a fresh
database, the same notes come back."""

import os
import shutil
import subprocess
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import need

pytestmark = pytest.mark.postgres


def _pg_env() -> dict:
    db = connection.settings_dict
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    env["PGUSER"] = db["USER"] or "postgres"
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(*args: str) -> str:
    result = subprocess.run(
        args, env=_pg_env(), capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


def _counts(database: str) -> list[str]:
    query = (
        "SELECT (SELECT count(*) FROM feedback_note), (SELECT count(*) FROM encounters_encounter),"
        " (SELECT count(*) FROM feedback_noteevent), (SELECT count(*) FROM feedback_note_themes),"
        " (SELECT md5(string_agg(client_text, '|' ORDER BY id)) FROM feedback_note)"
    )
    return _run("psql", "-d", database, "-XAtc", query).strip().split("|")


@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_into_a_fresh_database_keep_every_note(require_postgres, tmp_path):
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb", "psql"):
        need(shutil.which(tool) is not None, f"needs {tool}: apt-get install postgresql-client")
    call_command("seed_demo", "--notes", "500", "--units", "10", verbosity=0)
    source = connection.settings_dict["NAME"]
    dump = tmp_path / "kumppanuus.dump"
    _run("pg_dump", "-Fc", "--no-owner", "-f", str(dump), source)

    fresh = f"kumppanuus_restore_{uuid.uuid4().hex[:8]}"
    _run("createdb", fresh)
    try:
        _run("pg_restore", "--no-owner", "--exit-on-error", "-d", fresh, str(dump))
        restored = _counts(fresh)
    finally:
        _run("dropdb", "--if-exists", fresh)

    original = _counts(source)
    assert restored == original
    assert restored[0] == "500"
