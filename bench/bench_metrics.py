"""Benchmark the analysis: network metrics (and gaps) over the 1,000-plan generated corpus.

    .venv/bin/python bench/bench_metrics.py               # full size, temporary data directory
    .venv/bin/python bench/bench_metrics.py --plans 100   # quicker

The corpus is bench_load.py's (100 jurisdictions × 10 plans, 50 tasks each, ~8 units per task),
loaded with load_plans (timed apart). Then, timed: metrics of all plans together (one network,
a department named in several plans of its jurisdiction is one node), metrics per plan (1,000
networks), and gaps over every plan. Target: each metrics run under 60 s on the 2-core machine.
Prints the figures; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import generate

from policygraph.graph.analysis.gaps import gaps_in_store
from policygraph.graph.analysis.metrics import compute_metrics
from policygraph.graph.analysis.network import fetch_assignments
from policygraph.graph.store import local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans

TARGET_SECONDS = 60.0


def timed(label: str, func, *args, **kwargs):
    started = time.perf_counter()
    value = func(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"  {label:<38} {seconds:7.2f} s")
    return value, seconds


def metrics_run(store, per_plan: bool) -> float:
    """compute_metrics end to end (the figure the target is about), after a separate timing of the
    fetch alone; returns the seconds of the end-to-end run."""
    print(f"metrics, {'one network per plan' if per_plan else 'all plans together'}:")
    rows, _ = timed("fetch assignments alone", fetch_assignments, store)
    del rows
    result, total = timed("compute_metrics (fetch included)", compute_metrics, store, per_plan=per_plan)
    print(
        f"  = {total:.1f} s for {len(result.networks):,} network(s), {len(result.departments):,} department rows, "
        f"{int(result.networks['links'].sum()):,} links, {int(result.departments['overloaded'].sum()):,} "
        f"overloaded, {int(result.departments['central'].sum()):,} central (target < {TARGET_SECONDS:.0f} s)"
    )
    return total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="engine data dir [default: a temporary one]"
    )
    args = parser.parse_args(argv)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="policygraph-bench-"))
    plans = generate(args.plans)
    print(
        f"corpus: {len(plans):,} plans, {sum(len(p.tasks) for p in plans):,} tasks, "
        f"{sum(len(t.assignments) for p in plans for t in p.tasks):,} assignments"
    )
    local_engine.start(data_dir)
    try:
        with open_store(StoreConfig(data_dir=data_dir, graph="bench_metrics")) as store:
            summary = load_plans(store, plans, compact=False)
            if summary.failed:
                print(f"{len(summary.failed):,} plans failed to load, e.g. {summary.failed[0].problem}")
                return 1
            print(
                f"loaded in {summary.seconds:.1f} s ({len(summary.added):,} added, "
                f"{len(summary.unchanged):,} already there)"
            )
            together = metrics_run(store, per_plan=False)
            apart = metrics_run(store, per_plan=True)
            gaps, gap_seconds = timed("gaps over every plan", gaps_in_store, store)
            print(f"gaps: {len(gaps):,} findings in {gap_seconds:.1f} s")
    finally:
        local_engine.stop(data_dir)
    missed = args.plans >= 1000 and max(together, apart) >= TARGET_SECONDS
    print(
        f"metrics: all plans together {together:.1f} s, per plan {apart:.1f} s "
        f"-> {'MISSED' if missed else 'ok'} (target < {TARGET_SECONDS:.0f} s each)"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
