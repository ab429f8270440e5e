"""What a map shows, read from the store without reading the whole store.

    page = draw_from_store(store, plan="宜春市", view="cooperation", max_nodes=300)

`load_graphs` (maps.py) reads every assignment of the selected plans and computes every metric:
right for the report, far too much for one map of a large store (a 300-node map of 1,000 plans
took 27 s and 1 GB that way). Here the engine ranks the departments by load and returns only the
ones the map draws (cypher/views/map_departments.cypher), then the roles those departments hold
(map_assignments), and the tasks they hold them on (map_tasks). Memory and time follow the size of
the map, not of the store. Communities, when a map is coloured by them, are found among the
departments drawn.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from policygraph.errors import PolicygraphError
from policygraph.graph.analysis.network import task_pair_weights
from policygraph.graph.analysis.queries import Query, parse_query, run_query
from policygraph.graph.analysis.rules import analysis_rules
from policygraph.graph.views.maps import (
    EDGE_TOOLTIP_TASKS,
    MAX_MAP_NODES,
    TOOLTIP_TASKS,
    VIEWS,
    MapPage,
    NoMatchingPlan,
    assignment_map,
    cooperation_map,
    ego_map,
)
from policygraph.ingest.records import Role

CHUNK = 40  # departments per map_assignments query while an assignment map fills up
ROLE_STRENGTH = {Role.LEAD.value: 3, Role.JOINT.value: 2, Role.SUPPORT.value: 1}


@functools.cache
def view_query(name: str) -> Query:
    """A query of cypher/views/ (installed as policygraph.cypher, folder views/)."""
    path = importlib.resources.files("policygraph.cypher") / "views" / f"{name}.cypher"
    return parse_query(name, Path(str(path)), path.read_text(encoding="utf-8"))


def _records(store, query: str, **params) -> list[dict]:
    return run_query(store, view_query(query), params).records()


@dataclass(frozen=True)
class MapData:
    """departments: the departments drawn, linked by the tasks they share (weight, tasks);
    assignments: those departments and their tasks, edges carrying every role held (roles) and
    the strongest (role); plans: map_plans rows; total: departments in the selected plans."""

    departments: nx.Graph
    assignments: nx.Graph
    plans: tuple[dict, ...]
    total: int
    note: str = ""
    centre: str = ""  # the ego view's department id


def _weight_params() -> dict:
    weights = analysis_rules().load_weights
    return {f"{role.value}_weight": weights.of(role) for role in Role}


def _department_rows(store, plan_ids, limit: int) -> list[dict]:
    if plan_ids is None:
        return _records(store, "map_departments_all", limit=limit, **_weight_params())
    return _records(store, "map_departments", plans=plan_ids, limit=limit, **_weight_params())


def _add_departments(graph: nx.Graph, rows: list[dict]) -> None:
    for row in rows:
        graph.add_node(
            row["department_id"],
            kind="department",
            label=row["department"],
            jurisdiction=row["jurisdiction"],
            type=row["type"],
            aliases=list(row["aliases"] or []),
            lead=int(row["lead"]),
            support=int(row["support"]),
            joint=int(row["joint"]),
            load=float(row["workload"]),
        )


def _tooltip_tasks(assignments: nx.Graph, cooperation: nx.Graph) -> set:
    """The tasks the cooperation map's tooltips name: each department's first TOOLTIP_TASKS (led
    ones first, by id) and each link's first EDGE_TOOLTIP_TASKS shared ones."""
    wanted: set = set()
    for department in cooperation:
        held = sorted(
            assignments[department].items(), key=lambda item: (-ROLE_STRENGTH[item[1]["role"]], item[0])
        )
        wanted.update(task for task, _ in held[:TOOLTIP_TASKS])
    for _, _, data in cooperation.edges(data=True):
        wanted.update(data["tasks"][:EDGE_TOOLTIP_TASKS])
    return wanted


def _add_tasks(store, graph: nx.Graph, task_ids) -> None:
    for row in _records(store, "map_tasks", tasks=sorted(task_ids)):
        graph.add_node(
            row["task_id"],
            kind="task",
            label=row["path"],
            title=row["title"],
            text=row["text"],
            plan_id=row["plan_id"],
            jurisdiction=row["jurisdiction"],
            section=row["section"],
            has_lead=bool(row["has_lead"]),
            vague=list(row["vague"] or []),
        )


