"""The bench harness keeps its plugin contract: fixed order, one failed row per broken module."""

import sys
import types

import pytest

from bench import context, harness


def test_plugins_are_found_in_a_fixed_order_without_harness_and_run():
    names = harness.Bench.plugin_names()
    assert names[0] == "core"
    assert "harness" not in names and "run" not in names
    assert names[1:] == sorted(names[1:])


def test_row_has_exactly_the_contract_keys():
    item = context.row("x", 1.23456, "s", "≤ 2 s", True, 0.61728)
    assert tuple(item) == context.ROW_KEYS
    assert item["ratio"] == 0.617


@pytest.fixture
def fake_plugins(monkeypatch):
    def broken(ctx):
        raise RuntimeError("database went away")

    def fine(ctx):
        return [context.row("fine: thing", 3, "req/s", "≥ 2 req/s", True, 1.5)]

    def sloppy(ctx):
        return [{"name": "sloppy", "value": 1}]

    for name, function in (("zz_broken", broken), ("zz_fine", fine), ("zz_sloppy", sloppy)):
        module = types.ModuleType(f"bench.{name}")
        module.run = function
        monkeypatch.setitem(sys.modules, f"bench.{name}", module)
    monkeypatch.setattr(
        harness.Bench, "plugin_names", staticmethod(lambda: ["zz_broken", "zz_fine", "zz_sloppy"])
    )
    bench = harness.Bench.__new__(harness.Bench)
    bench.ctx = object()
    return bench


def test_a_failing_module_becomes_one_failed_row_and_the_run_goes_on(fake_plugins):
    rows = fake_plugins._plugins()
    assert [item["name"] for item in rows] == [
        "zz_broken: failed",
        "fine: thing",
        "zz_sloppy: failed",
    ]
    assert rows[0]["ok"] is False and "database went away" in rows[0]["error"]
    assert rows[1]["ok"] is True and rows[1]["module"] == "zz_fine"
    assert "lacks" in rows[2]["error"]


def test_the_table_shows_figure_target_ratio_and_verdict(capsys):
    harness.print_table(
        [
            context.row(
                "capture POST: throughput", 224.0, "req/s", "≥ 0.4 × baseline", False, 0.06
            ),
            context.row("celery memory", "n/a", "MB"),
        ],
        quick=True,
    )
    out = capsys.readouterr().out
    assert "BENCH_QUICK=1" in out
    assert "FAIL  capture POST: throughput" in out and "0.06" in out
    assert "n/a" in out


def test_bench_refuses_anything_but_loopback():
    with pytest.raises(SystemExit):
        context._check_loopback("postgres://postgres@db.example.fi:5432")
    context._check_loopback("redis://127.0.0.1:6379/14")
