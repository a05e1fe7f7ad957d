"""Bench rows for the managers' workspace (issue 13): server time p50/p95 of the insights
list and of one insight's page, for a service-area-wide unit manager (demo-manager) on
whatever the bench database holds (after bench/aggregation.py: a million notes grouped).
Sequential requests over loopback, bounded in count, as bench/dashboard.py does."""

from __future__ import annotations

import re
import statistics
import time

from bench.context import row

TARGET_P95_MS = 300.0
REQUESTS = 40
WARMUP = 20
PASSWORD = "kumppanuus-demo"  # noqa: S105 - bench database only
MANAGER = "demo-manager"


def _timed(ctx, path: str, cookies: dict, count: int) -> list[float]:
    for _ in range(WARMUP):
        status, _, _ = ctx.get(path, cookies=cookies)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    times = []
    for _ in range(count):
        started = time.perf_counter()
        ctx.get(path, cookies=cookies)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def _rows(label: str, times: list[float]) -> list[dict]:
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return [
        row(f"{label}: p50", round(p50, 1), "ms"),
        row(
            f"{label}: p95",
            round(p95, 1),
            "ms",
            f"≤ {TARGET_P95_MS:g} ms",
            p95 <= TARGET_P95_MS,
            p95 / TARGET_P95_MS,
        ),
    ]


def run(ctx) -> list[dict]:
    count = 10 if ctx.quick else REQUESTS
    cookies = ctx.login(MANAGER, PASSWORD)
    # The list as the manager lands on it (waiting for them), and the plain newest-first list.
    rows = []
    times = _timed(ctx, "/fi/work/insights/?waiting=on", cookies, count)
    rows += _rows("insights list (waiting for me)", times)
    times = _timed(ctx, "/fi/work/insights/?sort=largest", cookies, count)
    rows += _rows("insights list (largest)", times)
    # The largest insight's page: the most notes to page through.
    status, _, html = ctx.get("/fi/work/insights/?sort=largest", cookies=cookies)
    found = re.search(rb'href="/fi/work/insights/(\d+)/"', html)
    if status != 200 or not found:
        raise RuntimeError("no insight to open on the bench database")
    times = _timed(ctx, f"/fi/work/insights/{int(found.group(1))}/", cookies, count)
    rows += _rows("insight page (largest)", times)
    return rows
