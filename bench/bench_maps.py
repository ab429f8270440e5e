"""Benchmark: time from page load to a drawn network, for maps of 100, 300 and 1,000 nodes.

    .venv/bin/python bench/bench_maps.py [--sizes 100,300,1000] [--runs 3]

For each size it builds a synthetic plan (tests/_sample_graphs.random_graphs), renders the
cooperation view (N departments) and the assignment view (N nodes: departments + tasks) and
opens each page in headless Chromium (tests/_browser.py, network blocked). Printed per map:
Python build time (layout + render), file size, and the median over runs of the page's own
clock at vis-network's first `afterDrawing` (ms since navigation start, so it includes parsing
the inlined vis-network). Needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _browser import Chromium, chromium_missing_reason
from _sample_graphs import random_graphs

from policygraph.graph.views import maps


def build(view: str, size: int) -> maps.MapPage:
    if view == "cooperation":
        departments, assignments = random_graphs(size, size * 2, seed=size)
        departments = departments.subgraph(sorted(departments)[:size]).copy()
        return maps.cooperation_map(departments, assignments, max_nodes=size)
    departments, assignments = random_graphs(size // 3, size - size // 3, seed=size)
    return maps.assignment_map(assignments, max_nodes=size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reason = chromium_missing_reason()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 1
    sizes = [int(s) for s in args.sizes.split(",")]
    browser = Chromium(timeout=60)
    print(
        f"{'view':<12} {'nodes':>6} {'edges':>6} {'build s':>8} {'size KB':>8} {'drawn ms (median)':>18}  runs"
    )
    try:
        with tempfile.TemporaryDirectory() as folder:
            for size in sizes:
                for view in ("cooperation", "assignment"):
                    started = time.perf_counter()
                    page = build(view, size)
                    built = time.perf_counter() - started
                    path = page.write(Path(folder) / f"{view}-{size}.html")
                    timings = []
                    for _ in range(args.runs):
                        tab = browser.open(path)
                        timings.append(
                            tab.wait_for("window.policygraphMap && window.policygraphMap.drawnAt", timeout=60)
                        )
                        tab.close()
                    print(
                        f"{view:<12} {page.node_count:>6} {page.edge_count:>6} {built:>8.2f} "
                        f"{path.stat().st_size / 1024:>8.0f} {statistics.median(timings):>18.0f}  "
                        + " ".join(f"{t:.0f}" for t in timings),
                        flush=True,
                    )
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
