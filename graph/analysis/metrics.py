"""Network metrics of the department network, as pandas DataFrames — one government at a time.

    from policygraph.graph.analysis.metrics import compute_metrics
    result = compute_metrics(store, plan="宜春市")        # or plan=None, per_plan=True
    result.departments       # one row per department (DEPARTMENT_COLUMNS)
    result.networks          # one row per analysed network: a jurisdiction, or a plan (NETWORK_COLUMNS)
    by_type(result.departments)   # departments of one functional type side by side across jurisdictions

Or from graphs you built: `department_metrics(G, D)` and `network_summary(G)`.

Departments of different governments never share a ranking: every measure below is computed on
the network of one jurisdiction (the departments of its plans), and `rank_in_jurisdiction`,
`overloaded` and `central` compare a department with the other departments of that jurisdiction
only. To compare governments, compare departments of the same functional type (by_type).

Measures (on the undirected department network, edge weight = fractional cooperation, see
network.cooperation_links and analysis_rules.json "cooperation"):
  degree / strength   partners / sum of the weights of its links
  betweenness         share of shortest paths through the department, within its connected
                      component, over distance = 1 / weight (close partners are near;
                      networkx would read the raw weight as a distance); see component_betweenness()
  pagerank            weighted PageRank within the jurisdiction (sums to 1 per jurisdiction)
  constraint          Burt's constraint (high = partners all tied to each other, no brokerage)
  effective_size      Burt's effective size (non-redundant partners; our sparse version, see
                      effective_size()); efficiency = it / degree
  core                k-core number (unweighted)
  community           Louvain community, only where the jurisdiction's modularity reaches the rule's
                      threshold; otherwise the whole jurisdiction is one community
  directs / led_by    distinct departments it leads on some task / that lead it (lead → supporter)
Rules for `overloaded` and `central` are in graph/analysis/analysis_rules.json (docs/analysis.md);
`overloaded_why` / `central_why` give the figures behind each flag.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from policygraph.graph.analysis.network import department_network, lead_support_network
from policygraph.graph.analysis.rows import fetch_assignments, plans_by_jurisdiction
from policygraph.graph.analysis.rules import AnalysisRules, analysis_rules

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
    "rank_in_jurisdiction",
    "named_on_task",
    "overloaded_why",
    "central_why",
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
    "jurisdiction",
    "community_structure",
    "min_modularity",
)
TYPE_COLUMNS = (
    "type",
    "jurisdiction",
    "department",
    "lead",
    "support",
    "joint",
    "load",
    "load_share",
    "degree",
    "pagerank",
    "rank_in_jurisdiction",
    "departments_in_jurisdiction",
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
    tie on weighted graphs (its node-by-node version agrees with this one; see tests/analysis/test_metrics.py).
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
    """Betweenness normalized within each connected component, over distance = 1 / weight."""
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


def communities(H: nx.Graph, rules: AnalysisRules | None = None) -> tuple[list[set], float, bool]:
    """(groups, modularity, structure) of one jurisdiction's network: Louvain's groups (largest
    first) and their modularity; structure is False when the modularity stays below the rule's
    min_modularity — then groups is one group of every node. Cost: Louvain ≈ O(m log n).

    >>> two_cliques = nx.barbell_graph(5, 0)
    >>> groups, q, structure = communities(two_cliques)
    >>> len(groups), round(q, 2), structure
    (2, 0.45, True)
    >>> groups, q, structure = communities(nx.complete_graph(6))
    >>> len(groups), structure
    (1, False)
    """
    rule = (rules or analysis_rules()).communities
    if H.number_of_edges() == 0:
        return [set(H)] if len(H) else [], 0.0, False
    found = nx.community.louvain_communities(H, weight="weight", seed=rule.seed, resolution=rule.resolution)
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    q = modularity(H, found, rule.resolution)
    if len(found) > 1 and q >= rule.min_modularity:
        return found, q, True
    return [set(H)], q, False


def flag_overloaded(frame: pd.DataFrame, rules: AnalysisRules) -> tuple[pd.Series, pd.Series]:
    """(flags, why): True where load > median + robust_z · max(1.4826·MAD, min_scale) among the
    departments of the same jurisdiction, and load ≥ min_load, in jurisdictions with ≥
    min_departments departments; why states the figures for each flagged department."""
    rule = rules.overloaded
    flags = pd.Series(False, index=frame.index)
    why = pd.Series("", index=frame.index)
    for jurisdiction, group in frame.groupby("jurisdiction", sort=False):
        if len(group) < rule.min_departments:
            continue
        median = group["load"].median()
        mad = (group["load"] - median).abs().median()
        scale = max(1.4826 * mad, rule.min_scale)
        threshold = median + rule.robust_z * scale
        hit = (group["load"] > threshold) & (group["load"] >= rule.min_load)
        flags[group.index] = hit
        for index in group.index[hit]:
            why[index] = (
                f"负荷 {group.at[index, 'load']:g} > 阈值 {threshold:.1f}"
                f"（{jurisdiction} {len(group)} 个部门的中位数 {median:g} + {rule.robust_z:g} × 离散度 {scale:.1f}）"
            )
    return flags, why


def flag_central(frame: pd.DataFrame, rules: AnalysisRules) -> tuple[pd.Series, pd.Series]:
    """(flags, why): True for the top k of each jurisdiction by PageRank or by betweenness
    (k = top_share of its departments, clamped to [min_top, max_top]), among departments with ≥
    min_degree partners; why names the measure, the value and the rank. Plain sorting of row
    tuples: pandas' per-group sorts cost more than the measures themselves on plan-sized networks."""
    rule = rules.central
    flags = [False] * len(frame)
    why = [""] * len(frame)
    groups: dict[str, list[int]] = {}
    for position, jurisdiction in enumerate(frame["jurisdiction"].tolist()):
        groups.setdefault(jurisdiction, []).append(position)
    names = frame["department"].tolist()
    degree = frame["degree"].tolist()
    scores = {"PageRank": frame["pagerank"].tolist(), "中介中心性": frame["betweenness"].tolist()}
    for jurisdiction, members in groups.items():
        eligible = [i for i in members if degree[i] >= rule.min_degree]
        k = rule.top(len(members))
        reasons: dict[int, list[str]] = {}
        for measure, values in scores.items():
            ranked = [i for i in eligible if measure == "PageRank" or values[i] > 0]
            ranked.sort(key=lambda i: (-values[i], names[i]))
            for rank, i in enumerate(ranked[:k], 1):
                reasons.setdefault(i, []).append(f"{measure} {values[i]:.3f} 第 {rank} 名")
        for i, said in reasons.items():
            flags[i] = True
            why[i] = f"{'，'.join(said)}（{jurisdiction} {len(members)} 个部门中取前 {k} 名）"
    return pd.Series(flags, index=frame.index), pd.Series(why, index=frame.index)


