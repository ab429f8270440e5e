"""Exports read back with the tools analysts use: networkx (as Gephi would parse), openpyxl, csv."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import stat

import networkx as nx
import openpyxl
import pytest
from _sample_graphs import (
    ASSIGNMENTS,
    GLOBAL_PAYLOAD,
    PAYLOAD,
    TASKS,
    department_id,
    run_policygraph,
    sample_graphs,
    task_id,
)

from policygraph.graph.views import export
from policygraph.graph.views.files import atomic_file

ROLE = {"lead": "牵头", "support": "配合", "joint": "负责"}


@pytest.fixture(scope="module")
def graphs():
    departments, assignments = sample_graphs()
    # attributes Gephi chokes on: None, lists, NaN, mixed int/float under one name
    assignments.nodes[task_id("三.1")]["note"] = None
    departments.nodes[department_id("团市委")]["pagerank"] = float("nan")
    departments.nodes[department_id("市科协")]["strength"] = 2.5
    departments.nodes[department_id("团市委")]["strength"] = 3
    return departments, assignments


def same_structure(original: nx.Graph, read: nx.Graph):
    assert set(read.nodes) == set(original.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in original.edges}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_files_read_back_to_the_same_graph(graphs, tmp_path, fmt):
    departments, assignments = graphs
    for graph, name in ((assignments, "assignment"), (departments, "cooperation")):
        path = tmp_path / f"{name}.{fmt}"
        getattr(export, f"write_{fmt}")(graph, path)
        read = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        same_structure(graph, read)
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'(?:value="|>)(?:None|nan|NaN)(?:"|<)', text), (
            "a None/NaN attribute was written"
        )
        for _node, attrs in read.nodes(data=True):
            assert all(value is not None for value in attrs.values())
    read = (
        nx.read_graphml(tmp_path / f"assignment.{fmt}")
        if fmt == "graphml"
        else nx.read_gexf(tmp_path / f"assignment.{fmt}")
    )
    payload_task = read.nodes[task_id("二.(一).1")]
    assert payload_task["title"] == TASKS["二.(一).1"][0]  # markup kept as the text it is
    assert read.nodes[task_id("三.1")]["vague"] == "各成员单位"  # list joined to one string
    assert read.edges[department_id("市科协"), task_id("二.(一).1")]["role"] == "lead"


def test_gephi_graph_unifies_types_and_drops_empty(graphs):
    clean = export.gephi_graph(graphs[0])
    strengths = {type(a["strength"]) for _, a in clean.nodes(data=True) if "strength" in a}
    assert strengths == {float}
    assert "pagerank" not in clean.nodes[department_id("团市委")]
    assert isinstance(clean.nodes[department_id("市科协")]["aliases"], str)


def test_node_link_json(graphs, tmp_path):
    path = export.write_node_link_json(graphs[1], tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    same_structure(graphs[1], nx.node_link_graph(data, edges="links"))
    assert any(n.get("title") == TASKS["二.(一).1"][0] for n in data["nodes"])


def expected_matrix():
    cells = {}
    for label, path, role, _ in ASSIGNMENTS:
        cells[(path, label)] = ROLE[role]
    return cells


def test_matrix_csv_has_bom_and_the_roles(graphs, tmp_path):
    path = export.write_matrix_csv(graphs[1], tmp_path / "m.csv", {"p1": "宜春市 方案"})
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    head, body = rows[0], rows[1:]
    assert head[:4] == list(export.MATRIX_HEAD)
    assert len(body) == len(TASKS)
    found = {(row[1], head[i]): cell for row in body for i, cell in enumerate(row) if i >= 4 and cell}
    assert found == expected_matrix()
    assert {row[0] for row in body} == {"宜春市 方案"}
    assert f"市财政局{GLOBAL_PAYLOAD}" in head


def test_xlsx_matrix_and_workload_match_the_records(graphs, tmp_path):
    departments, assignments = graphs
    path = export.write_xlsx(assignments, departments, tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["责任矩阵", "分工表", "工作量"]
    for sheet in book.worksheets:  # an autofilter over the whole table, header included
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    rows = list(book["责任矩阵"].iter_rows(values_only=True))
    head = rows[0]
    found = {(row[1], head[i]): cell for row in rows[1:] for i, cell in enumerate(row) if i >= 4 and cell}
    assert found == expected_matrix()
    leads = {row[1]: row[3] for row in rows[1:]}
    assert leads["三.1"] == 0 and leads["一.(一).1"] == 1
    assert any(row[2] == TASKS["二.(一).1"][0] for row in rows[1:])
    workload = list(book["工作量"].iter_rows(values_only=True))
    assert workload[0][:7] == ("部门", "辖区", "类型", "牵头", "配合", "负责", "负荷")
    by_name = {row[0]: row for row in workload[1:]}
    assert set(by_name) == {a["label"] for _, a in departments.nodes(data=True)}
    assert by_name["市科协"][3:6] == (1, 1, 1)
    assert by_name["市科协"][2] == "科协"  # the type's Chinese label, not science_association
    division = list(book["分工表"].iter_rows(values_only=True))
    assert division[0] == export.DIVISION_HEAD
    first = {row[1].split(" ")[0]: row for row in division[1:]}
    assert first["一.(一).1"][0] == 1 and first["一.(一).1"][2] == "市教育体育局"
    assert set(first["一.(一).1"][3].split("、")) == {"市科协", "团市委"}
    assert first["二.(一).2"][2] == "团市委（共同负责）、市委宣传部（共同负责）"  # joint only: no lead
    assert first["三.1"][2:4] == (None, None)  # empty cells


def test_a_cell_names_every_role_the_department_holds(tmp_path):
    # 197 负责 assignments became 160 cells: one role per cell dropped the second role.
    departments, assignments = sample_graphs()
    edge = assignments.edges[department_id("市科协"), task_id("二.(一).1")]
    edge["roles"] = ["lead", "joint"]
    path = export.write_xlsx(
        assignments, departments, tmp_path / "roles.xlsx", deadlines={task_id("二.(一).1"): "2025年底"}
    )
    book = openpyxl.load_workbook(path)
    rows = list(book["责任矩阵"].iter_rows(values_only=True))
    column = rows[0].index("市科协")
    cell = next(row[column] for row in rows[1:] if row[1] == "二.(一).1")
    assert cell == "牵头、负责"
    assert next(row[3] for row in rows[1:] if row[1] == "二.(一).1") == 1  # still one lead
    division = {row[1].split(" ")[0]: row for row in book["分工表"].iter_rows(values_only=True)}
    assert division["二.(一).1"][4] == "2025年底"
    csv_text = export.write_matrix_csv(assignments, tmp_path / "roles.csv").read_text(encoding="utf-8-sig")
    assert "牵头、负责" in csv_text


def test_xlsx_from_the_store_keeps_both_roles_of_one_department(store_config, tmp_path):
    from _sample_graphs import sample_plan

    from policygraph.graph.store import open_store
    from policygraph.graph.store.load import load_plans
    from policygraph.ingest.records import Assignment, Role, Unit

    plan = sample_plan()
    task = plan.tasks[2]  # 二.(一).1: 市科协 leads; it is also named 按职责分工负责
    unit = Unit("市科协", "市科协", "science_association")
    doubled = dataclasses.replace(task, assignments=(*task.assignments, Assignment(unit, Role.JOINT)))
    plan = dataclasses.replace(plan, id="plan-two-roles", tasks=(*plan.tasks[:2], doubled, *plan.tasks[3:]))
    with open_store(store_config) as store:
        load_plans(store, [plan], compact=False)
        try:
            path = export.write_export(store, tmp_path / "two.xlsx", "xlsx")
        finally:
            store.drop()
    rows = list(openpyxl.load_workbook(path)["责任矩阵"].iter_rows(values_only=True))
    column = rows[0].index("市科协")
    assert next(row[column] for row in rows[1:] if row[1] == "二.(一).1") == "牵头、负责"
    cells = [c for row in rows[1:] for c in row[4:] if c]
    assert sum(c.count("、") + 1 for c in cells) == len(ASSIGNMENTS) + 1, (
        "every assignment has its cell entry"
    )


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    departments, assignments = sample_graphs()
    assignments.nodes[task_id("三.1")]["title"] = '=HYPERLINK("http://x","点击")'
    book = openpyxl.load_workbook(export.write_xlsx(assignments, departments, tmp_path / "f.xlsx"))
    cell = next(c for row in book["责任矩阵"].iter_rows() for c in row if str(c.value).startswith("=HYPER"))
    assert cell.data_type == "s"
    text = export.write_matrix_csv(assignments, tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text


def test_failed_write_leaves_no_file(tmp_path):
    target = tmp_path / "out.gexf"
    with pytest.raises(RuntimeError), atomic_file(target) as temporary:
        temporary.write_text("partial", encoding="utf-8")
        raise RuntimeError("disk full")
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_exports_are_readable_by_others_as_the_umask_allows(tmp_path):
    # mkstemp makes 0o600 files: a report folder copied to a shared drive or web server was unreadable.
    old = os.umask(0o022)
    try:
        with atomic_file(tmp_path / "out.csv") as temporary:
            temporary.write_text("a,b\n", encoding="utf-8")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_export_command_writes_every_format(store_config, sample_store, tmp_path, capsys):
    for fmt in export.FORMATS:
        out = tmp_path / f"all.{fmt}"
        code, err = run_policygraph(capsys, store_config, "export", "--format", fmt, "-o", str(out))
        assert code == 0, err
        assert out.exists()
    read = nx.read_gexf(tmp_path / "all.gexf")
    assert read.number_of_nodes() == 5 + len(TASKS) and read.number_of_edges() == len(ASSIGNMENTS)
    assert {a["type"] for n, a in read.nodes(data=True) if a.get("kind") == "department"} >= {"科协", "教育"}
    rows = list(openpyxl.load_workbook(tmp_path / "all.xlsx")["责任矩阵"].iter_rows(values_only=True))
    assert len(rows) == 1 + len(TASKS) and rows[1][0].endswith(PAYLOAD)
    code, err = run_policygraph(
        capsys,
        store_config,
        "export",
        "--format",
        "csv",
        "--plan",
        "无此方案",
        "-o",
        str(tmp_path / "none.csv"),
    )
    assert code == 1 and "无此方案" in err and not (tmp_path / "none.csv").exists()
    code, err = run_policygraph(
        capsys, store_config, "-q", "export", "--format", "xlsx", "-o", str(tmp_path / "all.csv" / "x.xlsx")
    )
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err


def test_dash_writes_to_standard_output(store_config, sample_store, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from policygraph.graph.cli.main import cli

    monkeypatch.chdir(tmp_path)
    args = ["--data-dir", str(store_config.data_dir), "--graph", store_config.graph]
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o", "-", *args])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["nodes"]) == 5 + len(TASKS)
    xlsx = CliRunner().invoke(cli, ["export", "--format", "xlsx", "-o", "-", *args])
    assert xlsx.stdout_bytes.startswith(b"PK")  # a zip: the workbook itself
    assert list(tmp_path.iterdir()) == [], "no file named '-' (or anything else) left behind"


def test_gexf_carries_positions_sizes_and_palette_colours(graphs, tmp_path):
    # Gephi opened a blob: no layout, no colours.
    from policygraph.graph.views.palette import type_colour

    assignments = graphs[1]
    path = export.write_gexf(assignments, tmp_path / "viz.gexf")
    read = nx.read_gexf(path)
    positions = set()
    for node, attrs in read.nodes(data=True):
        viz = attrs["viz"]
        assert viz["size"] > 0
        positions.add((round(viz["position"]["x"]), round(viz["position"]["y"])))
        if attrs.get("kind") == "department":
            code = assignments.nodes[node]["type"]
            colour = "#{r:02x}{g:02x}{b:02x}".format(**viz["color"])
            assert colour == type_colour(code), node
            assert attrs["type_code"] == code
    assert len(positions) == read.number_of_nodes(), "nodes stacked on one point"
    assert read.nodes[department_id("市科协")]["type"] == "科协"


def test_graphml_booleans_are_booleans(graphs, tmp_path):
    path = export.write_graphml(graphs[1], tmp_path / "b.graphml")
    text = path.read_text(encoding="utf-8")
    assert ">False<" not in text and ">True<" not in text
    assert ">false<" in text and ">true<" in text
    read = nx.read_graphml(path)
    assert read.edges[department_id("市教育体育局"), task_id("一.(一).2")]["inherited"] is True
    assert read.nodes[task_id("三.1")]["has_lead"] is False
