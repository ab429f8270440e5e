"""Rows from the store -> networkx graphs (the department network and the department–task graph).

    rows = fetch_assignments(store, plan)        # rows.py: one AssignmentRow per department, task and role
    G = department_network(rows)                 # departments, edge weight = fractional cooperation
    D = lead_support_network(rows)               # lead -> supporter, where direction matters
    B = assignment_network(rows, tasks)          # bipartite departments–tasks

Node and edge attributes are listed in docs/architecture.md; the weighting rule in docs/analysis.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from policygraph.graph.analysis.rows import AssignmentRow, TaskRow
from policygraph.graph.analysis.rules import CooperationWeights, LoadWeights, analysis_rules
from policygraph.ingest.records import Role

# A department holding two roles on one task is counted once, in its strongest role.
ROLE_STRENGTH = {Role.LEAD: 3, Role.JOINT: 2, Role.SUPPORT: 1}


def weighted_load(lead: int, support: int, joint: int, weights: LoadWeights | None = None) -> float:
    """lead·w_lead + support·w_support + joint·w_joint with the weights of analysis_rules().

    >>> weighted_load(2, 5, 0)
    4.0
    """
    w = weights or analysis_rules().load_weights
    return lead * w.lead + support * w.support + joint * w.joint


def _department_nodes(
    rows: Iterable[AssignmentRow], weights: LoadWeights | None
) -> dict[str, dict[str, Any]]:
    """department id -> node attributes, counting each task once per role; `aliases`: the names
    the plans wrote it as (市科协 for 市科学技术协会), so a reader can find it by either;
    `named_on_task`: tasks where the plan names it on the task itself, not only through a
    section-wide list carried to every task of the section."""
    nodes: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str, str]] = set()
    own: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        node = nodes.get(row.department_id)
        if node is None:
            node = nodes[row.department_id] = {
                "label": row.department,
                "jurisdiction": row.jurisdiction,
                "type": row.type,
                **dict.fromkeys((role.value for role in Role), 0),
                "aliases": [],
            }
        if row.as_written and row.as_written not in node["aliases"]:
            node["aliases"].append(row.as_written)
        key = (row.department_id, row.task_id, row.role)
        if key not in seen:
            seen.add(key)
            node[row.role] += 1  # a Role is equal to (and hashes as) its value
        if not row.inherited:
            own[row.department_id].add(row.task_id)
    for node_id, node in nodes.items():
        node["load"] = weighted_load(
            node[Role.LEAD.value], node[Role.SUPPORT.value], node[Role.JOINT.value], weights
        )
        node["named_on_task"] = len(own.get(node_id, ()))
    return nodes


def _units_by_task(rows: Iterable[AssignmentRow]) -> dict[str, dict[str, tuple[Role, bool]]]:
    """task id -> department id -> (strongest role, inherited): inherited only when every naming of
    the department on that task came from a section-wide list."""
    by_task: dict[str, dict[str, tuple[Role, bool]]] = defaultdict(dict)
    for row in rows:
        units = by_task[row.task_id]
        role, inherited = row.role, bool(row.inherited)
        if row.department_id in units:
            held, held_inherited = units[row.department_id]
            role = role if ROLE_STRENGTH[role] > ROLE_STRENGTH[held] else held
            inherited = inherited and held_inherited
        units[row.department_id] = (role, inherited)
    return by_task


def cooperation_links(
    rows: Sequence[AssignmentRow], cooperation: CooperationWeights | None = None
) -> dict[tuple[str, str], tuple[float, list[str]]]:
    """(a, b) with a < b -> (weight, task ids) of the cooperation projection: on a task naming n
    departments, a pair adds r(a)·r(b)·i(a)·i(b) / (n − 1) (analysis_rules.json, block "cooperation":
    fractional counting after Newman 2001, role and inheritance factors).

    >>> from policygraph.graph.analysis.rows import AssignmentRow as A
    >>> rows = [A("a", "a", "J", "t", "t1", "p", "lead"), A("b", "b", "J", "t", "t1", "p", "support"),
    ...         A("c", "c", "J", "t", "t1", "p", "support")]
    >>> {pair: round(w, 3) for pair, (w, _) in cooperation_links(rows).items()}
    {('a', 'b'): 0.25, ('a', 'c'): 0.25, ('b', 'c'): 0.125}
    """
    w = cooperation or analysis_rules().cooperation
    links: dict[tuple[str, str], list] = {}
    for task_id, units in _units_by_task(rows).items():
        for a, b, weight in task_pair_weights(units, w):
            link = links.get((a, b))
            if link is None:
                link = links[(a, b)] = [0.0, []]
            link[0] += weight
            link[1].append(task_id)
    return {pair: (weight, tasks) for pair, (weight, tasks) in links.items()}


def task_pair_weights(
    units: Mapping[str, tuple[Role, bool]], cooperation: CooperationWeights | None = None
) -> Iterator[tuple[str, str, float]]:
    """(a, b, weight) with a < b for every pair of the departments named on one task (department ->
    (strongest role, inherited)): r(a)·r(b)·i(a)·i(b) / (n − 1). Cost: O(n²) for n departments.

    >>> sorted(task_pair_weights({"a": (Role.LEAD, False), "b": (Role.SUPPORT, True)}))
    [('a', 'b', 0.25)]
    """
    if len(units) < 2:
        return
    w = cooperation or analysis_rules().cooperation
    share = 1.0 / (len(units) - 1)
    named = sorted((unit, w.of(role, inherited)) for unit, (role, inherited) in units.items())
    for i, (a, wa) in enumerate(named):
        for b, wb in named[i + 1 :]:
            yield a, b, wa * wb * share


def department_network(
    rows: Sequence[AssignmentRow],
    weights: LoadWeights | None = None,
    cooperation: CooperationWeights | None = None,
) -> nx.Graph:
    """Departments linked when they are named on the same task, whatever their roles.

    Nodes (sorted by id, so results are reproducible): label, jurisdiction, type, lead, support,
    joint (task counts), load (weighted, see analysis_rules().load_weights), named_on_task, aliases.
    Edges: weight (fractional cooperation, see cooperation_links), shared (tasks shared), tasks
    (task ids, sorted). Cost: O(sum over tasks of units²) — a task naming 20 units adds 190 pairs.
    """
    graph = nx.Graph()
    nodes = _department_nodes(rows, weights)
    for node_id in sorted(nodes):
        graph.add_node(node_id, **nodes[node_id])
    for (a, b), (weight, tasks) in sorted(cooperation_links(rows, cooperation).items()):
        graph.add_edge(a, b, weight=weight, shared=len(tasks), tasks=sorted(tasks))
    return graph


def lead_support_network(rows: Sequence[AssignmentRow], weights: LoadWeights | None = None) -> nx.DiGraph:
    """Who leads whom: an edge lead → other for every task one leads and the other supports or
    shares (co-leads are not linked: neither directs the other). Same node attributes as
    department_network; edges: weight (tasks), tasks (task ids). Cost: as department_network."""
    roles_by_task: dict[str, dict[Role, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        roles_by_task[row.task_id][row.role].add(row.department_id)
    directed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task_id, roles in roles_by_task.items():
        followers = (roles.get(Role.SUPPORT, set()) | roles.get(Role.JOINT, set())) - roles.get(
            Role.LEAD, set()
        )
        for lead in sorted(roles.get(Role.LEAD, ())):
            for other in sorted(followers):
                directed[(lead, other)].append(task_id)
    graph = nx.DiGraph()
    nodes = _department_nodes(rows, weights)
    for node_id in sorted(nodes):
        graph.add_node(node_id, **nodes[node_id])
    for (a, b), tasks in sorted(directed.items()):
        graph.add_edge(a, b, weight=len(tasks), tasks=sorted(tasks))
    return graph


def assignment_network(
    rows: Sequence[AssignmentRow], tasks: Sequence[TaskRow], weights: LoadWeights | None = None
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
    for row in rows:
        if row.task_id not in graph:  # a task outside `tasks` (caller passed a subset)
            continue
        role = Role(row.role)
        current = graph.get_edge_data(row.department_id, row.task_id)
        if current is None or ROLE_STRENGTH[role] > ROLE_STRENGTH[current["role"]]:
            graph.add_edge(row.department_id, row.task_id, role=role, inherited=bool(row.inherited))
    return graph
