"""Hand-made networkx graphs shaped like graph/analysis/network.py's output (see docs/architecture.md).

Used by the map, report and export tests so they do not depend on parsing; one task title and
one unit name carry an HTML/script payload. The `sample_store` fixture (registered in conftest)
loads the same plan into a real local-engine graph.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

PAYLOAD = "<img src=x onerror=alert(1)>"
GLOBAL_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
TYPES = ("education", "publicity", "science_association", "youth_league", "finance", "health")

PLAN = "p1"
ASSIGNMENTS = [
    # department label, task path, role, inherited
    ("市教育体育局", "一.(一).1", "lead", False),
    ("市科协", "一.(一).1", "support", False),
    ("团市委", "一.(一).1", "support", False),
    ("市教育体育局", "一.(一).2", "lead", True),
    ("市委宣传部", "一.(一).2", "joint", False),
    ("市科协", "一.(一).2", "joint", False),
    ("市科协", "二.(一).1", "lead", False),
    (f"市财政局{GLOBAL_PAYLOAD}", "二.(一).1", "support", False),
    ("市委宣传部", "二.(一).2", "joint", False),
    ("团市委", "二.(一).2", "joint", False),
]
TASKS = {
    "一.(一).1": ("开展科学教育进校园活动", "开展科学教育进校园活动。每学期组织科普讲座不少于两次。"),
    "一.(一).2": ("建设科普实践基地", "建设科普实践基地，推动场馆向学生免费开放。"),
    "二.(一).1": (
        f"实施科技人才培养计划{PAYLOAD}",
        f"实施科技人才培养计划{PAYLOAD}，支持青少年参加科技竞赛。",
    ),
    "二.(一).2": ("营造崇尚科学的社会氛围", "营造崇尚科学的社会氛围。"),
    "三.1": ("健全工作机制", "健全工作机制，各成员单位按职责抓好落实。"),  # nobody named: a gap
}
JURISDICTION = "宜春市"
TYPE_OF = {
    "市教育体育局": "education",
    "市科协": "science_association",
    "团市委": "youth_league",
    "市委宣传部": "publicity",
    f"市财政局{GLOBAL_PAYLOAD}": "finance",
}
WEIGHT = {"lead": 1.0, "support": 0.5, "joint": 0.75}


def department_id(label: str) -> str:
    return f"{JURISDICTION}|{label}"


def task_id(path: str) -> str:
    return f"{PLAN}:{path}"


def sample_graphs() -> tuple[nx.Graph, nx.Graph]:
    """(department network, assignment network) for the small plan above."""
    return build(ASSIGNMENTS, TASKS)


def build(assignments, tasks) -> tuple[nx.Graph, nx.Graph]:
    bipartite = nx.Graph()
    departments = nx.Graph()
    counts: dict[str, dict[str, int]] = {}
    for label, _path, role, _ in assignments:
        counts.setdefault(label, {"lead": 0, "support": 0, "joint": 0})[role] += 1
    for label, c in counts.items():
        attrs = dict(
            label=label,
            jurisdiction=JURISDICTION,
            type=TYPE_OF.get(label, "other"),
            aliases=[label],
            lead=c["lead"],
            support=c["support"],
            joint=c["joint"],
            load=sum(WEIGHT[r] * n for r, n in c.items()),
        )
        departments.add_node(department_id(label), **attrs)
        bipartite.add_node(department_id(label), kind="department", **attrs)
    for path, (title, text) in tasks.items():
        leads = [a for a in assignments if a[1] == path and a[2] == "lead"]
        bipartite.add_node(
            task_id(path),
            kind="task",
            label=path,
            title=title,
            text=text,
            plan_id=PLAN,
            section=path.split(".")[0],
            has_lead=bool(leads),
            vague=["各成员单位"] if "各成员单位" in text else [],
        )
    for label, path, role, inherited in assignments:
        bipartite.add_edge(department_id(label), task_id(path), role=role, inherited=inherited)
    for path in tasks:
        units = sorted({department_id(a[0]) for a in assignments if a[1] == path})
        for a, b in itertools.combinations(units, 2):
            if departments.has_edge(a, b):
                departments[a][b]["weight"] += 1
                departments[a][b]["tasks"].append(task_id(path))
            else:
                departments.add_edge(a, b, weight=1, tasks=[task_id(path)])
    return departments, bipartite


def random_graphs(department_count: int, task_count: int, seed: int = 1) -> tuple[nx.Graph, nx.Graph]:
    """A synthetic plan: `task_count` tasks, each with one lead and 0-4 other units."""
    rng = random.Random(seed)
    labels = [f"部门{i:04d}" for i in range(department_count)]
    for label in labels:
        TYPE_OF.setdefault(label, rng.choice(TYPES))
    tasks, assignments = {}, []
    for t in range(task_count):
        path = f"{t // 10 + 1}.{t % 10 + 1}"
        tasks[path] = (f"任务{t}：推进第{t}项工作", f"任务{t}：推进第{t}项工作，按季度报告进展。")
        units = rng.sample(labels, k=min(len(labels), rng.randint(1, 5)))
        assignments.append((units[0], path, "lead", False))
        for unit in units[1:]:
            assignments.append((unit, path, rng.choice(("support", "joint")), False))
    return build(assignments, tasks)


def sample_plan(title: str = f"宜春市科学素质提升行动实施方案{PAYLOAD}"):
    """The same small plan as Plan records (for loading into a real store)."""
    from policygraph.ingest.records import Assignment, Plan, Section, Task, Unit

    def unit(label):
        return Unit(name=label, canonical=label, unit_type=TYPE_OF.get(label, "other"))

    sections, tasks, offset = {}, [], 0
    for path, (task_title, text) in TASKS.items():
        section_path = path.rsplit(".", 1)[0]
        sections.setdefault(
            section_path, Section(path=section_path, title=f"第{section_path}部分", span=(offset, offset + 1))
        )
        chosen = tuple(
            Assignment(unit(label), role, inherited) for label, p, role, inherited in ASSIGNMENTS if p == path
        )
        tasks.append(
            Task(
                path=path,
                section=f"第{section_path}部分",
                section_path=section_path,
                title=task_title,
                text=text,
                span=(offset, offset + len(text)),
                assignment_text="",
                assignments=chosen,
                vague=("各成员单位",) if "各成员单位" in text else (),
            )
        )
        offset += len(text) + 1
    return Plan(
        id="plan-sample-0001",
        title=title,
        jurisdiction=JURISDICTION,
        level="city",
        period="2021-2025",
        doc_number="",
        source="sample.txt",
        sections=tuple(sections.values()),
        tasks=tuple(tasks),
    )


def run_policygraph(capsys, config, *args) -> tuple[int, str]:
    """Run the real console entry point in-process against `config`'s store: (exit code, stderr)."""
    from policygraph.graph.cli.main import main

    capsys.readouterr()
    try:
        main([*args, "--data-dir", str(config.data_dir), "--graph", config.graph])
        code = 0
    except SystemExit as exit_:
        code = exit_.code or 0
    return code, capsys.readouterr().err


@pytest.fixture
def sample_store(store_config):
    """An open store on `store_config`'s fresh graph holding `sample_plan()` (dropped afterwards).
    Tests that drive the CLI ask for `store_config` too: it names the same graph."""
    from policygraph.graph.store import open_store
    from policygraph.graph.store.load import load_plans

    store = open_store(store_config)
    load_plans(store, [sample_plan()], compact=False)
    yield store
    store.drop()
    store.close()
