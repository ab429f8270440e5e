"""Network metrics: hand-built graphs with known answers, then the seeds' bars on the real engine."""

from __future__ import annotations

import json
import math
import random

import networkx as nx
import pandas as pd
import pytest
from _analysis_data import expected_workload
from click.testing import CliRunner

from policygraph.graph.analysis import metrics
from policygraph.graph.analysis.metrics import (
    DEPARTMENT_COLUMNS,
    NETWORK_COLUMNS,
    compute_metrics,
    department_metrics,
    flag_central,
    flag_overloaded,
    metrics_from_rows,
    network_summary,
)
from policygraph.graph.analysis.network import (
    assignment_network,
    department_network,
    lead_support_network,
)
from policygraph.graph.analysis.rows import AssignmentRow, TaskRow
from policygraph.graph.analysis.rules import analysis_rules
from policygraph.graph.cli.main import cli
from policygraph.graph.cli.output import display_width
from policygraph.ingest.units import normalize_unit

RULES = analysis_rules()


def rows_of(*assignments, jurisdiction="示范市", plan="p1") -> list[AssignmentRow]:
    """(department, task, role) triples -> AssignmentRows of one plan."""
    return [
        AssignmentRow(f"{jurisdiction}|{d}", d, jurisdiction, "unknown", f"{plan}:{t}", plan, role)
        for d, t, role in assignments
    ]


def graph_of(edges, jurisdiction="示范市") -> nx.Graph:
    """A department network from (a, b, weight) triples, attributes as department_network sets them."""
    G = nx.Graph()
    for a, b, w in edges:
        for n in (a, b):
            G.add_node(
                n, label=n, jurisdiction=jurisdiction, type="unknown", lead=0, support=0, joint=0, load=0.0
            )
        G.add_edge(a, b, weight=w, tasks=[])
    return G


# --- building the networks ---------------------------------------------------------------------


def test_department_network_counts_shared_tasks_and_weighted_load():
    rows = rows_of(
        ("教育局", "1", "lead"),
        ("科协", "1", "support"),
        ("团委", "1", "support"),
        ("教育局", "2", "lead"),
        ("科协", "2", "joint"),
        ("科协", "3", "lead"),
    )
    G = department_network(rows)
    role = RULES.cooperation.role
    # task 1 names 3 units (each pair 1/2), task 2 two (1/1): Newman's fractional counting × role weights
    assert G.edges["示范市|教育局", "示范市|科协"]["weight"] == pytest.approx(
        role["lead"] * role["support"] / 2 + role["lead"] * role["joint"]
    )
    assert G.edges["示范市|教育局", "示范市|科协"]["shared"] == 2
    assert G.edges["示范市|教育局", "示范市|科协"]["tasks"] == ["p1:1", "p1:2"]
    assert G.edges["示范市|团委", "示范市|科协"]["weight"] == pytest.approx(role["support"] ** 2 / 2)
    node = G.nodes["示范市|科协"]
    w = RULES.load_weights
    assert (node["lead"], node["support"], node["joint"]) == (1, 1, 1)
    assert node["load"] == pytest.approx(w.lead + w.support + w.joint)
    assert node["label"] == "科协" and node["jurisdiction"] == "示范市"


def test_a_pair_in_a_long_inherited_list_weighs_less_than_a_lead_and_its_one_supporter():
    listed = [
        AssignmentRow(f"示范市|单位{i}", f"单位{i}", "示范市", "unknown", "p1:1", "p1", "support", True)
        for i in range(30)
    ]
    own = rows_of(("教育局", "2", "lead"), ("科协", "2", "support"))
    G = department_network(listed + own)
    blanket = G.edges["示范市|单位0", "示范市|单位1"]["weight"]
    assert blanket == pytest.approx(
        (RULES.cooperation.role["support"] * RULES.cooperation.inherited) ** 2 / 29
    )
    assert G.edges["示范市|教育局", "示范市|科协"]["weight"] > 50 * blanket
    assert G.nodes["示范市|单位0"]["named_on_task"] == 0 and G.nodes["示范市|科协"]["named_on_task"] == 1


def test_lead_support_network_points_from_lead_to_supporters_but_not_between_co_leads():
    rows = rows_of(
        ("教育局", "1", "lead"),
        ("科协", "1", "lead"),
        ("团委", "1", "support"),
        ("宣传部", "2", "joint"),
        ("教育局", "2", "lead"),
    )
    D = lead_support_network(rows)
    assert set(D.edges) == {
        ("示范市|教育局", "示范市|团委"),
        ("示范市|科协", "示范市|团委"),
        ("示范市|教育局", "示范市|宣传部"),
    }


