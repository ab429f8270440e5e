"""Exports analysts open elsewhere: Gephi (GEXF, GraphML), Excel (CSV with BOM, XLSX), JSON.

- `gephi_graph(graph)`: a copy Gephi accepts: no None/NaN attributes, lists joined into one
  string, one value type per attribute name.
- `responsibility_matrix(assignments)`: tasks × departments with 牵头/配合/负责 in the cells.
- `write_gexf`, `write_graphml`, `write_node_link_json`, `write_matrix_csv`, `write_xlsx`: one
  file each, written through a temporary file so a failure leaves nothing half-written.
- `write_export(store, path, fmt, plan=None, view=...)`: what `policygraph export` runs.

Cells that a spreadsheet would read as a formula (text starting with = + - @) are written as
text: in XLSX by cell type, in CSV with a leading apostrophe (the usual spreadsheet convention).
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from policygraph.errors import PolicygraphError
from policygraph.graph.views.cells import spreadsheet_safe
from policygraph.graph.views.files import atomic_file
from policygraph.graph.views.maps import edge_roles, layout_positions, load_graphs, node_size, style
from policygraph.graph.views.palette import type_colour, type_label
from policygraph.ingest.records import Role

FORMATS = ("gexf", "graphml", "csv", "xlsx", "json")
EXPORT_VIEWS = ("assignment", "cooperation")
ROLE_CELLS = {Role.LEAD: "牵头", Role.SUPPORT: "配合", Role.JOINT: "负责"}
ROLE_JOIN = "、"  # a cell naming two roles: 牵头、负责
DIVISION_HEAD = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
LIST_SEPARATOR = "; "
WORKLOAD_COLUMNS = (
    ("department", "部门"),
    ("jurisdiction", "辖区"),
    ("type", "类型"),
    *((role.value, label) for role, label in ROLE_CELLS.items()),
    ("load", "负荷"),
    ("degree", "合作部门数"),
    ("pagerank", "PageRank"),
    ("betweenness", "中介中心性"),
    ("overloaded", "过载"),
    ("central", "核心"),
)
MATRIX_HEAD = ("计划", "任务编号", "任务", "牵头单位数")
SHEET_FILLS = {Role.LEAD: "C9DAF0", Role.SUPPORT: "EEEEEE", Role.JOINT: "E6D9F0"}


# -- Gephi -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """One attribute value as Gephi can hold it, or None to drop it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if hasattr(value, "item"):  # numpy / pandas scalars
        return _plain(value.item())
    return str(value)


def _unify(items: list[dict]) -> None:
    """Give each attribute name one type across all items (int+float -> float, else str)."""
    kinds: dict[str, set] = {}
    for attrs in items:
        for key, value in attrs.items():
            kinds.setdefault(key, set()).add(bool if isinstance(value, bool) else type(value))
    for key, found in kinds.items():
        if len(found) <= 1:
            continue
        target = float if found <= {int, float} else str
        for attrs in items:
            if key in attrs:
                attrs[key] = target(attrs[key])


def _readable(attrs: dict) -> dict:
    """Node attributes as a Gephi user reads them: the type's Chinese label (科协) under `type`,
    the code under `type_code`."""
    if "type" not in attrs:
        return attrs
    return {**attrs, "type": type_label(attrs["type"]), "type_code": attrs["type"]}


def _edge_attrs(attrs: dict) -> dict:
    if "role" not in attrs and "roles" not in attrs:
        return attrs
    return {**attrs, "roles": [r.value for r in edge_roles(attrs)]}


