"""Bench rows for the public side: a unit's "you said, we did" page, the receipt page and
the public read API's list of a unit's published actions.

Each is requests per second as a ratio to the bare "hello" view of the same run
(``ctx.baseline_rps``); target for the public page and the public API: at least 0.5 of it.
The receipt page is rate-limited per client address, and on loopback every request comes
from 127.0.0.1: start the bench with ``RECEIPT_RATE_LIMITS=100000000/60,100000000/86400``
to measure the page itself. Otherwise its row says that it measured the 429 answers.
"""

from __future__ import annotations

from bench.context import row

PUBLIC_TARGET = 0.5
CONNECTIONS = 16

_SETUP = """
from encounters.models import Unit
from feedback.models import Note
from feedback.notes.receipts import receipt_code_hash
unit = Unit.objects.filter(is_active=True).order_by("id").first()
notes = Note.objects.filter(withdrawn_at__isnull=True, receipt_hash__isnull=True)
note = notes.order_by("id").first()
code = "BENCH00000"
Note.objects.filter(receipt_hash=receipt_code_hash(code)).update(receipt_hash=None)
if note is not None:
    Note.objects.filter(pk=note.pk).update(receipt_hash=receipt_code_hash(code))
print("BENCH", unit.slug if unit else "", code if note else "")
"""


def _targets(ctx) -> tuple[str, str]:
    output = ctx.manage_output(["shell", "-c", _SETUP])
    line = next(line for line in output.splitlines() if line.startswith("BENCH"))
    parts = line.split() + ["", ""]
    return parts[1], parts[2]


def run(ctx) -> list[dict]:
    duration = 4 if ctx.quick else 10
    baseline = ctx.baseline_rps or 0.0
    slug, code = _targets(ctx)
    rows = []
    if slug:
        result = ctx.wrk(f"/fi/unit/{slug}/", duration_s=duration, connections=CONNECTIONS)
        ratio = result["rps"] / baseline if baseline else None
        rows += [
            row(
                "public unit page GET: throughput",
                round(result["rps"], 1),
                "req/s",
                f"≥ {PUBLIC_TARGET} × baseline",
                None if ratio is None else ratio >= PUBLIC_TARGET,
                ratio,
            ),
            row("public unit page GET: p99 latency", round(result["p99_ms"], 2), "ms"),
        ]
    else:
        rows.append(row("public unit page: no unit in the bench database", "n/a", "", ok=False))
    if code:
        result = ctx.wrk(f"/r/{code}", duration_s=duration, connections=CONNECTIONS)
        limited = result.get("status_errors", 0) > 0
        name = "receipt page GET" + (" (rate-limited: mostly 429 answers)" if limited else "")
        rows += [
            row(
                f"{name}: throughput",
                round(result["rps"], 1),
                "req/s",
                ratio=result["rps"] / baseline if baseline else None,
            ),
            row(f"{name}: p99 latency", round(result["p99_ms"], 2), "ms"),
        ]
    else:
        rows.append(row("receipt page: no note in the bench database", "n/a", "", ok=False))
    if slug:
        rows += _public_api_rows(ctx, slug=slug, duration=duration, baseline=baseline)
    return rows


def _public_api_rows(ctx, *, slug: str, duration: int, baseline: float) -> list[dict]:
    """/api/v1/public/requests for the unit: cached like the public pages, with an ETag."""
    path = f"/api/v1/public/requests?service_code=unit:{slug}"
    result = ctx.wrk(
        path, duration_s=duration, connections=CONNECTIONS, headers={"Accept-Language": "fi"}
    )
    ratio = result["rps"] / baseline if baseline else None
    ok = None if ratio is None else ratio >= PUBLIC_TARGET and not result.get("status_errors")
    return [
        row(
            "public API requests GET (a unit's published actions): throughput",
            round(result["rps"], 1),
            "req/s",
            f"≥ {PUBLIC_TARGET} × baseline",
            ok,
            ratio,
        ),
        row("public API requests GET: p99 latency", round(result["p99_ms"], 2), "ms"),
    ]
