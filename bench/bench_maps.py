"""Benchmark the maps: building them from a large store (time and memory) and drawing them.

    .venv/bin/python bench/bench_maps.py [--sizes 100,300] [--plans 1000] [--data-dir DIR] [--runs 3]

Build: bench_load.py's generated corpus (1,000 plans, 50,000 tasks, ~400,000 assignments) is
loaded into a local engine (or reused from --data-dir), then each map (cooperation and assignment
view of every plan, capped at SIZE nodes) is built by `policygraph map`'s own code path
(graph/views/mapdata.draw_from_store) in a fresh Python process, which reports its wall time, CPU
time and peak memory (max RSS); importing policygraph is timed apart. Target: 300 nodes in < 3 s, memory flat in
the store's size (compare --plans 100 with --plans 1000).

Draw: each page is opened in headless Chromium (tests/_browser.py, network blocked); printed is the
median over runs of the page's own clock at vis-network's first `afterDrawing` (ms since
navigation start, so it includes parsing the inlined vis-network). Needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

TARGET_SECONDS = 3.0
GRAPH = "bench_maps"


def child(data_dir: str, view: str, size: int, out: str) -> None:
    """Build one map in this (fresh) process and print its figures as JSON."""
    started = time.perf_counter()
    from policygraph.graph.store import open_store
    from policygraph.graph.store.config import StoreConfig
    from policygraph.graph.views.mapdata import draw_from_store

    imports = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    with open_store(StoreConfig(data_dir=Path(data_dir), graph=GRAPH)) as store:
        page = draw_from_store(store, None, view, max_nodes=size)
    page.write(out)
    figures = {
        "imports": imports,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "nodes": page.node_count,
        "edges": page.edge_count,
    }
    print(json.dumps(figures))


def ensure_store(data_dir: Path, plans: int) -> None:
    from bench_load import generate

    from policygraph.graph.store import local_engine, open_store
    from policygraph.graph.store.config import StoreConfig
    from policygraph.graph.store.load import load_plans

    local_engine.start(data_dir)
    with open_store(StoreConfig(data_dir=data_dir, graph=GRAPH)) as store:
        stored = store.run("MATCH (p:Plan) RETURN count(p) AS n", read_only=True).rows[0][0]
        if stored != plans:
            store.drop()
            print(f"loading {plans:,} generated plans into {data_dir} …", flush=True)
            summary = load_plans(store, generate(plans), compact=False)
            print(f"loaded in {summary.seconds:.1f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300")
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--data-dir", type=Path, default=None, help="engine data dir to reuse")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--child", nargs=4, metavar=("DATA_DIR", "VIEW", "SIZE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.child[3])
        return 0

    from _browser import Chromium, chromium_missing_reason

    from policygraph.graph.store import local_engine

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="policygraph-bench-maps-"))
    started_here = not local_engine.status(data_dir).running
    ensure_store(data_dir, args.plans)
    reason = chromium_missing_reason()
    browser = None if reason else Chromium(timeout=60)
    if reason:
        print(f"not drawing: {reason}", file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"store: {args.plans:,} plans. view, nodes, edges; build wall s, CPU s, peak MB "
        f"(imports s apart); page KB; drawn ms (median over {args.runs})"
    )
    missed = False
    try:
        with tempfile.TemporaryDirectory() as folder:
            for size in sizes:
                for view in ("cooperation", "assignment"):
                    out = Path(folder) / f"{view}-{size}.html"
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", str(data_dir), view, str(size), str(out)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    f = json.loads(done.stdout.strip().splitlines()[-1])
                    drawn = ""
                    if browser:
                        timings = []
                        for _ in range(args.runs):
                            tab = browser.open(out)
                            timings.append(
                                tab.wait_for(
                                    "window.policygraphMap && window.policygraphMap.drawnAt", timeout=60
                                )
                            )
                            tab.close()
                        drawn = f"{statistics.median(timings):8.0f}  " + " ".join(f"{t:.0f}" for t in timings)
                    missed |= size >= 300 and f["wall"] >= TARGET_SECONDS
                    print(
                        f"{view:<12} {f['nodes']:>5} {f['edges']:>6}  build {f['wall']:5.2f} s wall "
                        f"{f['cpu']:5.2f} s CPU {f['peak_mb']:6.0f} MB (imports {f['imports']:.2f} s)  "
                        f"{out.stat().st_size / 1024:6.0f} KB  drawn {drawn}",
                        flush=True,
                    )
    finally:
        if browser:
            browser.close()
        if started_here:
            local_engine.stop(data_dir)
    print(f"target: 300 nodes built in < {TARGET_SECONDS:.0f} s -> {'MISSED' if missed else 'ok'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
