"""The analyst's report: one HTML page tying figures, tables and maps together, offline and safe.

    path = write_report(store, "report/", plan="宜春市")   # report/index.html + map files

Sections: plan overview, network figures, workload chart (inline SVG) and table, overloaded
and central departments with the rules that flag them, top-N centrality, responsibility gaps
(a plan × reason summary, then each finding with provenance: file and character span), a
comparison of two plans when asked (`compare=(parent, child)`), and the maps (written beside
the page, embedded in frames and linked). The page runs no script at all (its Content-Security-Policy says so);
every text from a document goes through Jinja's autoescape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policygraph.graph.analysis.rules import AnalysisRules
from policygraph.graph.views.files import write_text_atomically
from policygraph.graph.views.maps import (
    MAX_MAP_NODES,
    PlanGraphs,
    clip_text,
    draw,
    load_graphs,
    plan_heading,
    read_asset,
    render_template,
    style,
)
from policygraph.graph.views.palette import type_colour, type_label
from policygraph.ingest.records import Role

CHART_ROLES = (Role.LEAD.value, Role.JOINT.value, Role.SUPPORT.value)  # bar segments, left to right
TOP_N = 15  # rows of the centrality table and departments in the chart
WORKLOAD_ROWS = 200  # rows of the workload table (the XLSX export has them all)
GAP_ROWS = 300  # rows of the gaps table
CHART_BAR = 18  # px per bar
CHART_LABEL = 150  # px for department names
CHART_WIDTH = 520  # px for the bars
MAP_FILES = (
    ("cooperation", "部门协作网络", "cooperation.html"),
    ("assignment", "部门—任务分工", "assignment.html"),
)


@dataclass(frozen=True)
class MapLink:
    caption: str
    file: str
    nodes: int
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A table the page renders as it comes: header labels and rows of display text."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class ComparisonSection:
    """Two plans side by side: compare_in_store rows under COMPARE_COLUMNS, shown generically."""

    plan_a: str
    plan_b: str
    table: Table
    counts: tuple[tuple[str, int], ...]  # (status label, rows)


# Chinese headers for the columns compare_in_store returns today; a column added later shows
# under its own name.
COMPARE_HEADERS = {
    "level": "层级",
    "status": "对照结果",
    "similarity": "相似度",
    "a_path": "A 编号",
    "a_title": "A 内容",
    "b_path": "B 编号",
    "b_title": "B 内容",
    "a_lead_types": "A 牵头类型",
    "b_lead_types": "B 牵头类型",
    "lead_type_differs": "牵头类型不同",
}
COMPARE_VALUES = {
    "level": {"section": "章节", "task": "任务"},
    "status": {"matched": "对应", "only_a": "仅 A 有", "only_b": "仅 B 有"},
}


def _display(column: str, value) -> str:
    """One comparison cell as text: labels for codes, types in Chinese, lists joined, 是 for true."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(_display(column, v) for v in value)
    text = str(value)
    if column.endswith(("_type", "_types")) or column == "type":
        return type_label(text)
    return COMPARE_VALUES.get(column, {}).get(text, text)


def comparison_section(
    plan_a: str, plan_b: str, columns: Sequence[str], rows: Sequence[Sequence]
) -> ComparisonSection:
    """The comparison table from compare_in_store's columns and rows, whatever columns it has. Pure."""
    columns = tuple(columns)
    shown = tuple(tuple(_display(c, v) for c, v in zip(columns, row)) for row in rows)
    status = columns.index("status") if "status" in columns else None
    counts: dict[str, int] = {}
    if status is not None:
        for row in rows:
            label = _display("status", row[status])
            counts[label] = counts.get(label, 0) + 1
    return ComparisonSection(
        plan_a,
        plan_b,
        Table(tuple(COMPARE_HEADERS.get(c, c) for c in columns), shown),
        tuple(counts.items()),
    )


def gap_summary(gaps: Sequence, plans: Sequence[dict]) -> Table:
    """Plan × reason: how many findings of each gap code each plan has (codes in their Chinese
    names, most frequent first), with a total column and row. Pure."""
    labels = style()["gap_labels"]
    by_code: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    for gap in gaps:
        by_code[gap.code] = by_code.get(gap.code, 0) + 1
        cells[(gap.plan_id, gap.code)] = cells.get((gap.plan_id, gap.code), 0) + 1
    codes = sorted(by_code, key=lambda code: (-by_code[code], code))
    names = {p.get("plan_id"): f"{p.get('jurisdiction') or ''} {p.get('title') or ''}".strip() for p in plans}
    rows = []
    for plan_id in sorted({g.plan_id for g in gaps}, key=lambda pid: names.get(pid, pid)):
        counts = [cells.get((plan_id, code), 0) for code in codes]
        rows.append((names.get(plan_id, plan_id), *counts, sum(counts)))
    if len(rows) > 1:
        rows.append(("合计", *(by_code[code] for code in codes), len(gaps)))
    return Table(("方案", *(labels.get(code, code) for code in codes), "合计"), tuple(rows))


