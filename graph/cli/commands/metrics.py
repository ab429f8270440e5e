"""`policygraph metrics`: workload and network centrality of departments, flags for overload and centrality."""

from __future__ import annotations

import time
from pathlib import Path

import click

from policygraph.graph.cli.options import format_option, info, is_verbose, plan_option, store_options
from policygraph.graph.cli.output import emit_rows, fit_columns

SORT_KEYS = ("pagerank", "betweenness", "degree", "strength", "load", "lead", "constraint")
# The Top-N table as policy-network studies print it: these columns always, then as many of
# OPTIONAL_COLUMNS (in this order) as the terminal has room for; csv/json carry every column.
TABLE_COLUMNS = ("rank", "department", "lead", "support", "joint", "load", "pagerank", "flags")
OPTIONAL_COLUMNS = (
    "pagerank",
    "betweenness",
    "degree",
    "jurisdiction",
    "strength",
    "constraint",
    "efficiency",
    "core",
    "community",
)
# --network as a table: the figures a reader compares first, then the rest as room allows.
NETWORK_TABLE_COLUMNS = ("network", "departments", "links", "density", "communities", "modularity")
NETWORK_OPTIONAL_COLUMNS = (
    "components",
    "mean_degree",
    "degree_centralization",
    "betweenness_centralization",
)


def _ranked(frame, sort: str, top: int, per_plan: bool):
    ascending = sort == "constraint"  # low constraint = a broker: rank those first
    frame = frame.sort_values([sort, "department_id"], ascending=[ascending, True])
    groups = frame.groupby("plan_id", sort=False) if per_plan else [(None, frame)]
    parts = []
    for _, group in groups:
        group = group.head(top).copy()
        group.insert(0, "rank", range(1, len(group) + 1))
        parts.append(group)
    return parts


@click.command("metrics")
@plan_option
@click.option("--per-plan", is_flag=True, help="One network per plan instead of all selected plans together.")
@click.option(
    "--top",
    type=click.IntRange(1),
    default=15,
    show_default=True,
    help="Departments to list (per plan with --per-plan).",
)
@click.option(
    "--sort",
    type=click.Choice(SORT_KEYS),
    default="pagerank",
    show_default=True,
    help="Rank by this measure (constraint: lowest first — the brokers).",
)
@click.option(
    "--network",
    "network_level",
    is_flag=True,
    help="Print network-level figures instead (density, centralisation, communities, modularity).",
)
@click.option(
    "--rules",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Your copy of analysis_rules.json (load weights, overload and centrality rules).",
)
@format_option()
@store_options
def command(plan, per_plan, top, sort, network_level, rules, fmt, config):
    """Who carries the most work and who is central: a Top-N table of departments.

    Per department: lead/support/joint task counts, weighted load, degree and strength
    (partners, tasks shared), betweenness, PageRank, Burt's constraint and efficiency,
    k-core and community. `flags` marks departments that are overloaded (load far above
    their jurisdiction's median) or central (top PageRank or betweenness); the rules and
    weights are in analysis_rules.json (docs/analysis.md). csv/json print every column.

    \b
    Examples:
      policygraph metrics --plan 宜春市
      policygraph metrics --per-plan --top 5
      policygraph metrics --sort betweenness --format csv > departments.csv
      policygraph metrics --network --per-plan
    """
    import pandas as pd

    from policygraph.graph.analysis.metrics import compute_metrics
    from policygraph.graph.analysis.network import analysis_rules, require_plan
    from policygraph.graph.store import open_store

    last_report = [time.monotonic()]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last_report[0] >= 2 or done == total:
            last_report[0] = time.monotonic()
            info(f"  {done:,}/{total:,} plans measured")

    rule_set = analysis_rules(rules)  # a broken rules file fails before the store is touched
    with open_store(config, notify=info) as store:
        require_plan(store, plan)
        info("reading assignments and computing network metrics…")
        started = time.monotonic()
        result = compute_metrics(store, plan, per_plan=per_plan, rules=rule_set, progress=progress)
        if is_verbose():
            info(f"computed in {time.monotonic() - started:.1f} s on {store.engine} graph {config.graph!r}")
    if network_level:
        frame = result.networks
        columns, rows = list(frame.columns), frame.astype(object).where(frame.notna(), None).values.tolist()
        if fmt == "table":
            columns, rows = fit_columns(columns, rows, NETWORK_TABLE_COLUMNS, NETWORK_OPTIONAL_COLUMNS)
        emit_rows(columns, rows, fmt)
        return
    if result.departments.empty:
        info(
            f"no department is named on any task of {plan!r}"
            if plan
            else "no departments found: load plans with `policygraph ingest`"
        )
        emit_rows(TABLE_COLUMNS if fmt == "table" else list(result.departments.columns), [], fmt)
        return
    parts = _ranked(result.departments, sort, top, per_plan)
    frame = pd.concat(parts, ignore_index=True)
    for measure in ("pagerank", "betweenness", "constraint", "effective_size", "efficiency"):
        frame[measure] = frame[measure].round(4)
    frame["flags"] = [
        ", ".join(f for f, on in (("overloaded", o), ("central", c)) if on)
        for o, c in zip(frame["overloaded"], frame["central"])
    ]
    frame = frame.astype(object).where(frame.notna(), None)
    if fmt == "table":
        essential = [*TABLE_COLUMNS[:2], *(["plan"] if per_plan else []), *TABLE_COLUMNS[2:]]
        if sort != "pagerank":  # the measure the table is ranked by takes PageRank's place
            essential[essential.index("pagerank")] = sort if sort not in essential else None
        essential = [c for c in essential if c]
        if not per_plan and frame["jurisdiction"].nunique() > 1:
            essential.insert(2, "jurisdiction")
        columns, rows = fit_columns(list(frame.columns), frame.values.tolist(), essential, OPTIONAL_COLUMNS)
        emit_rows(columns, rows, fmt)
    else:
        emit_rows(list(frame.columns), frame.values.tolist(), fmt)
    flagged = result.departments
    info(
        f"{len(flagged)} departments; {int(flagged['overloaded'].sum())} overloaded, "
        f"{int(flagged['central'].sum())} central"
    )