def _add_roles(graph: nx.Graph, rows: list[dict]) -> None:
    """Role rows -> one edge per department and task with every role (`roles`, strongest first),
    the strongest (`role`) and `inherited` (true when every role there comes from a
    section-level statement)."""
    held: dict[tuple, list] = {}
    for row in rows:
        department, task = row["department_id"], row["task_id"]
        if department not in graph or task not in graph:
            continue
        entry = held.get((department, task))
        if entry is None:
            held[(department, task)] = [{row["role"]}, bool(row["inherited"])]
        else:
            entry[0].add(row["role"])
            entry[1] = entry[1] and bool(row["inherited"])
    for (department, task), (roles, inherited) in held.items():
        ordered = sorted(roles, key=lambda r: -ROLE_STRENGTH[r])
        graph.add_edge(department, task, role=ordered[0], roles=ordered, inherited=inherited)


def _cooperation(assignments: nx.Graph) -> nx.Graph:
    """Departments of `assignments` linked by the tasks they share there: weight by the analysis
    layer's cooperation rule (network.task_pair_weights), shared (task count), tasks (sorted)."""
    rule = analysis_rules().cooperation
    graph = nx.Graph()
    graph.add_nodes_from((n, a) for n, a in assignments.nodes(data=True) if a.get("kind") == "department")
    links: dict[tuple, list] = defaultdict(lambda: [0.0, []])
    for task, attrs in assignments.nodes(data=True):
        if attrs.get("kind") == "task":
            units = {d: (edge["role"], edge["inherited"]) for d, edge in assignments[task].items()}
            for a, b, weight in task_pair_weights(units, rule):
                links[(a, b)][0] += weight
                links[(a, b)][1].append(task)
    for (a, b), (weight, tasks) in sorted(links.items()):
        graph.add_edge(a, b, weight=weight, shared=len(tasks), tasks=sorted(tasks))
    return graph


def _plans(store, plan) -> tuple[dict, ...]:
    plans = tuple(_records(store, "map_plans", plan=plan))
    if not plans:
        raise NoMatchingPlan(plan)
    return plans


def fetch_map(
    store,
    plan: str | None = None,
    view: str = "cooperation",
    max_nodes: int = MAX_MAP_NODES,
    department: str | None = None,
) -> MapData:
    """Read what one map of the selected plans shows (see the module doc).

    cooperation: the `max_nodes` busiest departments and the tasks they share; assignment: the
    busiest departments with all their tasks while they fit in `max_nodes`, then tasks nobody
    leads; ego: `department`, its tasks and everyone named on them. Raises PolicygraphError when no
    plan matches or the department is unknown. Cost: 4-6 queries; rows ≈ what the map draws.
    """
    if view not in VIEWS:
        raise PolicygraphError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    plans = _plans(store, plan)
    plan_ids = None if plan is None else [p["plan_id"] for p in plans]
    graph = nx.Graph()
    note = centre = ""
    if view == "cooperation":
        rows = _department_rows(store, plan_ids, max_nodes)
        total = _total(store, plan_ids, rows, max_nodes)
        _add_departments(graph, rows)
        roles = _records(store, "map_assignments", departments=list(graph), plans=plan_ids)
        # Every task stays a bare node (the links and the role filter need them all); only the
        # ones a tooltip names are read in full: on a large store most are never shown.
        graph.add_nodes_from((row["task_id"], {"kind": "task"}) for row in roles)
        _add_roles(graph, roles)
        cooperation = _cooperation(graph)
        _add_tasks(store, graph, _tooltip_tasks(graph, cooperation))
        if len(rows) < total:
            note = (
                f"部门过多：仅显示工作负荷最高的 {len(rows)} 个部门（共 {total} 个）。"
                "完整数据请用 policygraph export 导出。"
            )
    elif view == "assignment":
        total, note = _fill_assignment_graph(store, graph, plan_ids, max_nodes)
    else:
        if not department:
            raise PolicygraphError("the ego view needs a department (its name or id)")
        centre = find_department(store, department, plan_ids)
        roles = _records(store, "map_assignments", departments=[centre], plans=plan_ids)
        tasks = {r["task_id"] for r in roles}
        everyone = _records(store, "map_task_units", tasks=sorted(tasks))
        ids = sorted({r["department_id"] for r in everyone} | {centre})
        _add_departments(
            graph,
            _records(store, "map_department_loads", departments=ids, plans=plan_ids, **_weight_params()),
        )
        _add_tasks(store, graph, tasks)
        _add_roles(graph, everyone)
        total = len(ids)
    if view != "cooperation":
        cooperation = _cooperation(graph)
    return MapData(cooperation, graph, plans, total, note, centre)


