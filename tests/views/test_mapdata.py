"""Maps read from a real store through cypher/views/ (what `policygraph map` draws) agree with the
graphs the analysis builds from every assignment, and stay within what they were asked to show.
Every test runs on FalkorDB and on Neo4j (the sample_store fixture is parametrised by engine), so the
maps of both engines are checked against the same reference."""

from __future__ import annotations

import html
import json
import re

import pytest
from _sample_graphs import GLOBAL_PAYLOAD, department_id

from policygraph.errors import PolicygraphError
from policygraph.graph.views import mapdata, maps


def test_cooperation_map_data_matches_the_full_graphs(sample_store):
    full = maps.load_graphs(sample_store)
    data = mapdata.fetch_map(sample_store, view="cooperation")
    assert set(data.departments) == set(full.departments)
    assert {frozenset(e) for e in data.departments.edges} == {frozenset(e) for e in full.departments.edges}
    for a, b, attrs in full.departments.edges(data=True):
        assert data.departments[a][b]["weight"] == attrs["weight"], (a, b)
    for node, attrs in full.departments.nodes(data=True):
        mine = data.departments.nodes[node]
        assert (mine["lead"], mine["support"], mine["joint"]) == (
            attrs["lead"],
            attrs["support"],
            attrs["joint"],
        )
        assert mine["load"] == pytest.approx(attrs["load"])
    assert data.total == full.departments.number_of_nodes() and data.note == ""


def test_capped_maps_keep_the_busiest_and_say_so(sample_store):
    data = mapdata.fetch_map(sample_store, view="cooperation", max_nodes=2)
    full = maps.load_graphs(sample_store).departments
    busiest = sorted(full, key=lambda n: (-full.nodes[n]["load"], n))[:2]
    assert sorted(data.departments) == sorted(busiest)
    assert data.total == 5 and "2 个部门（共 5 个）" in data.note
    page = mapdata.draw_from_store(sample_store, view="cooperation", max_nodes=2)
    assert page.node_count == 2 and page.note == data.note
    small = mapdata.fetch_map(sample_store, view="assignment", max_nodes=3)
    assert small.assignments.number_of_nodes() <= 3 and small.note
    assert sum(1 for _, a in small.assignments.nodes(data=True) if a["kind"] == "department") == 1


def test_assignment_edges_keep_every_role_a_department_holds(sample_store):
    data = mapdata.fetch_map(sample_store, view="assignment")
    roles = {
        (a, b): tuple(attrs["roles"]) for a, b, attrs in data.assignments.edges(data=True) if "roles" in attrs
    }
    assert roles and all(r for r in roles.values())
    inherited = [(a, b) for a, b, attrs in data.assignments.edges(data=True) if attrs["inherited"]]
    assert len(inherited) == 1 and department_id("市教育体育局") in inherited[0]


def test_ego_map_from_the_store_and_its_errors(sample_store):
    page = mapdata.draw_from_store(sample_store, view="ego", department="市科协")
    assert page.node_count == 1 + 3 + 4
    with pytest.raises(PolicygraphError, match=r"not found; did you mean 市科协"):
        mapdata.fetch_map(sample_store, view="ego", department="科")
    with pytest.raises(PolicygraphError, match="needs a department"):
        mapdata.fetch_map(sample_store, view="ego")
    with pytest.raises(PolicygraphError, match="no plan matches '无此方案'"):
        mapdata.fetch_map(sample_store, plan="无此方案")


def test_document_text_reaches_the_page_escaped(sample_store):
    page = mapdata.draw_from_store(sample_store, view="assignment")
    assert GLOBAL_PAYLOAD not in page.html and page.node_count == 10


def test_tooltips_of_a_map_from_the_store_name_task_titles(sample_store):
    data = mapdata.fetch_map(sample_store, view="cooperation")
    titled = {n for n, a in data.assignments.nodes(data=True) if a.get("kind") == "task" and "title" in a}
    assert titled, "no task was read in full"
    page = mapdata.draw_from_store(sample_store, view="cooperation")
    raw = re.search(r'<script id="pg-data" type="application/json">(.*?)</script>', page.html, re.S)[1]
    tooltips = {n["id"]: n["title"] for n in json.loads(html.unescape(raw))["nodes"]}
    lead = tooltips[department_id("市教育体育局")]
    assert "[牵头] 一.(一).1 开展科学教育进校园活动" in lead  # path and title, not the task id
    assert "plan-sample-0001:" not in "".join(tooltips.values())


def test_the_library_says_what_went_wrong_and_the_command_line_what_to_do(
    sample_store, store_config, tmp_path, capsys
):
    from _sample_graphs import run_policygraph

    with pytest.raises(maps.NoMatchingPlan) as caught:
        mapdata.fetch_map(sample_store, plan="无此方案")
    assert "policygraph" not in str(caught.value) and "--" not in str(caught.value)
    code, err = run_policygraph(
        capsys, store_config, "map", "--plan", "无此方案", "-o", str(tmp_path / "m.html")
    )
    assert code == 1 and "无此方案" in err and "policygraph query plan_overview" in err
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, err = run_policygraph(
        capsys, store_config, "-q", "export", "--format", "csv", "-o", str(blocker / "x.csv")
    )
    assert code == 1 and err.strip().endswith("choose another -o path")