def modularity(G: nx.Graph, groups: list[set], resolution: float = 1.0) -> float:
    """Newman's weighted modularity Σ_c [w_c / W − γ (s_c / 2W)²] (w_c: weight inside group c, s_c:
    strength of its members, W: total weight), in one pass over the links — what networkx's
    modularity computes, several times faster on small networks.

    >>> round(modularity(nx.barbell_graph(5, 0), [set(range(5)), set(range(5, 10))]), 4)
    0.4524
    """
    group_of = {node: i for i, members in enumerate(groups) for node in members}
    inside = [0.0] * len(groups)
    strength = [0.0] * len(groups)
    total = 0.0
    for u, v, weight in G.edges(data="weight", default=1.0):
        total += weight
        strength[group_of[u]] += weight
        strength[group_of[v]] += weight
        if group_of[u] == group_of[v]:
            inside[group_of[u]] += weight
    if total == 0:
        return 0.0
    return sum(w / total - resolution * (s / (2 * total)) ** 2 for w, s in zip(inside, strength))


def _jurisdiction_measures(H: nx.Graph, rules: AnalysisRules) -> tuple[dict, list[set], float, bool]:
    """Node measures of one jurisdiction's network, its communities and their modularity."""
    measures = {
        "betweenness": _betweenness(H),
        "constraint": nx.constraint(H, weight="weight"),  # sparse matrices inside; NaN for isolated nodes
        "effective_size": effective_size(H),
        "pagerank": nx.pagerank(H, weight="weight")
        if H.number_of_edges()
        else dict.fromkeys(H, 1.0 / len(H)),
        "core": nx.core_number(H),
    }
    groups, q, structure = communities(H, rules)
    return measures, groups, q, structure


