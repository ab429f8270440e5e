"""Rows from the store -> networkx graphs (the department network and the department–task graph).

    rows = fetch_assignments(store, plan)        # one AssignmentRow per department, task and role
    tasks = fetch_tasks(store, plan)             # every task, also those nobody is named on
    G = department_network(rows)                 # departments, edge weight = tasks shared
    D = lead_support_network(rows)               # lead -> supporter, where direction matters
    B = assignment_network(rows, tasks)          # bipartite departments–tasks

`plan` selects plans the way the query library does: a plan id, a jurisdiction or a title; None
means every plan. Node and edge attributes are listed in docs/architecture.md.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib.resources
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from policygraph.errors import InputError, PolicygraphError, StoreError
from policygraph.graph.analysis.queries import run_builtin


@dataclass(frozen=True)
class AssignmentRow:
    """One department in one role on one task. as_written: the name the plan used there."""

    department_id: str
    department: str
    jurisdiction: str
    type: str
    task_id: str
    plan_id: str
    role: str
    inherited: bool = False
    as_written: str = ""


@dataclass(frozen=True)
class TaskRow:
    """One task with its provenance (source file, character span) and placeholders."""

    task_id: str
    plan_id: str
    jurisdiction: str
    path: str
    section: str
    section_path: str
    title: str
    text: str
    vague: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    assignment_text: str = ""
    source: str = ""
    span_start: int | None = None
    span_end: int | None = None
    has_lead: bool = False


@dataclass(frozen=True)
class SectionRow:
    """One section and what it says once about responsibility for all its tasks."""

    section_id: str
    plan_id: str
    jurisdiction: str
    path: str
    title: str
    kind: str
    assignment_text: str
    vague: tuple[str, ...]
    tasks: int
    tasks_with_lead: int


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while hundreds of thousands of rows are built: they hold
    no reference cycles, and each collection would rescan every row built so far (it doubled the
    fetch time of the 1,000-plan benchmark)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows(result, record_type, tuple_fields: Sequence[str] = ()) -> list:
    """Store rows -> frozen records. The query's columns are the record's fields, in order; a
    missing value becomes the field's default (or ""), list columns become tuples."""
    fields = dataclasses.fields(record_type)
    names = tuple(f.name for f in fields)
    if tuple(result.columns) != names:
        raise StoreError(f"query columns {result.columns} do not match {record_type.__name__} {names}")
    defaults = [f.default if f.default is not dataclasses.MISSING else "" for f in fields]
    listed = [names.index(name) for name in tuple_fields]
    out = []
    for row in result.rows:
        if listed or None in row:
            row = [defaults[i] if v is None else v for i, v in enumerate(row)]
            for i in listed:
                row[i] = tuple(row[i])
        out.append(record_type(*row))
    return out


def fetch_assignments(store, plan: str | None = None) -> list[AssignmentRow]:
    """Every department–task–role edge of the selected plans (query assignment_edges).
    Cost: one query; rows ≈ assignments (about 5–20 per task)."""
    with _collector_paused():
        return _rows(run_builtin(store, "assignment_edges", plan=plan), AssignmentRow)


def fetch_tasks(store, plan: str | None = None) -> list[TaskRow]:
    """Every task of the selected plans, in document order (query task_list). Cost: one query."""
    with _collector_paused():
        return _rows(run_builtin(store, "task_list", plan=plan), TaskRow, ("vague", "leaders"))


def fetch_sections(store, plan: str | None = None) -> list[SectionRow]:
    """Every section of the selected plans (query section_list). Cost: one query."""
    with _collector_paused():
        return _rows(run_builtin(store, "section_list", plan=plan), SectionRow, ("vague",))


def require_plan(store, plan: str | None) -> None:
    """Raise PolicygraphError when `plan` (id, jurisdiction or title) selects no plan, so that a
    typo is not mistaken for a plan with nothing to report. None (all plans) always passes.
    Cost: one small query."""
    if plan is not None and not run_builtin(store, "plan_overview", plan=plan).rows:
        raise PolicygraphError(
            f"no plan matches {plan!r} (give a plan id, jurisdiction or title; "
            "see `policygraph query plan_overview`)"
        )


@lru_cache(maxsize=8)
def _read_rules(path: str | None) -> dict:
    if path is None:
        text = (importlib.resources.files("policygraph.graph.analysis") / "analysis_rules.json").read_text(
            "utf-8"
        )
        return json.loads(text)
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read rules file: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"rules file is not valid JSON: {exc}") from None


def analysis_rules(path: str | Path | None = None) -> dict:
    """Weights and thresholds (graph/analysis/analysis_rules.json, or a user's copy at `path`; blocks
    missing from a user's file fall back to the shipped values). Cost: reads the file once."""
    shipped = _read_rules(None)
    if path is None:
        return shipped
    user = _read_rules(str(path))
    return {
        **shipped,
        **{k: ({**shipped[k], **v} if isinstance(v, dict) and k in shipped else v) for k, v in user.items()},
    }