def test_assignment_network_keeps_tasks_nobody_is_named_on():
    rows = rows_of(("教育局", "1", "lead"), ("科协", "1", "support"))
    tasks = [
        TaskRow("p1:1", "p1", "示范市", "1", "行动", "一", "开展活动", "开展活动。", has_lead=True),
        TaskRow("p1:2", "p1", "示范市", "2", "行动", "一", "建设基地", "建设基地。", vague=("各成员单位",)),
    ]
    B = assignment_network(rows, tasks)
    assert B.nodes["p1:2"]["kind"] == "task" and B.degree("p1:2") == 0
    assert B.nodes["p1:2"]["vague"] == ["各成员单位"] and B.nodes["p1:1"]["has_lead"] is True
    assert B.edges["示范市|教育局", "p1:1"]["role"] == "lead"
    assert B.nodes["示范市|科协"]["kind"] == "department"


# --- measures on graphs with known answers ---------------------------------------------------


def test_star_is_fully_centralised():
    G = graph_of([("hub", leaf, 1) for leaf in "abcde"])
    frame = department_metrics(G)
    hub = frame.set_index("department").loc["hub"]
    assert hub["betweenness"] == pytest.approx(1.0) and hub["degree"] == 5
    summary = network_summary(G)
    assert summary["degree_centralization"] == pytest.approx(1.0)
    assert summary["betweenness_centralization"] == pytest.approx(1.0)
    assert summary["density"] == pytest.approx(5 / 15)


def test_betweenness_reads_frequent_partners_as_close():
    # a–b share one task, a–c and c–b five each: the short way from a to b runs through c.
    frame = department_metrics(graph_of([("a", "b", 1), ("a", "c", 5), ("c", "b", 5)])).set_index(
        "department"
    )
    assert frame.loc["c", "betweenness"] == pytest.approx(1.0)
    assert frame.loc["a", "betweenness"] == 0 and frame.loc["b", "betweenness"] == 0


def test_array_betweenness_agrees_with_networkx():
    rng = random.Random(3)
    for seed in range(25):
        G = nx.gnp_random_graph(rng.randint(3, 30), 0.1 + 0.5 * rng.random(), seed=seed)
        G = G.subgraph(max(nx.connected_components(G), key=len)).copy()
        for u, v in G.edges:  # powers of two: sums of 1/weight are exact, so networkx sees every tie
            G.edges[u, v]["weight"] = rng.choice([1, 2, 4])
        distance = nx.Graph((u, v, {"d": 1 / w}) for u, v, w in G.edges(data="weight"))
        distance.add_nodes_from(G)
        expected = nx.betweenness_centrality(distance, weight="d", normalized=True)
        assert metrics.component_betweenness(G) == pytest.approx(expected, abs=1e-12)


def test_large_components_fall_back_to_networkx(monkeypatch):
    G = graph_of([("a", "b", 1), ("a", "c", 5), ("c", "b", 5), ("c", "d", 2)])
    fast = department_metrics(G.copy())["betweenness"].tolist()
    monkeypatch.setattr(metrics, "ARRAY_BETWEENNESS_LIMIT", 2)
    assert department_metrics(G.copy())["betweenness"].tolist() == pytest.approx(fast)


def test_a_broker_has_low_constraint_and_full_efficiency():
    # two triangles joined only through the broker
    G = graph_of(
        [
            ("x1", "x2", 1),
            ("x1", "broker", 1),
            ("x2", "broker", 1),
            ("y1", "y2", 1),
            ("y1", "broker", 1),
            ("y2", "broker", 1),
        ]
    )
    frame = department_metrics(G).set_index("department")
    assert frame["constraint"].idxmin() == "broker"
    assert frame.loc["broker", "efficiency"] > frame.loc["x1", "efficiency"]
    assert frame.loc["broker", "core"] == 2
    _, modularity, structure = metrics.communities(G)
    assert structure == (modularity >= RULES.communities.min_modularity)
    assert (frame["community"].nunique() > 1) == structure  # a split below the threshold is not shown


def burt_effective_size(G: nx.Graph, i) -> float:
    """Burt's formula written out term by term (the oracle for the sparse version)."""

    def p(a, b):
        return G[a][b]["weight"] / sum(G[a][x]["weight"] for x in G[a]) if b in G[a] else 0.0

    def m(a, b):
        return G[a][b]["weight"] / max(G[a][x]["weight"] for x in G[a]) if b in G[a] else 0.0

    return sum(1 - sum(p(i, q) * m(j, q) for q in G[i] if q != j) for j in G[i])