def gephi_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of `graph` with Gephi-safe attributes (see module doc). Cost: O(nodes + edges)."""
    clean = graph.__class__()
    nodes = [
        {k: v for k, v in ((k, _plain(v)) for k, v in _readable(attrs).items()) if v is not None}
        for _, attrs in graph.nodes(data=True)
    ]
    edges = [
        {k: v for k, v in ((k, _plain(v)) for k, v in _edge_attrs(attrs).items()) if v is not None}
        for _, _, attrs in graph.edges(data=True)
    ]
    _unify(nodes)
    _unify(edges)
    clean.add_nodes_from(zip(graph.nodes, nodes))
    clean.add_edges_from((a, b, attrs) for (a, b), attrs in zip(graph.edges(), edges))
    return clean


def _rgb(colour: str) -> dict:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def with_viz(graph: nx.Graph, clean: nx.Graph) -> nx.Graph:
    """Add GEXF viz attributes to `clean` (a gephi_graph copy of `graph`): the map's own layout
    as positions, its node sizes, the palette's type colours (tasks in the map's task colours),
    so Gephi opens the network the way `policygraph map` draws it."""
    positions = layout_positions(graph)
    sizes = node_size(graph)
    s = style()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind", "department") == "department":
            colour = type_colour(attrs.get("type"))
        else:
            colour = (s["task"] if attrs.get("has_lead", True) else s["task_without_lead"])["colour"]
        x, y = positions[node]
        clean.nodes[node]["viz"] = {
            "color": _rgb(colour),
            "size": round(float(sizes[node]), 2),
            "position": {"x": float(x), "y": float(-y), "z": 0.0},  # GEXF's y axis points up
        }
    return clean


def write_gexf(graph: nx.Graph, path: Path | str) -> Path:
    """GEXF 1.2 with viz attributes (position, size, colour) on every node."""
    with atomic_file(path) as temporary:
        nx.write_gexf(with_viz(graph, gephi_graph(graph)), temporary, encoding="utf-8")
    return Path(path)


def write_graphml(graph: nx.Graph, path: Path | str) -> Path:
    """GraphML; booleans as the format's `true`/`false` (networkx writes Python's True/False)."""
    with atomic_file(path) as temporary:
        nx.write_graphml(gephi_graph(graph), temporary, encoding="utf-8")
        text = temporary.read_text(encoding="utf-8")
        booleans = re.findall(r'<key id="([^"]+)"[^>]*attr\.type="boolean"', text)
        if booleans:
            keys = "|".join(re.escape(k) for k in booleans)
            text = re.sub(
                rf'(<data key="(?:{keys})">)(True|False)(</data>)',
                lambda m: m.group(1) + m.group(2).lower() + m.group(3),
                text,
            )
            temporary.write_text(text, encoding="utf-8")
    return Path(path)


def write_node_link_json(graph: nx.Graph, path: Path | str) -> Path:
    """networkx node-link JSON ({"nodes": [...], "links": [...]}), UTF-8, lists kept as lists."""
    data = nx.node_link_data(graph, edges="links")
    with atomic_file(path) as temporary:
        temporary.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, default=_json_default) + "\n", encoding="utf-8"
        )
    return Path(path)


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "item"):
        return value.item()
    return str(value)


# -- responsibility matrix and workload ------------------------------------------------------


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


def _department_headers(graph: nx.Graph, departments: list) -> list[str]:
    """Department names as column headers; the jurisdiction is added where names repeat."""
    labels = [str(graph.nodes[d].get("label", d)) for d in departments]
    repeated = {label for label in labels if labels.count(label) > 1}
    return [
        f"{label}（{graph.nodes[d].get('jurisdiction', '')}）" if label in repeated else label
        for label, d in zip(labels, departments)
    ]


def responsibility_matrix(assignments: nx.Graph, plan_names: dict[str, str] | None = None) -> Table:
    """Tasks (rows, in graph order) × departments (columns, busiest first): 牵头/配合/负责 or ''.

    assignments: graph/network.assignment_network(). plan_names: plan id -> what to show in the
    计划 column (default: the plan id). Cost: O(tasks × departments) cells.
    """
    plan_names = plan_names or {}
    departments = sorted(
        (n for n, a in assignments.nodes(data=True) if a.get("kind") == "department"),
        key=lambda d: (-float(assignments.nodes[d].get("load") or 0), str(d)),
    )
    position = {d: i for i, d in enumerate(departments)}
    rows = []
    for task, attrs in assignments.nodes(data=True):
        if attrs.get("kind") != "task":
            continue
        cells = [""] * len(departments)
        for department, edge in assignments[task].items():
            cells[position[department]] = ROLE_JOIN.join(ROLE_CELLS[r] for r in edge_roles(edge))
        plan = attrs.get("plan_id", "")
        rows.append(
            (
                plan_names.get(plan, plan),
                attrs.get("label", task),
                attrs.get("title", ""),
                sum(1 for c in cells if ROLE_CELLS[Role.LEAD] in c.split(ROLE_JOIN)),
                *cells,
            )
        )
    return Table((*MATRIX_HEAD, *_department_headers(assignments, departments)), tuple(rows))


def division_table(
    assignments: nx.Graph, deadlines: dict[str, str] | None = None, plan_names: dict[str, str] | None = None
) -> Table:
    """The 分工表 offices circulate: 序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限, one row per task
    in document order. Units jointly responsible (按职责分工负责) are listed as 配合单位 under a
    lead, else in the 牵头单位 column marked （共同负责）. With several plans a 所属方案 column follows."""
    deadlines = deadlines or {}
    plan_names = plan_names or {}
    tasks = [(t, a) for t, a in assignments.nodes(data=True) if a.get("kind") == "task"]
    several = len({a.get("plan_id") for _, a in tasks}) > 1
    rows = []
    for number, (task, attrs) in enumerate(tasks, start=1):
        by_role: dict[Role, list[str]] = {role: [] for role in Role}
        for department, edge in sorted(
            assignments[task].items(), key=lambda item: str(assignments.nodes[item[0]].get("label", item[0]))
        ):
            for role in edge_roles(edge):
                by_role[role].append(str(assignments.nodes[department].get("label", department)))
        if by_role[Role.LEAD]:
            leads, others = by_role[Role.LEAD], by_role[Role.SUPPORT] + by_role[Role.JOINT]
        else:
            leads = [f"{name}（共同负责）" for name in by_role[Role.JOINT]]
            others = by_role[Role.SUPPORT]
        text = str(attrs.get("text") or attrs.get("title") or "")
        row = (
            number,
            f"{attrs.get('label', '')} {text}".strip(),
            ROLE_JOIN.join(leads),
            ROLE_JOIN.join(dict.fromkeys(others)),
            deadlines.get(task, ""),
        )
        if several:
            plan = attrs.get("plan_id", "")
            row = (*row, plan_names.get(plan, plan))
        rows.append(row)
    return Table((*DIVISION_HEAD, "所属方案") if several else DIVISION_HEAD, tuple(rows))


def workload_table(departments: nx.Graph) -> Table:
    """One row per department (busiest first) from the department network's node attributes."""
    present = [
        (key, head)
        for key, head in WORKLOAD_COLUMNS
        if key == "department" or any(key in a for _, a in departments.nodes(data=True))
    ]
    ordered = sorted(
        departments.nodes(data=True), key=lambda na: (-float(na[1].get("load") or 0), str(na[0]))
    )
    rows = []
    for node, attrs in ordered:
        values = {**attrs, "department": attrs.get("label", node), "type": type_label(attrs.get("type"))}
        rows.append(tuple(_cell_value(values.get(key)) for key, _ in present))
    return Table(tuple(head for _, head in present), tuple(rows))


