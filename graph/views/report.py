"""The analyst's report: one HTML page tying figures, tables and maps together, offline and safe.

    path = write_report(store, "report/", plan="宜春市")   # report/index.html + map files

Sections: plan overview, network figures, workload chart (inline SVG) and table, overloaded
and central departments with the rules that flag them, top-N centrality, responsibility gaps
with provenance (file and character span), and the maps (written beside the page, embedded
in frames and linked). The page runs no script at all (its Content-Security-Policy says so);
every text from a document goes through Jinja's autoescape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

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
from policygraph.graph.views.palette import type_label

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
class ReportData:
    """What the page shows. departments: metrics.department_metrics frame; gaps: gaps.Gap records;
    plans: plan_overview rows; network: metrics.network_summary row; rules: analysis rules."""

    title: str
    plans: tuple[dict, ...]
    departments: pd.DataFrame
    network: dict
    gaps: tuple
    rules: dict
    maps: tuple[MapLink, ...] = ()
    top: int = TOP_N


def _records(frame: pd.DataFrame, columns: Sequence[str], limit: int | None = None) -> list[dict]:
    present = [c for c in columns if c in frame.columns]
    chosen = frame[present] if limit is None else frame[present].head(limit)
    return [dict(zip(present, row)) for row in chosen.itertuples(index=False, name=None)]


def workload_chart(departments: pd.DataFrame, top: int = TOP_N) -> dict:
    """Geometry of a stacked horizontal bar chart (task counts: lead, joint, support) for the `top`
    departments by load; the template draws it as SVG. Pure."""
    roles = style()["roles"]
    frame = departments.sort_values(["load", "department"], ascending=[False, True]).head(top)
    longest = max(float(frame[["lead", "support", "joint"]].sum(axis=1).max()), 1.0) if len(frame) else 1.0
    bars = []
    for index, row in enumerate(frame.itertuples(index=False)):
        x, segments = CHART_LABEL, []
        for role in ("lead", "joint", "support"):
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
                "name": row.department,
                "segments": segments,
                "end": round(x + 4, 1),
                # one task can carry two roles (牵头 for its action, 负责 for itself): count roles, not tasks
                "total": f"{int(row.lead) + int(row.support) + int(row.joint)} 项分工 · 负荷 {float(row.load):g}",
            }
        )
    legend = [
        {"label": roles[r]["label"], "colour": roles[r]["colour"]} for r in ("lead", "joint", "support")
    ]
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
            "section": g.section,
            "subject": g.subject,
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
            ("department", "jurisdiction", "degree", "pagerank", "betweenness"),
        ),
        centrality=_records(
            departments,
            (
                "department",
                "jurisdiction",
                "degree",
                "strength",
                "pagerank",
                "betweenness",
                "constraint",
                "community",
            ),
            data.top,
        ),
        top=data.top,
        rules=data.rules,
        gaps=gap_rows,
        gap_total=len(data.gaps),
        gap_limit=GAP_ROWS,
        severity_counts=severity_counts,
        gap_labels=style()["gap_labels"],
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
) -> Path:
    """Write `out_dir`/index.html and the map files it embeds; returns the index path.

    notify: receives a progress line per step. Raises PolicygraphError when no plan matches.
    Cost: the queries of load_graphs and gaps_in_store, metrics, and one layout per map
    (about 3-4 s each at 1,000 nodes).
    """
    from policygraph.graph.analysis.gaps import gaps_in_store

    notify = notify or (lambda line: None)
    notify("reading plans and computing metrics…")
    graphs = load_graphs(store, plan)
    return write_report_files(
        graphs, gaps_in_store(store, plan), out_dir, top=top, max_nodes=max_nodes, notify=notify
    )


def write_report_files(
    graphs: PlanGraphs,
    gaps: Sequence,
    out_dir: Path | str,
    top: int = TOP_N,
    max_nodes: int = MAX_MAP_NODES,
    notify: Callable[[str], None] | None = None,
) -> Path:
    """The report from already loaded graphs and gaps (what write_report and `policygraph demo` use)."""
    from policygraph.graph.analysis.metrics import network_summary
    from policygraph.graph.analysis.network import analysis_rules

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
    )
    return write_text_atomically(out_dir / "index.html", build_report(data))