def department_metrics(
    G: nx.Graph, D: nx.DiGraph | None = None, rules: AnalysisRules | None = None
) -> pd.DataFrame:
    """One row per department of G (DEPARTMENT_COLUMNS, sorted by jurisdiction, then rank within
    it); every measure is computed on the subgraph of the department's jurisdiction and also stored
    as a node attribute of G. Communities are numbered across G (each jurisdiction's after the
    previous one's). D: the lead → supporter network (directs/led_by; 0 without it).
    Cost per jurisdiction: betweenness O(n³) per component (arrays; networkx's O(n·m·log n) above
    200 departments), Louvain ≈ O(m log n), the rest O(m) — about 15 ms for a 40-department plan."""
    rules = rules or analysis_rules()
    columns = list(DEPARTMENT_COLUMNS)
    if G.number_of_nodes() == 0:
        return pd.DataFrame(columns=columns)
    members: dict[str, list] = {}
    for node, jurisdiction in G.nodes(data="jurisdiction"):
        members.setdefault(jurisdiction or "", []).append(node)
    records = []
    next_community = 0
    for jurisdiction in sorted(members):
        # a subgraph view filters every lookup: use G itself when it is one jurisdiction (the usual case)
        H = G if len(members) == 1 else G.subgraph(members[jurisdiction])
        measures, groups, q, structure = _jurisdiction_measures(H, rules)
        # network_summary reads these back instead of running Louvain again
        G.graph.setdefault("communities", {})[jurisdiction] = (len(H), groups, q, structure)
        community = {n: next_community + i for i, group in enumerate(groups) for n in group}
        next_community += len(groups)
        for node in H:
            attrs = G.nodes[node]
            degree = H.degree(node)
            effective = measures["effective_size"][node]
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
                    "strength": H.degree(node, weight="weight"),
                    "betweenness": measures["betweenness"][node],
                    "pagerank": measures["pagerank"][node],
                    "constraint": measures["constraint"][node],
                    "effective_size": effective,
                    "efficiency": effective / degree if degree else math.nan,
                    "core": measures["core"][node],
                    "community": community[node],
                    "directs": D.out_degree(node) if D is not None and node in D else 0,
                    "led_by": D.in_degree(node) if D is not None and node in D else 0,
                    "named_on_task": attrs.get("named_on_task", 0),
                }
            )
    frame = pd.DataFrame.from_records(records)
    frame["overloaded"], frame["overloaded_why"] = flag_overloaded(frame, rules)
    frame["central"], frame["central_why"] = flag_central(frame, rules)
    frame = frame.sort_values(["jurisdiction", "pagerank", "department_id"], ascending=[True, False, True])
    frame["rank_in_jurisdiction"] = frame.groupby("jurisdiction", sort=False).cumcount() + 1
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
        "rank_in_jurisdiction",
    ):
        nx.set_node_attributes(G, dict(zip(frame["department_id"], frame[column].tolist())), column)
    return frame.reset_index(drop=True)[columns]


def network_summary(G: nx.Graph, name: str = "all plans", rules: AnalysisRules | None = None) -> dict:
    """NETWORK_COLUMNS for one department network (meant for one jurisdiction), as policy-network
    studies report them.

    density: links / possible pairs. degree_centralization (Freeman): Σ(max deg − deg) / ((n−1)(n−2)),
    1 for a star. betweenness_centralization (Freeman, on normalized betweenness): Σ(max b − b) / (n−1).
    modularity: of Louvain's best split (shown whether or not it clears the threshold);
    community_structure: whether it does; communities: how many groups are reported (1 without
    structure). Cost: dominated by betweenness (see department_metrics).
    """
    rules = rules or analysis_rules()
    n, m = G.number_of_nodes(), G.number_of_edges()
    jurisdictions = sorted({j for _, j in G.nodes(data="jurisdiction") if j})
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
        jurisdiction="、".join(jurisdictions),
        community_structure=False,
        min_modularity=rules.communities.min_modularity,
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
    known = G.graph.get("communities", {}).get(jurisdictions[0]) if len(jurisdictions) == 1 else None
    if known and known[0] == n:  # department_metrics found them on this very network
        _, groups, q, structure = known
    else:
        groups, q, structure = communities(G, rules)
    row.update(communities=len(groups), modularity=q, community_structure=structure)
    return row


def metrics_from_rows(rows, name: str = "all plans", rules: AnalysisRules | None = None) -> Metrics:
    """Metrics of the department networks built from AssignmentRows (see network.py): department rows
    for every jurisdiction in `rows`, one network row per jurisdiction (named `name` when there is one)."""
    rules = rules or analysis_rules()
    G = department_network(rows, rules.load_weights, rules.cooperation)
    D = lead_support_network(rows, rules.load_weights)
    departments = department_metrics(G, D, rules)
    by_jurisdiction: dict[str, list] = {}
    for node, jurisdiction in G.nodes(data="jurisdiction"):
        by_jurisdiction.setdefault(jurisdiction or "", []).append(node)
    if len(by_jurisdiction) == 1:
        networks = [network_summary(G, name, rules)]
    else:
        networks = [
            network_summary(G.subgraph(nodes), jurisdiction, rules)
            for jurisdiction, nodes in sorted(by_jurisdiction.items())
        ]
    return Metrics(departments, pd.DataFrame(networks, columns=list(NETWORK_COLUMNS)))