def _cell_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else ""
    plain = _plain(value)
    return "" if plain is None else plain


def write_matrix_csv(
    assignments: nx.Graph, path: Path | str, plan_names: dict[str, str] | None = None
) -> Path:
    """The responsibility matrix as CSV in UTF-8 with a BOM (Excel then shows the Chinese)."""
    table = responsibility_matrix(assignments, plan_names)
    with atomic_file(path) as temporary, open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([spreadsheet_safe(c) for c in table.columns])
        writer.writerows([spreadsheet_safe(c) for c in row] for row in table.rows)
    return Path(path)


def write_xlsx(
    assignments: nx.Graph,
    departments: nx.Graph,
    path: Path | str,
    plan_names: dict[str, str] | None = None,
    deadlines: dict[str, str] | None = None,
) -> Path:
    """Workbook with sheets 责任矩阵 (tasks × departments, every role a department holds on a task
    in its cell: 牵头、负责), 分工表 (see division_table) and 工作量 (one row per department); each
    with a header row, frozen panes and an autofilter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {ROLE_CELLS[role]: PatternFill("solid", fgColor=colour) for role, colour in SHEET_FILLS.items()}
    book = Workbook()
    sheets = (
        (book.active, "责任矩阵", responsibility_matrix(assignments, plan_names), len(MATRIX_HEAD)),
        (book.create_sheet(), "分工表", division_table(assignments, deadlines, plan_names), 2),
        (book.create_sheet(), "工作量", workload_table(departments), 1),
    )
    for sheet, title, table, frozen_columns in sheets:
        sheet.title = title
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append(list(row))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":  # openpyxl reads '=…' text as a formula: keep it text
                    cell.data_type = "s"
                if title == "责任矩阵" and isinstance(cell.value, str) and cell.value:
                    strongest = cell.value.split(ROLE_JOIN)[0]
                    if strongest in fills:
                        cell.fill = fills[strongest]
                        cell.alignment = Alignment(horizontal="center")
                elif title == "分工表":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            if cell.data_type == "f":
                cell.data_type = "s"
        sheet.freeze_panes = sheet.cell(row=2, column=frozen_columns + 1)
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(table.columns)))}{len(table.rows) + 1}"
        for index, head in enumerate(table.columns, start=1):
            longest = max([len(str(head))] + [len(str(r[index - 1])) for r in table.rows[:200]])
            limit = 60 if title == "分工表" else 48
            sheet.column_dimensions[get_column_letter(index)].width = min(limit, max(6, longest * 1.8 + 2))
    with atomic_file(path, suffix=".xlsx") as temporary:
        book.save(temporary)
    return Path(path)


# -- the command's entry point ---------------------------------------------------------------


def write_export(
    store, path: Path | str, fmt: str, plan: str | None = None, view: str = "assignment"
) -> Path:
    """Read the selected plans from the store and write one export file; returns its path.

    fmt: one of FORMATS. view (gexf/graphml/json): `assignment` = departments + tasks with role
    edges; `cooperation` = departments with shared-task edges. csv/xlsx always hold the matrix.
    Raises PolicygraphError when nothing matches `plan`.
    """
    if fmt not in FORMATS:
        raise PolicygraphError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if view not in EXPORT_VIEWS:
        raise PolicygraphError(f"unknown export view {view!r} (known: {', '.join(EXPORT_VIEWS)})")
    graphs = load_graphs(store, plan)
    names = {p["plan_id"]: f"{p['jurisdiction']} {p['title']}".strip() for p in graphs.plans}
    graph = graphs.assignments if view == "assignment" else graphs.departments
    if fmt == "gexf":
        return write_gexf(graph, path)
    if fmt == "graphml":
        return write_graphml(graph, path)
    if fmt == "json":
        return write_node_link_json(graph, path)
    if fmt == "csv":
        return write_matrix_csv(graphs.assignments, path, names)
    from policygraph.graph.analysis.queries import run_query
    from policygraph.graph.views.mapdata import view_query

    deadlines = {
        row["task_id"]: row["deadline"]
        for row in run_query(store, view_query("task_deadlines"), {"plan": plan}).records()
    }
    return write_xlsx(graphs.assignments, graphs.departments, path, names, deadlines)
