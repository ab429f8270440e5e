"""Parsing throughput: generate a corpus of plans, parse it, print MB/s of CPU and wall time; then
the same for the real texts of ../shared (seeds + dev) parsed in process.

    .venv/bin/python bench/bench_parse.py [--documents 300] [--tasks 60] [--keep DIR]
    .venv/bin/python bench/bench_parse.py --against DIR [--repeat 2]

--against DIR measures another version of the code side by side with this one: DIR is a source tree
of policygraph (e.g. `mkdir DIR && git archive main | tar -x -C DIR`), run as pure Python from its .py
files; this one is the installed package, compiled when `pip install .` could (setup.py). Both run in
fresh processes, alternating, so they share the machine's load; the load average is printed before
and after. `--against .` compares this version's compiled and interpreted forms.

The corpus is made of generated plans in the forms the parser reads (section-level 分工,
（牵头单位：…，责任单位：…）, 按职责分工负责 lists, dash bullets under 措施, tables), written as
UTF-8 and GB18030 files so reading and encoding detection are measured too.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from source_tree import import_from_tree  # bench/, this script's folder

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


def _side_by_side(args) -> None:
    """This version and the one in args.against, alternating in fresh processes."""
    versions = [("against " + str(args.against), ["--tree", str(args.against.resolve())]), ("this", [])]
    common = ["--documents", str(args.documents), "--tasks", str(args.tasks)]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    for round_ in range(1, args.repeat + 1):
        for label, extra in versions:
            run = subprocess.run(
                [sys.executable, __file__, *common, *extra], capture_output=True, text=True, check=False
            )
            for line in (run.stdout + run.stderr).splitlines():
                print(f"[{label}, round {round_}] {line}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    parser.add_argument(
        "--against", type=Path, default=None, help="a source tree of another version to compare"
    )
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the side-by-side comparison")
    parser.add_argument("--tree", type=Path, default=None, help=argparse.SUPPRESS)  # used by --against
    args = parser.parse_args()
    if args.against is not None:
        _side_by_side(args)
        return
    if args.tree is not None:
        import_from_tree(args.tree)

    from policygraph.ingest import extract, iter_documents, parse_text

    # read here, not by ingest.parser_is_compiled: the version --against measures may predate it
    compiled = Path(extract.__file__).suffix != ".py"
    print(
        f"parser: {'compiled (mypyc)' if compiled else 'interpreted'}, from {Path(extract.__file__).parent}"
    )
    rng = random.Random(7)
    texts = [generate_plan(rng, i, args.tasks) for i in range(args.documents)]
    size = sum(len(t.encode("utf-8")) for t in texts)

    # The first document pays for loading the knowledge base and compiling the patterns, once per
    # process: timed on its own (a plan of another number than the corpus's), not in the throughput.
    start, cpu_start = time.perf_counter(), time.process_time()
    parse_text(generate_plan(random.Random(0), args.documents, args.tasks))
    print(
        f"startup (knowledge base, patterns; first document): {time.perf_counter() - start:.2f} s wall, "
        f"{time.process_time() - cpu_start:.2f} s CPU"
    )

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
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = sum(1 for _, r in iter_documents([folder]) if not isinstance(r, Exception))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # Half the files are GB18030, two bytes a character where UTF-8 takes three: per byte on disk this
    # line reads lower than parse_text for the same work, so it also says the rate in the texts' UTF-8 size.
    print(
        f"iter_documents (read + detect encoding + parse): {parsed} files, {on_disk / 1e6:.2f} MB in "
        f"{seconds:.2f} s -> {on_disk / 1e6 / seconds:.2f} MB/s wall, {on_disk / 1e6 / cpu:.2f} MB/s CPU "
        f"({size / 1e6 / cpu:.2f} MB/s CPU of the texts as UTF-8)"
    )
    if args.keep is None:
        shutil.rmtree(folder)

    # Real texts: the seeds and the dev set of ../shared, read once, then parsed in process.
    from policygraph.ingest.readers import read_document

    shared = Path(__file__).resolve().parents[2] / "shared"
    files = sorted(shared.glob("seeds/*.txt")) + sorted(shared.glob("dev/docs/*.txt"))
    if not files:
        print(f"real texts: none found under {shared} (skipped)", file=sys.stderr)
        return
    real = [read_document(p) for p in files]
    size = sum(len(t.encode("utf-8")) for t in real)
    rounds = max(1, int(2e6 // size))  # about 2 MB of parsing, so the timing is not noise
    # The first round on its own too: the parser keeps what it learnt of each unit name and list
    # (per-name caches), so later rounds of the same texts find more of them known.
    start, cpu_start = time.perf_counter(), time.process_time()
    tasks = sum(len(parse_text(t).tasks) for t in real)
    first_seconds, first_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    tasks += sum(len(parse_text(t).tasks) for _ in range(rounds - 1) for t in real)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"real texts (seeds + dev): {len(files)} files, {size / 1e6:.2f} MB x {rounds} rounds, "
        f"{tasks // rounds} tasks per round in {seconds:.2f} s -> {size * rounds / 1e6 / seconds:.2f} MB/s wall, "
        f"{size * rounds / 1e6 / cpu:.2f} MB/s CPU (first round alone: {size / 1e6 / first_seconds:.2f} MB/s wall, "
        f"{size / 1e6 / first_cpu:.2f} MB/s CPU)"
    )


if __name__ == "__main__":
    main()
