"""Benchmark the analysis: network metrics (and gaps) over the 1,000-plan generated corpus.

    .venv/bin/python bench/bench_metrics.py               # full size, temporary data directory
    .venv/bin/python bench/bench_metrics.py --plans 100   # quicker

The corpus is bench_load.py's (100 jurisdictions × 10 plans, 50 tasks each, ~8 units per task),
loaded with load_plans (timed apart). Then, timed (wall and CPU of this process; the engine's CPU
is its own): metrics of every jurisdiction (one network per jurisdiction, fetched one jurisdiction at
a time), metrics per plan (1,000 networks), and gaps over every plan (computed in the store).
Targets on the 2-core machine: gaps < 10 s, metrics (all jurisdictions) < 20 s, per plan < 60 s,
and peak memory of the analysis flat in the number of plans (compare --plans 300 with 1000).
Peak memory: the process's resident high-water mark (VmHWM) during each step, reset before it
(/proc/self/clear_refs; Linux only), so it includes Python objects, numpy/scipy arrays and the
client's buffers, not the engine.
The machine is shared: timings move with other work on it. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import generate

from policygraph.graph.analysis.gaps import gaps_in_store
from policygraph.graph.analysis.metrics import compute_metrics
from policygraph.graph.analysis.rows import fetch_assignments
from policygraph.graph.store import local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans

TARGETS = {"metrics": 20.0, "metrics per plan": 60.0, "gaps": 10.0}


def _peak_rss_mb() -> float:
    """Resident high-water mark of this process in MB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


ENGINE_PID: list[int] = []  # the local engine's process, for its CPU time


def _engine_cpu() -> float:
    """CPU seconds the engine has used so far (user + system; 0 where /proc is missing)."""
    if not ENGINE_PID:
        return 0.0
    try:
        fields = Path(f"/proc/{ENGINE_PID[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(label: str, func, *args, **kwargs):
    """Run func; print wall time, CPU time of this process and of the engine, and this process's
    peak resident memory."""
    _reset_peak()
    before = _peak_rss_mb()
    started, cpu, engine = time.perf_counter(), time.process_time(), _engine_cpu()
    value = func(*args, **kwargs)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    engine_seconds = _engine_cpu() - engine
    peak = _peak_rss_mb()
    print(
        f"  {label:<40} wall {seconds:7.2f} s  cpu {cpu_seconds:6.2f} s + engine {engine_seconds:6.2f} s  "
        f"peak RSS {peak:5.0f} MB (+{peak - before:.0f} MB)"
    )
    return value, seconds


def metrics_run(store, per_plan: bool) -> float:
    """compute_metrics end to end (the figure the target is about), after a separate timing of the
    fetch alone; returns the seconds of the end-to-end run."""
    print(f"metrics, {'one network per plan' if per_plan else 'one network per jurisdiction'}:")
    if not per_plan:
        rows, _ = timed("fetch all assignments at once (old way)", fetch_assignments, store)
        del rows
    result, total = timed("compute_metrics (fetch included)", compute_metrics, store, per_plan=per_plan)
    print(
        f"  = {total:.1f} s for {len(result.networks):,} network(s), {len(result.departments):,} department rows, "
        f"{int(result.networks['links'].sum()):,} links, {int(result.departments['overloaded'].sum()):,} "
        f"overloaded, {int(result.departments['central'].sum()):,} central"
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
    engine = local_engine.status(data_dir)
    if engine.pid:
        ENGINE_PID.append(engine.pid)
    print(f"load average before the runs: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores, shared)")
    try:
        with open_store(StoreConfig(data_dir=data_dir, graph="bench_metrics")) as store:
            summary = load_plans(store, plans, compact=False)
            del plans[:]  # the generated corpus is not what the analysis holds: free it before measuring
            gc.collect()
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
    figures = {"metrics": together, "metrics per plan": apart, "gaps": gap_seconds}
    missed = [name for name, seconds in figures.items() if seconds >= TARGETS[name]]
    for name, seconds in figures.items():
        verdict = "MISSED" if name in missed else "ok"
        print(f"{name}: {seconds:.1f} s (target < {TARGETS[name]:.0f} s at 1,000 plans) -> {verdict}")
    return 1 if missed and args.plans >= 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