def _total(store, plan_ids, rows: list, limit: int) -> int:
    """Departments in the plans: counted by the engine only when the ranking was cut at `limit`."""
    if len(rows) < limit:
        return len(rows)
    if plan_ids is None:
        return int(_records(store, "map_department_total")[0]["departments"])
    return int(_records(store, "map_department_count", plans=plan_ids)[0]["departments"])


def _fill_assignment_graph(store, graph: nx.Graph, plan_ids, max_nodes: int) -> tuple[int, str]:
    """Busiest departments first, each with all its tasks, while they fit; then unled tasks.
    Returns (departments in the plans, the note saying what was left out)."""
    ranked = _department_rows(store, plan_ids, max_nodes)
    total = _total(store, plan_ids, ranked, max_nodes)
    kept_rows, tasks, roles, full = [], set(), [], False
    for start in range(0, len(ranked), CHUNK):
        chunk = ranked[start : start + CHUNK]
        found = _records(
            store, "map_assignments", departments=[r["department_id"] for r in chunk], plans=plan_ids
        )
        by_department: dict[str, set] = defaultdict(set)
        for row in found:
            by_department[row["department_id"]].add(row["task_id"])
        for row in chunk:
            extra = by_department[row["department_id"]] - tasks
            if len(kept_rows) + len(tasks) + 1 + len(extra) > max_nodes:
                if not kept_rows:  # the busiest alone has too many tasks: draw it with the first ones
                    kept_rows.append(row)
                    tasks |= set(sorted(extra)[: max_nodes - 1])
                full = True
                break
            kept_rows.append(row)
            tasks |= extra
        roles.extend(found)
        if full:
            break
    _add_departments(graph, kept_rows)
    _add_tasks(store, graph, tasks)
    room = max_nodes - len(kept_rows) - len(tasks)
    if room > 0:
        # from the plans already drawn (or every selected plan when none is): searching the whole
        # corpus would read every task of the store
        drawn = sorted({graph.nodes[t]["plan_id"] for t in tasks}) or plan_ids
        unled = _records(store, "map_unled_tasks", plans=drawn, limit=room) if drawn else []
        _add_tasks(store, graph, {r["task_id"] for r in unled} - tasks)
    _add_roles(graph, roles)
    if len(kept_rows) < total:
        return total, (
            f"节点过多：仅显示工作负荷最高的 {len(kept_rows)} 个部门及其任务（共 {total} 个部门）。"
            "完整数据请用 policygraph export 导出。"
        )
    return total, ""


def find_department(store, wanted: str, plan_ids: list | None = None) -> str:
    """Department id for an id, canonical name or name as written; raises PolicygraphError naming
    close matches when there is none, or the candidates when the name is ambiguous."""
    rows = _records(store, "map_find_department", name=wanted, plans=plan_ids)
    exact = [r for r in rows if r["exact"]]
    if len(exact) == 1:
        return exact[0]["department_id"]
    if len(exact) > 1:
        ids = [r["department_id"] for r in exact]
        if wanted in ids:
            return wanted
        raise PolicygraphError(
            f"department {wanted!r} is ambiguous: it may be any of the ids {', '.join(ids)}"
        )
    names = sorted({r["department"] for r in rows})[:5]
    hint = f"; did you mean {'、'.join(names)}?" if names else ""
    raise PolicygraphError(f"department {wanted!r} not found{hint}")


def heading(plans: tuple[dict, ...]) -> str:
    if len(plans) == 1:
        return f"{plans[0].get('jurisdiction') or ''} {plans[0].get('title') or ''}".strip()
    return f"{len(plans)} 个方案"


def draw_from_store(
    store,
    plan: str | None = None,
    view: str = "cooperation",
    department: str | None = None,
    color_by: str = "type",
    max_nodes: int = MAX_MAP_NODES,
) -> MapPage:
    """One map of the selected plans, read with fetch_map; what `policygraph map` draws."""
    data = fetch_map(store, plan, view, max_nodes, department)
    title = heading(data.plans)
    if view == "cooperation":
        page = cooperation_map(
            data.departments,
            data.assignments,
            title=f"部门协作网络 · {title}",
            color_by=color_by,
            max_nodes=max_nodes,
            note=data.note,
        )
    elif view == "assignment":
        page = assignment_map(
            data.assignments,
            title=f"部门—任务分工 · {title}",
            color_by=color_by,
            max_nodes=max_nodes,
            note=data.note,
        )
    else:
        page = ego_map(data.assignments, data.centre, color_by=color_by)
    return page