@dataclass(frozen=True)
class ReportData:
    """What the page shows. departments: metrics.department_metrics frame; gaps: gaps.Gap records;
    plans: plan_overview rows; network: metrics.network_summary row; rules: analysis rules."""

    title: str
    plans: tuple[dict, ...]
    departments: pd.DataFrame
    network: dict
    gaps: tuple
    rules: AnalysisRules
    maps: tuple[MapLink, ...] = ()
    top: int = TOP_N
    comparison: ComparisonSection | None = None


def _records(frame: pd.DataFrame, columns: Sequence[str], limit: int | None = None) -> list[dict]:
    present = [c for c in columns if c in frame.columns]
    chosen = frame[present] if limit is None else frame[present].head(limit)
    return [dict(zip(present, row)) for row in chosen.itertuples(index=False, name=None)]


def workload_chart(departments: pd.DataFrame, top: int = TOP_N) -> dict:
    """Geometry of a stacked horizontal bar chart (task counts: lead, joint, support) for the `top`
    departments by load; the template draws it as SVG. Pure."""
    roles = style()["roles"]
    frame = departments.sort_values(["load", "department"], ascending=[False, True]).head(top)
    counts = [role.value for role in Role]  # the metrics frame has a task-count column per role
    longest = max(float(frame[counts].sum(axis=1).max()), 1.0) if len(frame) else 1.0
    bars = []
    for index, row in enumerate(frame.itertuples(index=False)):
        x, segments = CHART_LABEL, []
        for role in CHART_ROLES:
            count = int(getattr(row, role))
            width = CHART_WIDTH * count / longest
            if count:
                segments.append(
                    {
                        "x": round(x, 1),
                        "width": round(width, 1),
                        "colour": roles[role]["colour"],
                        "title": f"{row.department} {roles[role]['label']} {count} 项",
                    }
                )
            x += width
        bars.append(
            {
                "y": index * CHART_BAR,
                "label": clip_text(row.department, 10),
                "name": f"{row.department}（{type_label(getattr(row, 'type', ''))}）",
                "type_colour": type_colour(getattr(row, "type", "")),
                "segments": segments,
                "end": round(x + 4, 1),
                # one task can carry two roles (牵头 for its action, 负责 for itself): count roles, not tasks
                "total": f"{int(row.lead) + int(row.support) + int(row.joint)} 项分工 · 负荷 {float(row.load):g}",
            }
        )
    legend = [{"label": roles[r]["label"], "colour": roles[r]["colour"]} for r in CHART_ROLES]
    return {
        "bars": bars,
        "height": max(1, len(bars)) * CHART_BAR + 24,
        "width": CHART_LABEL + CHART_WIDTH + 150,
        "legend": legend,
        "legend_y": len(bars) * CHART_BAR + 14,
    }


