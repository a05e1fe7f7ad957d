"""bench/public.py against a stand-in context: it finds its targets and builds valid rows."""

import contextlib
import io

import pytest

from bench import public


class FakeContext:
    quick = True
    baseline_rps = 1000.0
    base_url = "http://127.0.0.1:1"

    def __init__(self, client):
        self.client = client
        self.paths = []

    def manage_output(self, args):
        assert args[:2] == ["shell", "-c"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(args[2], {})  # noqa: S102 - the plugin's own set-up snippet, in-process
        return out.getvalue()

    def wrk(self, path, *, duration_s, connections, headers=None):
        self.paths.append(path)
        status = self.client.get(path).status_code
        return {"rps": 600.0, "p50_ms": 1.0, "p99_ms": 5.0, "status_errors": int(status != 200)}


@pytest.mark.django_db
def test_bench_rows_for_the_unit_page_and_a_working_receipt_code(client, worker, unit):
    from encounters.models import Channel
    from feedback.notes.services import capture_token_new, note_create

    note_create(
        worker=worker,
        unit=unit,
        channel=Channel.HOME,
        kind="idea",
        client_text="Hyvä idea",
        token=capture_token_new(),
    )
    ctx = FakeContext(client)
    rows = public.run(ctx)
    assert ctx.paths == [
        f"/fi/unit/{unit.slug}/",
        "/r/BENCH00000",
        f"/api/v1/public/requests?service_code=unit:{unit.slug}",
    ]
    assert all(set(row) == {"name", "value", "unit", "target", "ok", "ratio"} for row in rows)
    assert rows[0]["ok"] is True and rows[0]["ratio"] == 0.6
    assert "rate-limited" not in rows[2]["name"]
    assert rows[4]["name"].startswith("public API requests GET") and rows[4]["ok"] is True