def burt_constraint(G: nx.Graph, i) -> float:
    def p(a, b):
        return G[a][b]["weight"] / sum(G[a][x]["weight"] for x in G[a]) if b in G[a] else 0.0

    return sum((p(i, j) + sum(p(i, q) * p(q, j) for q in G[i] if q != j)) ** 2 for j in G[i])


def test_constraint_follows_burt_on_weighted_graphs():
    G = graph_of(
        [(f"d{i}", f"d{j}", 1 + (i * j) % 3) for i in range(8) for j in range(i + 1, 8) if (i + j) % 3]
    )
    frame = department_metrics(G).set_index("department_id")
    assert frame["constraint"].to_dict() == pytest.approx({n: burt_constraint(G, n) for n in G})


def test_effective_size_follows_burt_on_weighted_graphs():
    G = graph_of(
        [(f"d{i}", f"d{j}", 1 + (i * j) % 3) for i in range(8) for j in range(i + 1, 8) if (i + j) % 3]
    )
    ours = metrics.effective_size(G)
    assert ours == pytest.approx({n: burt_effective_size(G, n) for n in G})
    assert ours == pytest.approx(
        nx.effective_size(G, nodes=list(G), weight="weight")
    )  # networkx node by node


def test_isolated_departments_get_no_structural_hole_figures():
    G = graph_of([("a", "b", 1)])
    G.add_node(
        "alone", label="alone", jurisdiction="示范市", type="unknown", lead=1, support=0, joint=0, load=1.0
    )
    row = department_metrics(G).set_index("department").loc["alone"]
    assert math.isnan(row["constraint"]) and math.isnan(row["efficiency"]) and row["betweenness"] == 0


def test_metrics_are_written_back_as_node_attributes():
    G = graph_of([("a", "b", 2), ("b", "c", 1)])
    department_metrics(G)
    for attribute in (
        "community",
        "degree",
        "strength",
        "betweenness",
        "pagerank",
        "constraint",
        "overloaded",
        "central",
    ):
        assert attribute in G.nodes["b"]
    assert G.nodes["b"]["strength"] == 3


# --- the overloaded and central rules ----------------------------------------------------------


def frame_of(loads, jurisdiction="示范市", **extra) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "department": [f"d{i}" for i in range(len(loads))],
            "jurisdiction": jurisdiction,
            "load": loads,
            **extra,
        }
    )


def test_overload_flags_only_the_far_outlier():
    flags, why = flag_overloaded(frame_of([2, 2, 3, 3, 3, 4, 4, 5, 5, 30]), RULES)
    assert flags.tolist() == [False] * 9 + [True]
    # the rule and the numbers behind the flag: median 3.5, MAD 1 -> scale max(1.48, 2) = 2, threshold 9.5
    assert why.tolist() == [""] * 9 + ["负荷 30 > 阈值 9.5（示范市 10 个部门的中位数 3.5 + 3 × 离散度 2.0）"]


def test_overload_is_quiet_for_equal_loads_and_tiny_plans():
    assert not flag_overloaded(frame_of([4.0] * 8 + [7.0]), RULES)[
        0
    ].any()  # MAD 0: min_scale keeps 7 in range
    assert not flag_overloaded(frame_of([1, 1, 40]), RULES)[0].any()  # fewer departments than min_departments
    assert not flag_overloaded(frame_of([0.4] * 9 + [4.0]), RULES)[0].any()  # far above, but below min_load


def test_overload_compares_departments_within_their_own_jurisdiction():
    frame = pd.concat(
        [frame_of([20, 21, 22, 20, 21, 22], "甲市"), frame_of([1, 1, 2, 1, 2, 22], "乙市")], ignore_index=True
    )
    flags, _ = flag_overloaded(frame, RULES)
    assert flags.tolist() == [False] * 11 + [True]


def test_central_takes_the_top_of_each_jurisdiction_by_pagerank_or_betweenness():
    frame = frame_of(
        [0] * 12,
        pagerank=[0.3, 0.2] + [0.05] * 10,
        betweenness=[0, 0.1, 0.6] + [0] * 9,
        degree=[5, 5, 5] + [1] * 9,
    )
    flags, why = flag_central(frame, RULES)
    assert flags[flags].index.tolist() == [0, 2]  # k = 10% of 12 -> 1 per measure
    assert why[0] == "PageRank 0.300 第 1 名（示范市 12 个部门中取前 1 名）"
    assert why[2] == "中介中心性 0.600 第 1 名（示范市 12 个部门中取前 1 名）"


