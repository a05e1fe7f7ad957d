"""Bench rows for the managers' dashboard (issue 5, section 4): server time p50/p95 for an
organisation admin, a service-area manager and a unit manager, on whatever the bench
database holds when it runs (after bench/aggregation.py: a million notes over 200 units and
three years, aggregated). Sequential requests over loopback, bounded in count."""

from __future__ import annotations

import statistics
import time

from bench.context import row

TARGET_P95_MS = 300.0
REQUESTS = 40
# gunicorn.conf.py runs 5 workers of 2 threads here; sequential requests reach them all.
WARMUP = 30
PASSWORD = "kumppanuus-demo"  # noqa: S105 - bench database only

_SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from encounters.models import AreaManagement, ServiceArea
User = get_user_model()
admin, _ = User.objects.get_or_create(username="bench-org-admin")
admin.set_password("{PASSWORD}"); admin.save()
admin.user_permissions.add(Permission.objects.get(codename="view_organisation_reports"))
area_manager, _ = User.objects.get_or_create(username="bench-area-manager")
area_manager.set_password("{PASSWORD}"); area_manager.save()
area = ServiceArea.objects.order_by("id").first()
AreaManagement.objects.get_or_create(user=area_manager, service_area=area)
print("BENCH ready")
"""

SCOPES = [
    ("organisation", "bench-org-admin"),
    ("service area", "bench-area-manager"),
    ("unit manager", "demo-manager"),
]


def run(ctx) -> list[dict]:
    # Steady state: the aggregation before this rewrote most notes, and autovacuum would
    # have caught up within minutes; the dashboard's index-only scans depend on it.
    ctx.vacuum()
    ctx.manage_output(["shell", "-c", _SETUP])
    count = 10 if ctx.quick else REQUESTS
    rows = []
    for label, username in SCOPES:
        cookies = ctx.login(username, PASSWORD)
        # Steady state: the first dashboard each gunicorn thread serves takes 3-4 times as
        # long (its own database connection, templates, catalogues); warm them all first.
        for _ in range(WARMUP):
            status, _, _ = ctx.get("/fi/work/reports/", cookies=cookies)
            if status != 200:
                raise RuntimeError(f"dashboard for {username} answered {status}")
        times = []
        for _ in range(count):
            started = time.perf_counter()
            ctx.get("/fi/work/reports/", cookies=cookies)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows += [
            row(f"dashboard {label}: p50", round(p50, 1), "ms"),
            row(
                f"dashboard {label}: p95",
                round(p95, 1),
                "ms",
                f"≤ {TARGET_P95_MS:g} ms",
                p95 <= TARGET_P95_MS,
                p95 / TARGET_P95_MS,
            ),
        ]
    return rows
