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
from pathlib import Path

from policygraph.graph import local_engine
from policygraph.graph.config import StoreConfig
from policygraph.graph.load import load_plans, plan_parameters
from policygraph.graph.store import open_store
from policygraph.ingest.records import Assignment, Plan, Section, Task, Unit

PER_ROW = {path.stem: path.read_text(encoding="utf-8") for path in (Path(__file__).parent / "per_row").glob("*.cypher")}
DEPARTMENT_STEMS = ("教育局", "科技局", "科协", "财政局", "发展改革委", "工业和信息化局", "人力资源社会保障局", "农业农村局",
                    "卫生健康委", "文化旅游局", "生态环境局", "住房城乡建设局", "交通运输局", "商务局", "市场监管局", "统计局",
                    "民政局", "司法局", "自然资源局", "水利局", "应急管理局", "体育局", "广电局", "团委", "妇联", "总工会",
                    "宣传部", "组织部", "网信办", "公安局", "气象局", "税务局", "医保局", "退役军人事务局", "乡村振兴局",
                    "数据局", "林业局", "粮食局", "档案局", "地震局")


def generate(plans: int, tasks_per_plan: int = 50, roles_per_task: int = 8, seed: int = 7,
             id_prefix: str = "bench") -> list[Plan]:
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
            assignments = tuple(Assignment(u, "lead" if i < leads else ("joint" if joint else "support"), i == 0)
                                for i, u in enumerate(named))
            tasks.append(Task(f"{section.path}.{t}", section.title, section.path, f"任务{t}", f"第{p}号方案任务{t}的全文。" * 3,
                              (t * 100, t * 100 + 90), "牵头单位：…", assignments))
        out.append(Plan(f"{id_prefix}{p:05d}", f"第{p}号实施方案", jurisdiction, "city", "2021-2025", "",
                        f"{id_prefix}/{p}.txt",
                        (), sections, tuple(tasks)))
    return out


def per_row_load(store, plans: list[Plan], limit: int) -> tuple[int, float]:
    """The naive loader: every row of `plans` (plan, departments, sections, tasks, assignment edges,
    cooperation pairs: the rows load_plans counts) written with its own MERGE statement, until
    `limit` rows. Returns (rows, seconds)."""
    rows, started = 0, time.perf_counter()
    for plan in plans:
        params = plan_parameters(plan, "bench")
        jurisdiction = params["jurisdiction"]["id"]
        statements = [("plan", {"row": params["plan"]})]
        statements += [("department", {"row": d}) for d in params["departments"]]
        statements += [("section", {"row": s}) for s in params["sections"]]
        statements += [("task", {"row": {k: v for k, v in t.items() if k != "section_id"}, "section_id": t["section_id"]})
                       for t in params["tasks"]]
        by_id = {t["id"]: t for t in params["tasks"]}
        for role in ("leads", "supports", "joints"):
            for canonical, task_key, as_written, inherited in params[role]:
                task = by_id[f"{plan.id}:{task_key}"]
                statements.append(("assignment", {
                    "dept": f"{jurisdiction}|{canonical}", "task": task["id"],
                    "props": {"plan_id": plan.id, "task_path": task["path"], "as_written": as_written,
                              "inherited": inherited, "span_start": task["span_start"], "span_end": task["span_end"]}}))
        statements += [("pair", {"a": f"{jurisdiction}|{a}", "b": f"{jurisdiction}|{b}",
                                 "props": {"plan_id": plan.id, "weight": len(paths), "tasks": paths}})
                       for a, b, paths in params["pairs"]]
        for name, values in statements:
            store.run(PER_ROW[name], values)
            rows += 1
            if rows >= limit:
                return rows, time.perf_counter() - started
    return rows, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=3000, help="rows for the per-row loader")
    parser.add_argument("--data-dir", type=Path, default=None, help="engine data dir [default: a temporary one]")
    args = parser.parse_args(argv)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="policygraph-bench-"))
    started = time.perf_counter()
    plans = generate(args.plans)
    assignments = sum(len(t.assignments) for p in plans for t in p.tasks)
    print(f"generated {len(plans):,} plans, {sum(len(p.tasks) for p in plans):,} tasks, "
          f"{assignments:,} assignment edges in {time.perf_counter() - started:.1f} s")
    local_engine.start(data_dir)
    try:
        with open_store(StoreConfig(data_dir=data_dir, graph="bench")) as store:
            store.drop()
            last = [time.perf_counter()]

            def progress(report):
                if time.perf_counter() - last[0] > 10:
                    last[0] = time.perf_counter()
                    print(f"  {report.done:,}/{report.total:,} plans, {report.rows:,} rows", file=sys.stderr)

            summary = load_plans(store, plans, progress=progress)
            batched_rate = summary.rows / summary.seconds
            print(f"batched loader: {summary.rows:,} rows ({len(summary.added):,} plans) in {summary.seconds:.1f} s "
                  f"= {batched_rate:,.0f} rows/s")
            again = load_plans(store, plans)
            print(f"reload of the same plans: {len(again.unchanged):,} unchanged in {again.seconds:.2f} s")
            # Same graph, same indexes, new plans: only the batching differs.
            sample = generate(max(1, args.sample // 1000), seed=11, id_prefix="sample")
            rows, seconds = per_row_load(store, sample, args.sample)
            per_row_rate = rows / seconds
            print(f"per-row loader: {rows:,} rows in {seconds:.1f} s = {per_row_rate:,.0f} rows/s "
                  "(a sample of new plans into the same graph)")
            store.drop()
    finally:
        local_engine.stop(data_dir)
    ratio = batched_rate / per_row_rate
    print(f"ratio: {ratio:.1f}x (target >= 20x); full load {summary.seconds:.1f} s (target < 180 s for 1,000 plans)")
    missed = ratio < 20 or (args.plans >= 1000 and summary.seconds >= 180)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