def compute_metrics(
    store,
    plan: str | None = None,
    *,
    per_plan: bool = False,
    rules: AnalysisRules | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Metrics:
    """Metrics read from the store for the selected plans (plan id, jurisdiction or title; None = all).

    per_plan=False: one network per jurisdiction of the selected plans (a department named in two
    plans of its jurisdiction is one node); the networks frame has one row per jurisdiction.
    per_plan=True: one network per plan; both frames gain `plan_id` and `plan` columns, ranks and
    flags are within the plan. `progress(done, total)` is called after each jurisdiction.
    Cost: one small query, then one query per jurisdiction (only one jurisdiction's rows are held at
    a time) and department_metrics on each (the 1,000-plan benchmark corpus: bench/bench_metrics.py).
    """
    rules = rules or analysis_rules()
    groups = plans_by_jurisdiction(store, plan)
    departments, networks = [], []
    for done, (jurisdiction, plan_ids) in enumerate(groups.items(), 1):
        rows = fetch_assignments(store, plan_ids=plan_ids)
        # The rows hold no cycles: keep them out of the collector's sight while the graphs are built.
        gc.freeze()
        try:
            if per_plan:
                parts = list(_per_plan(rows, rules))
                if parts:  # one frame per jurisdiction, not per plan: a thousand small frames weigh more
                    departments.append(pd.concat([p.departments for p in parts], ignore_index=True))
                    networks.append(pd.concat([p.networks for p in parts], ignore_index=True))
            elif rows:
                part = metrics_from_rows(rows, jurisdiction, rules)
                departments.append(part.departments)
                networks.append(part.networks)
        finally:
            gc.unfreeze()
        del rows
        if progress:
            progress(done, len(groups))
    extra = ["plan_id", "plan"] if per_plan else []
    if not departments:
        return Metrics(
            pd.DataFrame(columns=[*DEPARTMENT_COLUMNS, *extra]),
            pd.DataFrame(columns=[*NETWORK_COLUMNS, *extra]),
        )
    return Metrics(pd.concat(departments, ignore_index=True), pd.concat(networks, ignore_index=True))


def _per_plan(rows, rules: AnalysisRules):
    by_plan: dict[str, list] = {}
    for row in rows:
        by_plan.setdefault(row.plan_id, []).append(row)
    for plan_id, plan_rows in by_plan.items():
        label = f"{plan_rows[0].jurisdiction} {plan_id[:8]}"
        result = metrics_from_rows(plan_rows, label, rules)
        yield Metrics(
            result.departments.assign(plan_id=plan_id, plan=label),
            result.networks.assign(plan_id=plan_id, plan=label),
        )


def by_type(departments: pd.DataFrame, types: list[str] | None = None) -> pd.DataFrame:
    """Departments of the same functional type side by side across jurisdictions (TYPE_COLUMNS):
    the way to compare governments (科协 in 宜春 vs 科协 in 东胜), since ranks never cross them.
    load_share: the department's share of its jurisdiction's total load. Pure.

    >>> frame = pd.DataFrame({"type": ["science_association", "education", "science_association"],
    ...     "jurisdiction": ["宜春市", "宜春市", "东胜区"], "department": ["市科协", "市教体局", "区科协"],
    ...     "lead": [15, 6, 12], "support": [0, 0, 15], "joint": [29, 14, 0], "load": [32.4, 14.4, 18.0],
    ...     "degree": [26, 20, 30], "pagerank": [0.1, 0.05, 0.09], "rank_in_jurisdiction": [1, 2, 1]})
    >>> by_type(frame, ["science_association"])[["jurisdiction", "department", "load_share"]].values.tolist()
    [['东胜区', '区科协', 1.0], ['宜春市', '市科协', 0.692]]
    """
    frame = departments.copy()
    totals = frame.groupby("jurisdiction")["load"].transform("sum")
    frame["load_share"] = (frame["load"] / totals.where(totals > 0)).round(3)
    frame["departments_in_jurisdiction"] = frame.groupby("jurisdiction")["department"].transform("size")
    if types:
        frame = frame[frame["type"].isin(types)]
    frame = frame.sort_values(["type", "jurisdiction", "rank_in_jurisdiction"])
    return frame[list(TYPE_COLUMNS)].reset_index(drop=True)
