"""Benchmark the loader: 1,000 generated plans (~50,000 tasks, ~400,000 assignment edges) into a
fresh local engine, next to a one-MERGE-per-row loader on a sample, measured in the same run.

    .venv/bin/python bench/bench_load.py                 # full size, temporary data directory
    .venv/bin/python bench/bench_load.py --plans 100     # quicker

Prints rows/s for both loaders and their ratio. Targets (2-core machine): full load under 180 s,
batched loader at least 20x the per-row loader. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from policygraph.graph.store import local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans, plan_parameters
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
) -> list[Plan]:
    """Synthetic plans in memory: 100 jurisdictions, 40 departments each, 5 sections per plan,
    `roles_per_task` units per task on average (1-2 leads, the rest support or joint)."""
    rng = random.Random(seed)
    out = []
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
        out.append(
            Plan(
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
        )
    return out


def per_row_statements(plans: list[Plan]) -> Iterator[tuple[str, dict]]:
    """The naive loader's statements: every row of `plans` (plan, departments, sections, tasks,
    assignment edges, cooperation pairs: the rows load_plans counts) as its own MERGE statement,
    as (name of the bench/per_row/*.cypher file, parameters)."""
    for plan in plans:
        params = plan_parameters(plan, "bench")
        departments = params["departments"]
        yield "plan", {"row": params["plan"]}
        for department in departments:
            yield "department", {"row": department}
        for section in params["sections"]:
            yield "section", {"row": section}
        for task in params["tasks"]:
            yield "task", {"row": task["props"], "section_id": params["sections"][task["section"]]["id"]}
        for role in ("leads", "supports", "joints"):
            for dept_position, task_position, as_written, inherited in params[role]:
                task = params["tasks"][task_position]["props"]
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
        for a, b, paths in params["pairs"]:
            yield (
                "pair",
                {
                    "a": departments[a]["id"],
                    "b": departments[b]["id"],
                    "props": {"plan_id": plan.id, "weight": len(paths), "tasks": paths},
                },
            )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=3000, help="rows for the per-row loader")
    parser.add_argument("--rounds", type=int, default=10, help="alternate the two loaders this many times")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="engine data dir [default: a temporary one]"
    )
    args = parser.parse_args(argv)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="policygraph-bench-"))
    started = time.perf_counter()
    plans = generate(args.plans)
    assignments = sum(len(t.assignments) for p in plans for t in p.tasks)
    print(
        f"generated {len(plans):,} plans, {sum(len(p.tasks) for p in plans):,} tasks, "
        f"{assignments:,} assignment edges in {time.perf_counter() - started:.1f} s"
    )
    # New plans for the per-row loader, written into the same graph as it grows: same indexes, same
    # size, and (alternating in rounds) the same background load on the machine as the batched loader.
    naive = per_row_statements(generate(args.sample // 500 + 1, seed=11, id_prefix="sample"))
    batched_rows = batched_seconds = naive_rows = naive_seconds = 0.0
    local_engine.start(data_dir)
    try:
        with open_store(StoreConfig(data_dir=data_dir, graph="bench")) as store:
            store.drop()
            chunk = -(-len(plans) // args.rounds)
            for first in range(0, len(plans), chunk):
                summary = load_plans(store, plans[first : first + chunk], compact=False)
                batched_rows += summary.rows
                batched_seconds += summary.seconds
                tick = time.perf_counter()
                for name, values in islice(naive, args.sample // args.rounds):
                    store.run(PER_ROW[name], values)
                    naive_rows += 1
                naive_seconds += time.perf_counter() - tick
                print(
                    f"  {first + chunk:,} plans: batched {summary.rows / summary.seconds:,.0f} rows/s",
                    file=sys.stderr,
                )
            tick = time.perf_counter()
            store.compact(wait=True)  # what an ingest ends with
            batched_seconds += time.perf_counter() - tick
            again = load_plans(store, plans)
            store.drop()
    finally:
        local_engine.stop(data_dir)
    batched_rate, naive_rate = batched_rows / batched_seconds, naive_rows / naive_seconds
    print(
        f"batched loader: {batched_rows:,.0f} rows ({len(plans):,} plans) in {batched_seconds:.1f} s "
        f"= {batched_rate:,.0f} rows/s"
    )
    print(
        f"per-row loader: {naive_rows:,.0f} rows in {naive_seconds:.1f} s = {naive_rate:,.0f} rows/s "
        f"(new plans into the same graph, in {args.rounds} rounds between the batched ones)"
    )
    print(f"reload of the same plans: {len(again.unchanged):,} unchanged in {again.seconds:.2f} s")
    ratio = batched_rate / naive_rate
    print(
        f"ratio: {ratio:.1f}x (target >= 20x); full load {batched_seconds:.1f} s (target < 180 s for 1,000 plans)"
    )
    missed = ratio < 20 or (args.plans >= 1000 and batched_seconds >= 180)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