def build_report(data: ReportData) -> str:
    """The report page (HTML text). Cost: linear in departments + gaps (tables are capped)."""
    departments = data.departments
    by_load = departments.sort_values(["load", "department"], ascending=[False, True])
    if len(by_load):
        by_load = by_load.assign(type=by_load["type"].map(type_label))
    gap_rows = [
        {
            "severity": g.severity,
            "code": g.code,
            "jurisdiction": g.jurisdiction,
            "task": g.task,
            "title": g.title,
            "section": g.section,
            "subject": g.subject or "、".join(g.units),
            "detail": g.detail_zh or g.detail,
            "source": g.source,
            "where": _provenance(g),
        }
        for g in data.gaps[:GAP_ROWS]
    ]
    severity_counts: dict[str, int] = {}
    for gap in data.gaps:
        severity_counts[gap.severity] = severity_counts.get(gap.severity, 0) + 1
    totals = {
        key: sum(int(p.get(key) or 0) for p in data.plans)
        for key in ("sections", "tasks", "lead", "support", "joint", "without_lead")
    }
    return render_template(
        "report.html",
        title=data.title,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        plans=data.plans,
        totals=totals,
        department_count=len(departments),
        network=data.network,
        chart=workload_chart(departments, data.top),
        workload=_records(
            by_load,
            (
                "department",
                "jurisdiction",
                "type",
                "lead",
                "support",
                "joint",
                "load",
                "degree",
                "overloaded",
                "central",
            ),
            WORKLOAD_ROWS,
        ),
        workload_total=len(departments),
        workload_limit=WORKLOAD_ROWS,
        overloaded=_records(
            by_load[by_load["overloaded"].astype(bool)] if len(by_load) else by_load,
            ("department", "jurisdiction", "lead", "support", "joint", "load"),
        ),
        central=_records(
            departments[departments["central"].astype(bool)] if len(departments) else departments,
            ("department", "jurisdiction", "degree", "pagerank", "betweenness", "central_why"),
        ),
        # Ranked within each government, never across (departments come sorted by jurisdiction, rank).
        centrality=_records(
            departments[departments["rank_in_jurisdiction"] <= data.top] if len(departments) else departments,
            (
                "rank_in_jurisdiction",
                "department",
                "jurisdiction",
                "degree",
                "strength",
                "pagerank",
                "betweenness",
                "constraint",
                "community",
            ),
        ),
        top=data.top,
        rules=data.rules,
        gaps=gap_rows,
        gap_total=len(data.gaps),
        gap_limit=GAP_ROWS,
        severity_counts=severity_counts,
        gap_labels=style()["gap_labels"],
        gap_summary=gap_summary(data.gaps, data.plans),
        comparison=data.comparison,
        maps=data.maps,
        css=read_asset("report.css"),
        font=style()["font"],
        csp="default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src file: 'self'",
    )


def _provenance(gap) -> str:
    """File name and character span; the full path goes to the cell's tooltip (it filled the column)."""
    if not gap.source:
        return ""
    name = Path(gap.source).name
    if gap.span_start is None:
        return name
    return f"{name} 字符 {gap.span_start}–{gap.span_end}"


def write_report(
    store,
    out_dir: Path | str,
    plan: str | None = None,
    top: int = TOP_N,
    max_nodes: int = MAX_MAP_NODES,
    notify: Callable[[str], None] | None = None,
    compare: tuple[str, str] | None = None,
) -> Path:
    """Write `out_dir`/index.html and the map files it embeds; returns the index path.

    compare: two plan selectors (e.g. a parent plan and the child implementing it) whose
    comparison (compare_in_store) gets its own section. notify: receives a progress line per
    step. Raises PolicygraphError when no plan matches.
    Cost: the queries of load_graphs and gaps_in_store, metrics, and one layout per map
    (about 3-4 s each at 1,000 nodes).
    """
    from policygraph.graph.analysis.gaps import gaps_in_store

    notify = notify or (lambda line: None)
    notify("reading plans and computing metrics…")
    graphs = load_graphs(store, plan)
    comparison = None
    if compare:
        from policygraph.graph.analysis.compare import COMPARE_COLUMNS, compare_in_store

        notify("comparing the two plans…")
        rows = [c.row() for c in compare_in_store(store, *compare)]
        comparison = comparison_section(*compare, COMPARE_COLUMNS, rows)
    return write_report_files(
        graphs,
        gaps_in_store(store, plan),
        out_dir,
        top=top,
        max_nodes=max_nodes,
        notify=notify,
        comparison=comparison,
    )


def write_report_files(
    graphs: PlanGraphs,
    gaps: Sequence,
    out_dir: Path | str,
    top: int = TOP_N,
    max_nodes: int = MAX_MAP_NODES,
    notify: Callable[[str], None] | None = None,
    comparison: ComparisonSection | None = None,
) -> Path:
    """The report from already loaded graphs and gaps (what write_report and `policygraph demo` use)."""
    from policygraph.graph.analysis.metrics import network_summary
    from policygraph.graph.analysis.rules import analysis_rules

    notify = notify or (lambda line: None)
    out_dir = Path(out_dir)
    links = []
    for view, caption, file in MAP_FILES:
        notify(f"drawing the {view} map…")
        page = draw(graphs, view, max_nodes=max_nodes)
        page.write(out_dir / file)
        links.append(MapLink(caption, file, page.node_count, page.note))
    data = ReportData(
        title=f"责任分工分析报告 · {plan_heading(graphs)}",
        plans=graphs.plans,
        departments=graphs.metrics,
        network=network_summary(graphs.departments),
        gaps=tuple(gaps),
        rules=analysis_rules(),
        maps=tuple(links),
        top=top,
        comparison=comparison,
    )
    return write_text_atomically(out_dir / "index.html", build_report(data))
