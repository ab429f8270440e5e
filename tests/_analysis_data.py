"""Plans for the analysis tests (queries, metrics, gaps, compare), built as records.

``gold_plan(path)``
    A Plan built from one hand-made gold annotation in ../shared/gold (units normalised with the
    real ``normalize_unit``), so the analysis can be checked against the gold counts whatever the
    parser's accuracy. Task text is the gold title: no seed text is copied anywhere.
``clean_plan()`` / ``make_plan(...)``
    Small plans written by this team: every task has one named lead and named supporters.
``gold_store`` / ``gold_config`` (session fixtures)
    A real local-engine store holding the five gold plans, loaded once (READ ONLY), and its config.
``expected_workload(gold, name)``
    (lead, support, joint) task counts of one unit in a gold file, by canonical name.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest

from policygraph.graph.store import open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans
from policygraph.ingest.records import Assignment, Plan, Section, Task
from policygraph.ingest.units import normalize_unit

ROLES = ("lead", "support", "joint")


def gold_plan(path: Path) -> Plan:
    gold = json.loads(path.read_text(encoding="utf-8"))
    jurisdiction = gold["jurisdiction"]
    plan_id = "gold" + hashlib.sha1(gold["doc"].encode()).hexdigest()[:12]
    sections: dict[str, Section] = {}
    tasks = []
    for number, item in enumerate(gold["tasks"]):
        section_path = item["id"].rsplit(".", 1)[0]
        sections.setdefault(section_path, Section(path=section_path, title=item["section"]))
        assignments = tuple(
            Assignment(normalize_unit(name, jurisdiction), role) for role in ROLES for name in item[role]
        )
        tasks.append(
            Task(
                path=item["id"],
                section=item["section"],
                section_path=section_path,
                title=item["title"],
                text=item["title"],
                span=(number * 100, number * 100 + 60),
                assignment_text="",
                assignments=assignments,
                vague=tuple(item["vague"]),
                note=item["note"],
            )
        )
    return Plan(
        id=plan_id,
        title=f"{jurisdiction} gold {gold['doc']}",
        jurisdiction=jurisdiction,
        level=gold["level"],
        period=gold.get("period", ""),
        doc_number="",
        source=gold["doc"],
        sections=tuple(sections.values()),
        tasks=tuple(tasks),
    )


def expected_workload(gold_path: Path, name: str) -> tuple[int, int, int]:
    """(lead, support, joint) distinct tasks of the unit whose canonical name is that of `name`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    jurisdiction = gold["jurisdiction"]
    canonical = normalize_unit(name, jurisdiction).canonical
    counts = []
    for role in ROLES:
        counts.append(
            sum(
                1
                for t in gold["tasks"]
                if any(normalize_unit(u, jurisdiction).canonical == canonical for u in t[role])
            )
        )
    return tuple(counts)


def make_plan(
    plan_id: str, jurisdiction: str, rows, *, section_text: dict | None = None, source: str | None = None
) -> Plan:
    """rows: (task path, section title, task title, leads, supports, joints, vague) tuples; unit names
    are written as a plan of `jurisdiction` would write them. section_text: section path ->
    assignment text stated once for the section."""
    section_text = section_text or {}
    sections: dict[str, Section] = {}
    tasks = []
    for number, (path, section_title, title, leads, supports, joints, vague) in enumerate(rows):
        section_path = path.rsplit(".", 1)[0]
        sections.setdefault(
            section_path,
            Section(
                path=section_path, title=section_title, assignment_text=section_text.get(section_path, "")
            ),
        )
        assignments = tuple(
            Assignment(normalize_unit(name, jurisdiction), role)
            for role, names in (("lead", leads), ("support", supports), ("joint", joints))
            for name in names
        )
        tasks.append(
            Task(
                path=path,
                section=section_title,
                section_path=section_path,
                title=title,
                text=f"{title}。",
                span=(number * 80, number * 80 + 40),
                assignments=assignments,
                vague=tuple(vague),
            )
        )
    return Plan(
        id=plan_id,
        title=f"{jurisdiction}示例方案",
        jurisdiction=jurisdiction,
        level="city",
        period="2021-2025",
        doc_number="",
        source=source or f"{plan_id}.txt",
        sections=tuple(sections.values()),
        tasks=tuple(tasks),
    )


# A clean plan of our own: one lead per task, named supporters, no placeholders, no dominant lead.
CLEAN_ROWS = [
    ("一.(一).1", "青少年科学素质提升行动", "开展校园科技节活动", ["市教育局"], ["市科协", "团市委"], [], []),
    ("一.(一).2", "青少年科学素质提升行动", "建设青少年科普实践基地", ["市教育局"], ["市科技局"], [], []),
    ("一.(一).3", "青少年科学素质提升行动", "组织中小学生参观科技馆", ["市科协"], ["市教育局"], [], []),
    ("一.(二).1", "农民科学素质提升行动", "举办农业实用技术培训班", ["市农业农村局"], ["市科协"], [], []),
    (
        "一.(二).2",
        "农民科学素质提升行动",
        "培育乡村科普带头人",
        ["市农业农村局"],
        ["市人力资源社会保障局"],
        [],
        [],
    ),
    (
        "一.(二).3",
        "农民科学素质提升行动",
        "建设村级科普宣传栏",
        ["市科协"],
        ["市农业农村局", "市委宣传部"],
        [],
        [],
    ),
    ("一.(三).1", "老年人科学素质提升行动", "开设老年人智能手机课堂", ["市卫生健康委"], ["市民政局"], [], []),
    (
        "一.(三).2",
        "老年人科学素质提升行动",
        "开展防范电信诈骗宣传",
        ["市公安局"],
        ["市委宣传部", "市民政局"],
        [],
        [],
    ),
    ("一.(三).3", "老年人科学素质提升行动", "推广健康生活知识讲座", ["市卫生健康委"], ["市科协"], [], []),
]


def clean_plan(plan_id: str = "clean-plan-1", jurisdiction: str = "示范市") -> Plan:
    return make_plan(plan_id, jurisdiction, CLEAN_ROWS, section_text={"一.(一)": "(牵头单位:市教育局)"})


@pytest.fixture(scope="session")
def gold_paths(gold_dir) -> dict[str, Path]:
    """seed number ('000'…'004') -> gold file."""
    return {p.name[:3]: p for p in sorted(gold_dir.glob("*.json"))}


@pytest.fixture(scope="session")
def gold_config(local_engine) -> StoreConfig:
    """Where gold_store lives (for CLI tests: --data-dir / --graph)."""
    return StoreConfig(data_dir=local_engine.data_dir, graph=f"t_gold_{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="session")
def gold_store(gold_config, gold_paths):
    store = open_store(gold_config)
    summary = load_plans(store, [gold_plan(p) for p in gold_paths.values()], compact=False)
    assert not summary.failed, summary.failed
    yield store
    store.drop()
    store.close()
