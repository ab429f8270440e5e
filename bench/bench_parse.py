"""Parsing throughput: generate a corpus of plans, parse it, print MB/s (and the seeds' time).

    .venv/bin/python bench/bench_parse.py [--documents 300] [--tasks 60] [--keep DIR]

The corpus is made of generated plans in the forms the parser reads (section-level 分工,
（牵头单位：…，责任单位：…）, 按职责分工负责 lists, dash bullets under 措施, tables), written as
UTF-8 and GB18030 files so reading and encoding detection are measured too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

UNITS = [
    "市教育局",
    "市科协",
    "市科技局",
    "团市委",
    "市财政局",
    "市民政局",
    "市卫健委",
    "市文化和旅游局",
    "市农业农村局",
    "市人社局",
    "市工信局",
    "市应急管理局",
    "市妇联",
    "市总工会",
    "市委宣传部",
    "市委组织部",
]
VERBS = ["推进", "开展", "建设", "完善", "实施", "加强", "培育", "打造"]
OBJECTS = [
    "科普基地",
    "科学教育",
    "科技馆体系",
    "科普志愿服务",
    "应急科普",
    "科普信息化平台",
    "青少年科技活动",
    "农民技能培训",
    "社区科普服务",
    "科学传播队伍",
]
NUMERALS = "一二三四五六七八九十"


def _units(rng: random.Random, n: int) -> str:
    return "、".join(rng.sample(UNITS, n))


def generate_plan(rng: random.Random, index: int, tasks: int) -> str:
    """One plan of about `tasks` measures mixing the assignment forms."""
    lines = [
        f"江城市第{index}号科学素质专项实施方案（2024—2026年）",
        "根据《江城市全民科学素质行动规划纲要实施方案（2021—2025年）》，制定本方案。",
        "一、指导思想",
        "坚持科普与科技创新同等重要。",
        "二、重点任务",
    ]
    per_section = 6
    for s in range(max(1, tasks // per_section)):
        lines.append(f"（{NUMERALS[s % 10]}）实施{rng.choice(OBJECTS)}提升行动")
        form = s % 4
        if form == 3:
            lines.append("措施：")
        for t in range(1, per_section + 1):
            body = (
                f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}。" + "围绕重点人群持续开展工作，形成长效机制。" * 3
            )
            if form == 0:
                body += f"（牵头单位：{rng.choice(UNITS)}，责任单位：{_units(rng, 3)}）"
            elif form == 1:
                body += f"（{_units(rng, 4)}按职责分工负责）"
            lines.append(("——" if form == 3 else f"{t}.") + body)
        if form in (2, 3):
            lines.append(f"分工：由{_units(rng, 2)}牵头，{_units(rng, 5)}等单位配合。")
    lines += ["三、保障措施", "各成员单位要加强协作。"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    args = parser.parse_args()

    from policygraph.ingest import iter_documents, parse_file, parse_text

    rng = random.Random(7)
    texts = [generate_plan(rng, i, args.tasks) for i in range(args.documents)]
    size = sum(len(t.encode("utf-8")) for t in texts)

    start, cpu_start = time.perf_counter(), time.process_time()
    task_count = sum(len(parse_text(t).tasks) for t in texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU time too: on a shared machine the wall clock also counts other people's work.
    print(
        f"parse_text: {args.documents} documents, {size / 1e6:.2f} MB, {task_count} tasks in {seconds:.2f} s "
        f"-> {size / 1e6 / seconds:.2f} MB/s wall, {size / 1e6 / cpu:.2f} MB/s CPU, "
        f"{task_count / seconds:,.0f} tasks/s"
    )

    folder = args.keep or Path(tempfile.mkdtemp(prefix="policygraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        encoding = "gb18030" if i % 2 else "utf-8"
        (folder / f"plan_{i:04d}.txt").write_bytes(text.encode(encoding))
    on_disk = sum(p.stat().st_size for p in folder.glob("*.txt"))
    start = time.perf_counter()
    parsed = sum(1 for _, r in iter_documents([folder]) if not isinstance(r, Exception))
    seconds = time.perf_counter() - start
    print(
        f"iter_documents (read + detect encoding + parse): {parsed} files, {on_disk / 1e6:.2f} MB in "
        f"{seconds:.2f} s -> {on_disk / 1e6 / seconds:.2f} MB/s"
    )
    if args.keep is None:
        shutil.rmtree(folder)

    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if seeds.is_dir():
        files = sorted(seeds.glob("*.txt"))
        start = time.perf_counter()
        tasks = sum(len(parse_file(p).tasks) for p in files)
        seconds = time.perf_counter() - start
        print(f"seeds: {len(files)} files, {tasks} tasks in {seconds * 1000:.0f} ms")
    else:
        print(f"seeds: not found at {seeds} (skipped)", file=sys.stderr)


if __name__ == "__main__":
    main()