def weighted_load(lead: int, support: int, joint: int, weights: dict | None = None) -> float:
    """lead·w_lead + support·w_support + joint·w_joint with the weights of analysis_rules()."""
    w = weights or analysis_rules()["load_weights"]
    return lead * w["lead"] + support * w["support"] + joint * w["joint"]


def _department_nodes(rows: Iterable[AssignmentRow], weights: dict | None) -> dict[str, dict[str, Any]]:
    """department id -> node attributes, counting each task once per role; `aliases`: the names
    the plans wrote it as (市科协 for 市科学技术协会), so a reader can find it by either."""
    nodes: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        node = nodes.setdefault(
            row.department_id,
            {
                "label": row.department,
                "jurisdiction": row.jurisdiction,
                "type": row.type,
                "lead": 0,
                "support": 0,
                "joint": 0,
                "aliases": [],
            },
        )
        if row.as_written and row.as_written not in node["aliases"]:
            node["aliases"].append(row.as_written)
        key = (row.department_id, row.task_id, row.role)
        if key not in seen:
            seen.add(key)
            node[row.role] += 1
    for node in nodes.values():
        node["load"] = weighted_load(node["lead"], node["support"], node["joint"], weights)
    return nodes


def _units_by_task(rows: Iterable[AssignmentRow]) -> dict[str, dict[str, set[str]]]:
    """task id -> role -> department ids."""
    by_task: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        by_task[row.task_id][row.role].add(row.department_id)
    return by_task


def _department_graph(graph, nodes: dict[str, dict[str, Any]], links: dict[tuple[str, str], list[str]]):
    """Fill `graph` with department `nodes` (sorted by id, so results are reproducible) and one edge
    per (a, b) of `links`, carrying weight = number of tasks and the sorted task ids."""
    for node_id in sorted(nodes):
        graph.add_node(node_id, **nodes[node_id])
    for (a, b), tasks in sorted(links.items()):
        graph.add_edge(a, b, weight=len(tasks), tasks=sorted(tasks))
    return graph


def department_network(rows: Sequence[AssignmentRow], weights: dict | None = None) -> nx.Graph:
    """Departments linked when they are named on the same task, whatever their roles.

    Nodes (sorted by id, so results are reproducible): label, jurisdiction, type, lead, support,
    joint (task counts), load (weighted, see analysis_rules()["load_weights"]).
    Edges: weight (tasks shared), tasks (task ids, sorted).
    Cost: O(sum over tasks of units²) — a task naming 20 units adds 190 pairs.
    """
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task_id, roles in _units_by_task(rows).items():
        units = sorted(set().union(*roles.values()))
        for a, b in itertools.combinations(units, 2):
            shared[(a, b)].append(task_id)
    return _department_graph(nx.Graph(), _department_nodes(rows, weights), shared)


def lead_support_network(rows: Sequence[AssignmentRow], weights: dict | None = None) -> nx.DiGraph:
    """Who leads whom: an edge lead → other for every task one leads and the other supports or
    shares (co-leads are not linked: neither directs the other). Same node attributes as
    department_network; edges: weight (tasks), tasks (task ids). Cost: as department_network."""
    directed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task_id, roles in _units_by_task(rows).items():
        followers = (roles.get("support", set()) | roles.get("joint", set())) - roles.get("lead", set())
        for lead in sorted(roles.get("lead", ())):
            for other in sorted(followers):
                directed[(lead, other)].append(task_id)
    return _department_graph(nx.DiGraph(), _department_nodes(rows, weights), directed)


def assignment_network(
    rows: Sequence[AssignmentRow], tasks: Sequence[TaskRow], weights: dict | None = None
) -> nx.Graph:
    """The bipartite department–task graph.

    Department nodes: as in department_network plus kind="department". Task nodes (id = task id):
    kind="task", label (path), title, text, plan_id, section, has_lead, vague (list).
    Edges: role (lead/support/joint), inherited. A department holding two roles on one task keeps
    the strongest (lead > joint > support). Cost: O(rows + tasks).
    """
    graph = nx.Graph()
    for node_id, attrs in sorted(_department_nodes(rows, weights).items()):
        graph.add_node(node_id, kind="department", **attrs)
    for task in tasks:
        graph.add_node(
            task.task_id,
            kind="task",
            label=task.path,
            title=task.title,
            text=task.text,
            plan_id=task.plan_id,
            section=task.section,
            has_lead=task.has_lead,
            vague=list(task.vague),
        )
    strength = {"lead": 3, "joint": 2, "support": 1}
    for row in rows:
        if row.task_id not in graph:  # a task outside `tasks` (caller passed a subset)
            continue
        current = graph.get_edge_data(row.department_id, row.task_id)
        if current is None or strength[row.role] > strength[current["role"]]:
            graph.add_edge(row.department_id, row.task_id, role=row.role, inherited=bool(row.inherited))
    return graph
