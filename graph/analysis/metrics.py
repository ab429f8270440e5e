"""Network metrics of the department network, as pandas DataFrames.

    from policygraph.graph.analysis.metrics import compute_metrics
    result = compute_metrics(store, plan="宜春市")        # or plan=None, per_plan=True
    result.departments       # one row per department (DEPARTMENT_COLUMNS)
    result.networks          # one row per analysed network (NETWORK_COLUMNS)

Or from graphs you built: `department_metrics(G, D)` and `network_summary(G)`.

Measures (all on the undirected department network G, edge weight = tasks shared):
  degree / strength   partners / tasks shared with partners (sum of edge weights)
  betweenness         share of shortest paths through the department, within its connected
                      component, over distance = 1 / tasks shared (frequent partners are close;
                      networkx would read the raw weight as a distance); see component_betweenness()
  pagerank            weighted PageRank over the whole analysed network (sums to 1)
  constraint          Burt's constraint (high = partners all tied to each other, no brokerage)
  effective_size      Burt's effective size (non-redundant partners; our sparse version, see
                      effective_size()); efficiency = it / degree
  core                k-core number (unweighted)
  community           Louvain community (numbered by size, largest first)
  directs / led_by    distinct departments it leads on some task / that lead it (lead → supporter)
Rules for `overloaded` and `central` are in graph/analysis/analysis_rules.json (docs/analysis.md).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from policygraph.graph.analysis.network import (
    analysis_rules,
    department_network,
    fetch_assignments,
    lead_support_network,
)

DEPARTMENT_COLUMNS = (
    "department_id",
    "department",
    "jurisdiction",
    "type",
    "lead",
    "support",
    "joint",
    "load",
    "degree",
    "strength",
    "betweenness",
    "pagerank",
    "constraint",
    "effective_size",
    "efficiency",
    "core",
    "community",
    "directs",
    "led_by",
    "overloaded",
    "central",
)
NETWORK_COLUMNS = (
    "network",
    "departments",
    "links",
    "components",
    "density",
    "mean_degree",
    "degree_centralization",
    "betweenness_centralization",
    "communities",
    "modularity",
)

# Components up to this size get the array betweenness (O(n³) memory: 300 nodes ≈ 220 MB at peak
# would be too much, 200 ≈ 64 MB); larger ones networkx's Brandes algorithm (slower, linear memory).
ARRAY_BETWEENNESS_LIMIT = 200


@dataclass(frozen=True)
class Metrics:
    departments: pd.DataFrame
    networks: pd.DataFrame


def _distance_graph(component: nx.Graph) -> nx.Graph:
    """A copy whose edges carry distance = 1 / weight for shortest-path measures."""
    graph = nx.Graph()
    graph.add_nodes_from(component)
    graph.add_edges_from((u, v, {"distance": 1.0 / d["weight"]}) for u, v, d in component.edges(data=True))
    return graph


def effective_size(G: nx.Graph, weight: str = "weight") -> dict:
    """Burt's effective size of every node of an undirected weighted graph:
    Σ_j∈N(i) [1 − Σ_q p_iq · m_jq], p = tie weight / node's total, m = tie weight / node's strongest tie.

    Computed with sparse matrices (memory O(edges + two-step pairs)). networkx's own all-nodes
    version builds a dense n×n array, and in networkx 3.6 scales m by the wrong node's strongest
    tie on weighted graphs (its node-by-node version agrees with this one; see tests/test_metrics.py).
    Isolated nodes get NaN (undefined). Cost: one sparse product.
    """
    import numpy as np
    import scipy.sparse as sparse

    nodes = list(G)
    if not nodes:
        return {}
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=weight, format="csr").astype(float)
    total = np.asarray(A.sum(axis=1)).ravel()
    strongest = A.max(axis=1).toarray().ravel()
    isolated = total == 0
    with np.errstate(divide="ignore"):
        P = sparse.diags(np.where(isolated, 0.0, 1.0 / total)) @ A
        M = sparse.diags(np.where(isolated, 0.0, 1.0 / strongest)) @ A
    tied = (A > 0).astype(float)
    redundancy = np.asarray((P @ M.T).multiply(tied).sum(axis=1)).ravel()
    size = np.asarray(tied.sum(axis=1)).ravel() - redundancy
    size[isolated] = np.nan
    return dict(zip(nodes, size.tolist()))


def component_betweenness(H: nx.Graph) -> dict:
    """Normalized betweenness of a connected graph over distance = 1 / weight, computed with
    arrays: all-pairs distances (scipy's Dijkstra), shortest-path counts σ from the links that lie
    on shortest paths, then Σ over pairs (s, t) with v on a shortest path of σ_sv·σ_vt / σ_st.
    Equal distances are compared with a relative tolerance of 1e-9 (sums of 1/weight rarely add up
    exactly in floating point). Same figures as networkx's weighted betweenness where its exact float
    comparisons see the same ties, about 20× faster on plan-sized networks.
    Cost: O(n³) time and memory — callers keep n ≤ ARRAY_BETWEENNESS_LIMIT.
    """
    import numpy as np
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import shortest_path

    nodes = list(H)
    n = len(nodes)
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    weights = nx.to_numpy_array(H, nodelist=nodes, weight="weight", nonedge=0.0)
    linked = weights > 0
    step = np.full((n, n), np.inf)
    step[linked] = 1.0 / weights[linked]
    distance = shortest_path(csr_array(np.where(linked, step, 0.0)), method="D", directed=False)
    # tight[s, u, t]: the link u–t ends a shortest path from s to t
    tight = np.isclose(distance[:, :, None] + step[None, :, :], distance[:, None, :], rtol=1e-9, atol=0.0)
    tight = tight.astype(float)
    identity = np.eye(n)
    sigma = identity
    for _ in range(n):  # one more link per round; stops once no count changes
        grown = identity + np.matmul(sigma[:, None, :], tight)[:, 0, :]
        if np.array_equal(grown, sigma):
            break
        sigma = grown
    off_diagonal = ~np.eye(n, dtype=bool)
    scores = np.zeros(n)
    for v in range(n):
        through = np.isclose(distance[:, v, None] + distance[None, v, :], distance, rtol=1e-9, atol=0.0)
        through &= off_diagonal
        through[v, :] = False
        through[:, v] = False
        scores[v] = (np.outer(sigma[:, v], sigma[v, :])[through] / sigma[through]).sum()
    return dict(zip(nodes, (scores / ((n - 1) * (n - 2))).tolist()))


def _betweenness(G: nx.Graph) -> dict:
    """Betweenness normalized within each connected component (components stay small: about one
    jurisdiction each), over distance = 1 / tasks shared."""
    betweenness = {}
    for nodes in nx.connected_components(G):
        component = G.subgraph(nodes)
        if len(nodes) <= ARRAY_BETWEENNESS_LIMIT:
            betweenness.update(component_betweenness(component))
        else:
            betweenness.update(
                nx.betweenness_centrality(_distance_graph(component), weight="distance", normalized=True)
            )
    return betweenness


def _communities(G: nx.Graph, rules: dict) -> list[set]:
    if G.number_of_edges() == 0:
        return [{n} for n in G]
    found = nx.community.louvain_communities(
        G, weight="weight", seed=rules["communities"]["seed"], resolution=rules["communities"]["resolution"]
    )
    return sorted(found, key=lambda c: (-len(c), min(c)))


def flag_overloaded(frame: pd.DataFrame, rules: dict) -> pd.Series:
    """True where load > median + robust_z · max(1.4826·MAD, min_scale) among the departments of the
    same jurisdiction, and load ≥ min_load, in jurisdictions with ≥ min_departments departments."""
    rule = rules["overloaded"]
    flags = pd.Series(False, index=frame.index)
    for _, group in frame.groupby("jurisdiction", sort=False):
        if len(group) < rule["min_departments"]:
            continue
        median = group["load"].median()
        mad = (group["load"] - median).abs().median()
        threshold = median + rule["robust_z"] * max(1.4826 * mad, rule["min_scale"])
        flags[group.index] = (group["load"] > threshold) & (group["load"] >= rule["min_load"])
    return flags


def flag_central(frame: pd.DataFrame, rules: dict) -> pd.Series:
    """True for the top k of each jurisdiction by PageRank or by betweenness (k = top_share of its
    departments, clamped to [min_top, max_top]), among departments with ≥ min_degree partners."""
    rule = rules["central"]
    flags = pd.Series(False, index=frame.index)
    for _, group in frame.groupby("jurisdiction", sort=False):
        eligible = group[group["degree"] >= rule["min_degree"]]
        if eligible.empty:
            continue
        k = min(rule["max_top"], max(rule["min_top"], round(rule["top_share"] * len(group))))
        by_pagerank = eligible.sort_values(["pagerank", "department"], ascending=[False, True]).index[:k]
        brokers = eligible[eligible["betweenness"] > 0]
        by_betweenness = brokers.sort_values(["betweenness", "department"], ascending=[False, True]).index[:k]
        flags[by_pagerank.union(by_betweenness)] = True
    return flags


def department_metrics(G: nx.Graph, D: nx.DiGraph | None = None, rules: dict | None = None) -> pd.DataFrame:
    """One row per department of G (DEPARTMENT_COLUMNS, sorted by PageRank); also stores every
    measure as a node attribute of G. D: the lead → supporter network (directs/led_by; 0 without it).
    Cost: betweenness O(n³) per component (arrays; networkx's O(n·m·log n) above 200 departments),
    Louvain ≈ O(m log n), the rest O(m) — about 15 ms for a 40-department plan."""
    rules = rules or analysis_rules()
    columns = list(DEPARTMENT_COLUMNS)
    if G.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns)
    betweenness = _betweenness(G)
    constraint = nx.constraint(G, weight="weight")  # sparse matrices inside; NaN for isolated nodes
    effective = effective_size(G)
    pagerank = nx.pagerank(G, weight="weight") if G.number_of_edges() else dict.fromkeys(G, 1.0 / len(G))
    core = nx.core_number(G)
    community = {n: i for i, members in enumerate(_communities(G, rules)) for n in members}
    records = []
    for node, attrs in G.nodes(data=True):
        degree = G.degree(node)
        records.append(
            {
                "department_id": node,
                "department": attrs["label"],
                "jurisdiction": attrs["jurisdiction"],
                "type": attrs["type"],
                "lead": attrs["lead"],
                "support": attrs["support"],
                "joint": attrs["joint"],
                "load": attrs["load"],
                "degree": degree,
                "strength": G.degree(node, weight="weight"),
                "betweenness": betweenness[node],
                "pagerank": pagerank[node],
                "constraint": constraint[node],
                "effective_size": effective[node],
                "efficiency": effective[node] / degree if degree else math.nan,
                "core": core[node],
                "community": community[node],
                "directs": D.out_degree(node) if D is not None and node in D else 0,
                "led_by": D.in_degree(node) if D is not None and node in D else 0,
            }
        )
    frame = pd.DataFrame.from_records(records)
    frame["overloaded"] = flag_overloaded(frame, rules)
    frame["central"] = flag_central(frame, rules)
    for column in (
        "overloaded",
        "central",
        "betweenness",
        "pagerank",
        "community",
        "degree",
        "strength",
        "constraint",
        "core",
    ):
        nx.set_node_attributes(G, dict(zip(frame["department_id"], frame[column].tolist())), column)
    frame = frame.sort_values(["pagerank", "department_id"], ascending=[False, True]).reset_index(drop=True)
    return frame[columns]


def network_summary(G: nx.Graph, name: str = "all plans", rules: dict | None = None) -> dict:
    """NETWORK_COLUMNS for one department network, as policy-network studies report them.

    density: links / possible pairs. degree_centralization (Freeman): Σ(max deg − deg) / ((n−1)(n−2)),
    1 for a star. betweenness_centralization (Freeman, on normalized betweenness): Σ(max b − b) / (n−1).
    modularity of the Louvain communities. Cost: dominated by betweenness (see department_metrics);
    reads the betweenness/community node attributes when department_metrics already set them.
    """
    rules = rules or analysis_rules()
    n, m = G.number_of_nodes(), G.number_of_edges()
    row = dict.fromkeys(NETWORK_COLUMNS, 0)
    row.update(
        network=name,
        departments=n,
        links=m,
        components=nx.number_connected_components(G) if n else 0,
        density=nx.density(G) if n > 1 else 0.0,
        mean_degree=2 * m / n if n else 0.0,
        degree_centralization=0.0,
        betweenness_centralization=0.0,
        communities=0,
        modularity=0.0,
    )
    if n == 0:
        return row
    if n > 2:
        degrees = [d for _, d in G.degree()]
        row["degree_centralization"] = sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))
        betweenness = nx.get_node_attributes(G, "betweenness")
        if len(betweenness) != n:
            betweenness = _betweenness(G)
        values = list(betweenness.values())
        row["betweenness_centralization"] = sum(max(values) - b for b in values) / (n - 1)
    labels = nx.get_node_attributes(G, "community")
    if len(labels) == n:
        groups: dict = {}
        for node, label in labels.items():
            groups.setdefault(label, set()).add(node)
        communities = list(groups.values())
    else:
        communities = _communities(G, rules)
    row["communities"] = len(communities)
    if m:
        row["modularity"] = nx.community.modularity(
            G, communities, weight="weight", resolution=rules["communities"]["resolution"]
        )
    return row


def metrics_from_rows(rows, name: str = "all plans", rules: dict | None = None) -> Metrics:
    """Metrics of the department network built from AssignmentRows (see network.py)."""
    rules = rules or analysis_rules()
    G = department_network(rows, rules["load_weights"])
    D = lead_support_network(rows, rules["load_weights"])
    departments = department_metrics(G, D, rules)
    networks = pd.DataFrame([network_summary(G, name, rules)], columns=list(NETWORK_COLUMNS))
    return Metrics(departments, networks)


def compute_metrics(
    store,
    plan: str | None = None,
    *,
    per_plan: bool = False,
    rules: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Metrics:
    """Metrics read from the store for the selected plans (plan id, jurisdiction or title; None = all).

    per_plan=False: one network of all selected plans together (a department that appears in two
    plans of its jurisdiction is one node). per_plan=True: one network per plan; the frames gain
    `plan_id` and `plan` columns, and `progress(done, total)` is called after each plan.
    Cost: one query for all assignments, then as department_metrics (the 1,000-plan benchmark
    corpus: see bench/bench_metrics.py).
    """
    rules = rules or analysis_rules()
    rows = fetch_assignments(store, plan)
    # The rows live until the end and hold no cycles: take them (and everything older) out of the
    # collector's sight, or each full collection rescans them all (it doubled the per-plan time).
    gc.freeze()
    try:
        return _metrics_of(rows, plan, per_plan, rules, progress)
    finally:
        gc.unfreeze()


def _metrics_of(rows, plan, per_plan, rules, progress) -> Metrics:
    if not per_plan:
        return metrics_from_rows(rows, plan or "all plans", rules)
    by_plan: dict[str, list] = {}
    for row in rows:
        by_plan.setdefault(row.plan_id, []).append(row)
    departments, networks = [], []
    for done, (plan_id, plan_rows) in enumerate(by_plan.items(), 1):
        label = f"{plan_rows[0].jurisdiction} {plan_id[:8]}"
        result = metrics_from_rows(plan_rows, label, rules)
        departments.append(result.departments.assign(plan_id=plan_id, plan=label))
        networks.append(result.networks.assign(plan_id=plan_id))
        if progress:
            progress(done, len(by_plan))
    if not departments:
        return Metrics(
            pd.DataFrame(columns=[*DEPARTMENT_COLUMNS, "plan_id", "plan"]),
            pd.DataFrame(columns=[*NETWORK_COLUMNS, "plan_id"]),
        )
    return Metrics(pd.concat(departments, ignore_index=True), pd.concat(networks, ignore_index=True))