# --- the store: bars on the seeds --------------------------------------------------------------


@pytest.fixture(params=["gold_store", "seeded_store"])
def seeds_store(request):
    """The five seeds as the gold annotations say (always) and as the parser reads them (once it exists)."""
    return request.getfixturevalue(request.param)


def test_science_association_is_among_the_most_central_in_yichun(seeds_store):
    frame = compute_metrics(seeds_store, "宜春市").departments
    yichun = normalize_unit("市科协", "宜春市").canonical
    top = frame.sort_values("pagerank", ascending=False)["department"].head(3).tolist()
    assert yichun in top
    assert frame.set_index("department").loc[yichun, "central"]


def test_metrics_workload_matches_gold(gold_store, gold_paths):
    frame = compute_metrics(gold_store, per_plan=True).departments
    for seed, unit in (("001", "市科协"), ("002", "区科学技术协会"), ("000", "自治区科协")):
        jurisdiction = json.loads(gold_paths[seed].read_text(encoding="utf-8"))["jurisdiction"]
        row = frame[frame["department"] == normalize_unit(unit, jurisdiction).canonical].iloc[0]
        assert (row["lead"], row["support"], row["joint"]) == expected_workload(gold_paths[seed], unit)


def test_per_plan_and_all_plans_frames(gold_store):
    together = compute_metrics(gold_store)
    assert tuple(together.departments.columns) == DEPARTMENT_COLUMNS
    assert tuple(together.networks.columns) == NETWORK_COLUMNS
    assert sorted(together.networks["network"]) == ["东胜区", "内蒙古自治区", "吉林省", "宜春市"]
    apart = compute_metrics(gold_store, per_plan=True)
    assert sorted(apart.networks["network"].str.split().str[0]) == [
        "东胜区",
        "内蒙古自治区",
        "吉林省",
        "宜春市",
    ]
    # each seed is its own jurisdiction, so the departments are the same either way
    assert len(apart.departments) == len(together.departments) == together.networks["departments"].sum()
    assert apart.departments.groupby("plan_id")["pagerank"].sum().round(6).eq(1.0).all()
    assert together.departments.groupby("jurisdiction")["pagerank"].sum().round(6).eq(1.0).all()


def test_metrics_from_rows_without_a_store():
    rows = rows_of(
        ("教育局", "1", "lead"), ("科协", "1", "support"), ("科协", "2", "lead"), ("团委", "2", "support")
    )
    result = metrics_from_rows(rows, "示范")
    assert result.networks.loc[0, "departments"] == 3 and result.networks.loc[0, "links"] == 2
    assert result.departments.iloc[0]["department"] == "科协"  # the one in the middle ranks first


def test_metrics_command_prints_a_top_n_table_and_full_json(gold_store, gold_config):
    args = ["--data-dir", str(gold_config.data_dir), "--graph", gold_config.graph]
    table = CliRunner().invoke(cli, ["metrics", "--plan", "宜春市", "--top", "5", *args], terminal_width=100)
    assert table.exit_code == 0, table.output
    lines = table.stdout.removeprefix("\ufeff").splitlines()
    assert len(lines) == 2 + 5 and lines[0].split()[:3] == ["rank", "department", "lead"]
    assert "市科学技术协会" in lines[2] and "central" in lines[2]
    as_json = CliRunner().invoke(cli, ["metrics", "--per-plan", "--top", "2", "--format", "json", *args])
    rows = json.loads(as_json.stdout)
    assert len(rows) == 8 and set(DEPARTMENT_COLUMNS) <= set(rows[0])
    network = CliRunner().invoke(cli, ["metrics", "--network", "--format", "csv", *args])
    assert network.stdout.removeprefix("\ufeff").splitlines()[0].split(",") == list(NETWORK_COLUMNS)


