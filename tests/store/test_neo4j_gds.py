"""Graph Data Science on the Neo4j engine (POLICYGRAPH_NEO4J_GDS=1): the open GDS 2.13 modules from
Maven Central load as a plugin of the 5.26 server, and PageRank computed on the server agrees with
networkx on the seeds' cooperation network. A server of its own (the session's has no plugin)."""

from __future__ import annotations

import os

import networkx as nx
import pytest

from policygraph.graph.store import neo4j_server, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans

# Departments joined by COOPERATES_WITH, one undirected edge per pair with the weights of all plans summed
# (GDS sums parallel edges the same way when it walks them); departments nobody cooperates with are left
# out on both sides (networkx would spread their rank over every node, GDS keeps it).
EDGES = """
MATCH (a:Department)-[c:COOPERATES_WITH]->(b:Department)
RETURN a.id AS a, b.id AS b, toInteger(sum(c.weight)) AS weight
"""
PAGERANK = """
MATCH (a:Department)-[c:COOPERATES_WITH]->(b:Department)
WITH gds.graph.project('cooperation', a, b, {relationshipProperties: {weight: toFloat(c.weight)}},
                       {undirectedRelationshipTypes: ['*']}) AS projected
CALL gds.pageRank.stream('cooperation', {relationshipWeightProperty: 'weight', dampingFactor: 0.85,
                                         maxIterations: 200, tolerance: 1e-10})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score
"""


@pytest.fixture(scope="module")
def gds_store(tmp_path_factory):
    previous = os.environ.get("POLICYGRAPH_NEO4J_GDS")
    os.environ["POLICYGRAPH_NEO4J_GDS"] = "1"
    data_dir = tmp_path_factory.mktemp("neo4j-gds")
    try:
        neo4j_server.start(data_dir)
        store = open_store(StoreConfig(data_dir=data_dir, engine="neo4j"))
        yield store
        store.close()
    finally:
        neo4j_server.stop(data_dir)
        if previous is None:
            os.environ.pop("POLICYGRAPH_NEO4J_GDS", None)
        else:
            os.environ["POLICYGRAPH_NEO4J_GDS"] = previous


def test_gds_pagerank_on_the_server_agrees_with_networkx(gds_store, seed_plans):
    assert gds_store.run("RETURN gds.version() AS v").rows == [(neo4j_server.GDS_VERSION,)]
    load_plans(gds_store, seed_plans, compact=False)
    graph = nx.Graph()
    for a, b, weight in gds_store.run(EDGES).rows:
        previous = graph.get_edge_data(a, b, {"weight": 0})["weight"]  # a->b and b->a of two plans
        graph.add_edge(a, b, weight=previous + weight)
    expected = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
    scores = dict(gds_store.run(PAGERANK).rows)
    total = sum(scores.values())
    assert set(scores) == set(expected) and len(scores) > 50
    assert max(abs(scores[node] / total - expected[node]) for node in expected) < 1e-4
    top = sorted(expected, key=expected.get, reverse=True)[:10]
    assert sorted(scores, key=scores.get, reverse=True)[:10] == top
