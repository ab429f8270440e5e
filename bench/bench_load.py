"""Benchmark the loader: a 1,000-plan corpus (~50,000 tasks, ~400,000 assignment edges) ingested
into a fresh FalkorDB and a fresh Neo4j, next to a one-MERGE-per-row loader measured in the same run,
and the peak memory of a 1,000- and a 3,000-plan ingest.

    .venv/bin/python bench/bench_load.py                       # full size, temporary data directories
    .venv/bin/python bench/bench_load.py --plans 100 --memory 100,300 --engines falkordb   # quicker

The ingest is the streamed pipeline of `policygraph ingest`: plans are produced one by one (generated
here instead of parsed, so that the figure is the loader's) by a thread a few plans ahead of the
writer (load.read_ahead), then load_plans writes a statement per batch of up to 8 plans; schema
creation and the final compaction are included. The per-row loader writes new plans of the same
shape, one MERGE statement per row, into the same graph afterwards (same indexes, same size).

Prints wall and CPU time (of this process and of the engine's server) and rows/s for each, the
ratios, peak memory (ru_maxrss of a child process per size) and the load average before and
after. Targets (2-core machine): the whole FalkorDB ingest at least 30x the per-row loader, and
the 3,000-plan ingest's peak memory within 1.25x the 1,000-plan one. Exits 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from policygraph.graph.store import local_engine, neo4j_server, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans, plan_parameters, read_ahead
from policygraph.ingest.records import Assignment, Plan, Section, Task, Unit

PER_ROW = {
    path.stem: path.read_text(encoding="utf-8")
    for path in (Path(__file__).parent / "per_row").glob("*.cypher")
}
DEPARTMENT_STEMS = (
    "教育局",
    "科技局",
    "科协",
    "财政局",
    "发展改革委",
    "工业和信息化局",
    "人力资源社会保障局",
    "农业农村局",
    "卫生健康委",
    "文化旅游局",
    "生态环境局",
    "住房城乡建设局",
    "交通运输局",
    "商务局",
    "市场监管局",
    "统计局",
    "民政局",
    "司法局",
    "自然资源局",
    "水利局",
    "应急管理局",
    "体育局",
    "广电局",
    "团委",
    "妇联",
    "总工会",
    "宣传部",
    "组织部",
    "网信办",
    "公安局",
    "气象局",
    "税务局",
    "医保局",
    "退役军人事务局",
    "乡村振兴局",
    "数据局",
    "林业局",
    "粮食局",
    "档案局",
    "地震局",
)


def generate(
    plans: int, tasks_per_plan: int = 50, roles_per_task: int = 8, seed: int = 7, id_prefix: str = "bench"
) -> Iterator[Plan]:
    """Synthetic plans, one at a time: 100 jurisdictions, 40 departments each, 5 sections per plan,
    `roles_per_task` units per task on average (1-2 leads, the rest support or joint)."""
    rng = random.Random(seed)
    for p in range(plans):
        jurisdiction = f"第{p % 100}市"
        units = [Unit(f"市{stem}", f"{jurisdiction}{stem}", "other") for stem in DEPARTMENT_STEMS]
        sections = tuple(Section(f"{s}", f"第{s}项行动", "提升行动") for s in range(1, 6))
        tasks = []
        for t in range(tasks_per_plan):
            section = sections[t % len(sections)]
            named = rng.sample(units, rng.randint(roles_per_task - 3, roles_per_task + 3))
            leads = rng.randint(1, 2)
            joint = rng.random() < 0.3
            assignments = tuple(
                Assignment(u, "lead" if i < leads else ("joint" if joint else "support"), i == 0)
                for i, u in enumerate(named)
            )
            tasks.append(
                Task(
                    f"{section.path}.{t}",
                    section.title,
                    section.path,
                    f"任务{t}",
                    f"第{p}号方案任务{t}的全文。" * 3,
                    (t * 100, t * 100 + 90),
                    "牵头单位：…",
                    assignments,
                )
            )
        yield Plan(
            f"{id_prefix}{p:05d}",
            f"第{p}号实施方案",
            jurisdiction,
            "city",
            "2021-2025",
            "",
            f"{id_prefix}/{p}.txt",
            (),
            sections,
            tuple(tasks),
        )


def per_row_statements(plans) -> Iterator[tuple[str, dict]]:
    """The naive loader's statements: every row of `plans` (plan, departments, sections, tasks,
    assignment edges, cooperation pairs: the rows load_plans counts) as its own MERGE statement,
    as (name of the bench/per_row/*.cypher file, parameters)."""
    for plan in plans:
        params = plan_parameters(plan, "bench")
        departments = params["departments"]
        yield "plan", {"row": params["plans"][0]}
        for department in departments:
            yield "department", {"row": department}
        for section in params["sections"]:
            yield "section", {"row": section["props"]}
        for task in params["tasks"]:
            section_id = params["sections"][task["section"]]["props"]["id"]
            yield "task", {"row": task["props"]._asdict(), "section_id": section_id}
        for role in ("leads", "supports", "joints"):
            for dept_position, task_position, as_written, inherited in params[role]:
                task = params["tasks"][task_position]["props"]._asdict()
                yield (
                    "assignment",
                    {
                        "dept": departments[dept_position]["id"],
                        "task": task["id"],
                        "props": {
                            "plan_id": plan.id,
                            "task_path": task["path"],
                            "as_written": as_written,
                            "inherited": inherited,
                            "span_start": task["span_start"],
                            "span_end": task["span_end"],
                        },
                    },
                )
        for a, b, paths, _ in params["pairs"]:
            yield (
                "pair",
                {
                    "a": departments[a]["id"],
                    "b": departments[b]["id"],
                    "props": {"plan_id": plan.id, "weight": len(paths), "tasks": paths},
                },
            )


def start(engine: str, data_dir: Path) -> None:
    (neo4j_server if engine == "neo4j" else local_engine).start(data_dir)


def stop(engine: str, data_dir: Path) -> None:
    (neo4j_server if engine == "neo4j" else local_engine).stop(data_dir)


def engine_cpu(engine: str, data_dir: Path) -> float:
    """CPU seconds the engine's server has used so far, with its finished children (FalkorDB's
    append-only-file rewrites), from /proc; 0 where there is none."""
    pid = (neo4j_server if engine == "neo4j" else local_engine).status(data_dir).pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def ingest(engine: str, data_dir: Path, plans: int) -> tuple[int, float, float, float]:
    """The streamed ingest of `plans` generated plans: (rows, wall s, CPU s of this process, CPU s
    of the engine)."""
    wall, cpu, server = time.perf_counter(), time.process_time(), engine_cpu(engine, data_dir)
    with open_store(StoreConfig(data_dir=data_dir, graph="bench", engine=engine)) as store:
        summary = load_plans(store, read_ahead(generate(plans)), total=plans, compact=False)
        # What an ingest ends with (FalkorDB: an AOF rewrite), waited for so that it counts.
        store.compact(wait=True)
    return (
        summary.rows,
        time.perf_counter() - wall,
        time.process_time() - cpu,
        engine_cpu(engine, data_dir) - server,
    )


def per_row(engine: str, data_dir: Path, rows: int) -> tuple[int, float]:
    """`rows` per-row MERGE statements of new plans into the same graph: (rows, wall s)."""
    statements = per_row_statements(generate(rows // 500 + 1, seed=11, id_prefix="sample"))
    done = 0
    with open_store(StoreConfig(data_dir=data_dir, graph="bench", engine=engine)) as store:
        tick = time.perf_counter()
        for name, values in islice(statements, rows):
            store.run(PER_ROW[name], values)
            done += 1
        return done, time.perf_counter() - tick


def peak_memory(plans: int) -> float:
    """Peak resident memory (MB) of a child process ingesting `plans` plans into a fresh FalkorDB."""
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(plans)], capture_output=True, text=True, check=True
    )
    return float(child.stdout.split()[-1])


def memory_child(plans: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="policygraph-bench-mem-"))
    local_engine.start(data_dir)
    try:
        ingest("falkordb", data_dir, plans)
    finally:
        local_engine.stop(data_dir)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # KB on Linux


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=3000, help="rows for the per-row loader")
    parser.add_argument("--engines", default="falkordb,neo4j")
    parser.add_argument("--memory", default="1000,3000", help="plan counts whose peak memory is measured")
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0

    # Other work on the 2 cores moves every figure: say how busy the machine was.
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rates: dict[str, float] = {}
    for engine in args.engines.split(","):
        data_dir = Path(tempfile.mkdtemp(prefix=f"policygraph-bench-{engine}-"))
        start(engine, data_dir)
        try:
            rows, wall, cpu, server = ingest(engine, data_dir, args.plans)
            rates[engine] = rows / wall
            print(
                f"{engine}: ingest of {args.plans:,} plans: {rows:,} rows in {wall:.1f} s wall, {cpu:.1f} s CPU "
                f"(+ {server:.1f} s engine CPU) = {rows / wall:,.0f} rows/s"
            )
            done, seconds = per_row(engine, data_dir, args.sample)
            rates[f"{engine} per-row"] = done / seconds
            print(
                f"{engine}: per-row loader: {done:,} rows in {seconds:.1f} s = {done / seconds:,.0f} rows/s"
            )
            again = ingest(engine, data_dir, args.plans)
            print(f"{engine}: second ingest of the same plans: {again[0]:,} rows written in {again[1]:.1f} s")
        finally:
            stop(engine, data_dir)
    missed = False
    for engine in args.engines.split(","):
        ratio = rates[engine] / rates[f"{engine} per-row"]
        target = " (target >= 30x)" if engine == "falkordb" else ""
        print(f"ratio {engine}: ingest / per-row on {engine} = {ratio:.1f}x{target}")
        missed |= engine == "falkordb" and ratio < 30
    if "falkordb" in rates and "neo4j" in rates:
        print(f"ratio neo4j ingest / falkordb per-row = {rates['neo4j'] / rates['falkordb per-row']:.1f}x")
    sizes = [int(n) for n in args.memory.split(",") if n]
    peaks = {n: peak_memory(n) for n in sizes}
    for n, mb in peaks.items():
        print(f"peak memory of a {n:,}-plan ingest (FalkorDB): {mb:.0f} MB")
    if len(sizes) >= 2:
        growth = peaks[sizes[-1]] / peaks[sizes[0]]
        print(f"memory growth {sizes[0]:,} -> {sizes[-1]:,} plans: {growth:.2f}x (target <= 1.25x)")
        missed |= growth > 1.25
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