def test_metrics_tables_fit_100_columns_and_show_the_sort_measure(gold_store, gold_config):
    args = ["--data-dir", str(gold_config.data_dir), "--graph", gold_config.graph]
    runner = CliRunner(env={"COLUMNS": "100"})
    ranked = runner.invoke(cli, ["metrics", "--per-plan", "--sort", "constraint", "--top", "3", *args])
    header = ranked.stdout.removeprefix("\ufeff").splitlines()[0].split()
    assert "constraint" in header, "a table ranked by constraint must show it"
    # --network --per-plan squeezed every column to 8 characters: 江城市… and 宜春市… with no id
    network = runner.invoke(cli, ["metrics", "--network", "--per-plan", *args])
    lines = network.stdout.splitlines()
    assert lines[0].split()[:4] == ["network", "departments", "links", "density"]
    assert all(display_width(line) <= 100 for line in lines) and "…" not in network.stdout
    assert any(line.startswith("宜春市 ") for line in lines[2:])


def test_metrics_on_an_empty_store_say_what_to_do(empty_store, store_config):
    result = CliRunner().invoke(
        cli, ["metrics", "--data-dir", str(store_config.data_dir), "--graph", store_config.graph]
    )
    assert result.exit_code == 0
    assert "no departments found" in result.stderr and "policygraph ingest" in result.stderr


# --- issue 12: networks within a government ----------------------------------------------------


def test_every_row_is_ranked_within_its_own_jurisdiction(seeded_store):
    frame = compute_metrics(seeded_store).departments
    assert frame["jurisdiction"].ne("").all()
    for jurisdiction, group in frame.groupby("jurisdiction"):
        assert sorted(group["rank_in_jurisdiction"]) == list(range(1, len(group) + 1)), jurisdiction
        first = group.loc[group["rank_in_jurisdiction"] == 1, "pagerank"].iloc[0]
        assert first == group["pagerank"].max()
        assert group["pagerank"].sum() == pytest.approx(1.0)
    # 宜春's 市科协 (26 partners) is first in its own government, whatever 自治区科协 scores in its own
    yichun = frame.set_index("department_id").loc["宜春市|市科学技术协会"]
    assert yichun["rank_in_jurisdiction"] == 1


def test_no_jilin_bystander_from_blanket_section_lists_is_central(seeded_store):
    frame = compute_metrics(seeded_store, "吉林省").departments
    jilin = frame[frame["jurisdiction"] == "吉林省"]
    # 吉林's roles all come from section-wide lists (分工：由…牵头，…等单位配合): those who never lead
    # are bystanders of blanket lists
    bystanders = jilin[(jilin["lead"] == 0) & (jilin["joint"] == 0) & (jilin["named_on_task"] == 0)]
    assert {"省地震局", "省气象局"} <= set(bystanders["department"])
    assert not bystanders["central"].any(), bystanders[bystanders["central"]]["department"].tolist()
    central = jilin[jilin["central"]]
    assert not central.empty and central["central_why"].str.contains("吉林省 32 个部门").all()


def test_communities_only_where_modularity_clears_the_threshold(seeded_store):
    result = compute_metrics(seeded_store)
    networks = result.networks.set_index("network")
    threshold = RULES.communities.min_modularity
    for name, row in networks.iterrows():
        assert row["community_structure"] == (row["modularity"] >= threshold and row["communities"] > 1), name
        members = result.departments[result.departments["jurisdiction"] == name]
        if not row["community_structure"]:
            assert row["communities"] == 1 and members["community"].nunique() == 1, name
    assert not networks.loc["吉林省", "community_structure"]  # the 0.02 split is not shown as structure
    assert networks.loc["吉林省", "modularity"] < 0.1


def test_departments_of_one_type_side_by_side_across_jurisdictions(seeded_store):
    from policygraph.graph.analysis.metrics import TYPE_COLUMNS, by_type

    frame = by_type(compute_metrics(seeded_store).departments, ["science_association"])
    assert tuple(frame.columns) == TYPE_COLUMNS
    assert {"宜春市", "东胜区"} <= set(frame["jurisdiction"]) and (
        frame["type"] == "science_association"
    ).all()
    assert frame["load_share"].between(0, 1).all()


def test_metrics_command_filters_one_department_by_the_name_a_plan_wrote(seeded_store):
    from policygraph.graph.analysis.names import resolve_department

    found = resolve_department(seeded_store, "区科协", "东胜区")
    assert found.department_id == "东胜区|区科学技术协会"


def test_modularity_agrees_with_networkx():
    rng = random.Random(3)
    G = nx.gnm_random_graph(30, 90, seed=3)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = rng.choice([0.1, 0.5, 1.0, 2.5])
    groups = nx.community.louvain_communities(G, weight="weight", seed=1)
    for resolution in (1.0, 0.7):
        assert metrics.modularity(G, groups, resolution) == pytest.approx(
            nx.community.modularity(G, groups, weight="weight", resolution=resolution)
        )
