"""`policygraph metrics`: workload and network centrality of departments, flags for overload and centrality."""

from __future__ import annotations

import time

import click

from policygraph.graph.cli.options import (
    format_option,
    info,
    is_verbose,
    plan_option,
    rules_option,
    store_options,
)
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
NETWORK_TABLE_COLUMNS = (
    "network",
    "departments",
    "links",
    "density",
    "communities",
    "modularity",
    "community_structure",
)
NETWORK_OPTIONAL_COLUMNS = (
    "components",
    "mean_degree",
    "degree_centralization",
    "betweenness_centralization",
)


def _ranked(frame, sort: str, top: int, per_plan: bool):
    """The top rows of each jurisdiction (each plan with --per-plan), ranked within it: departments
    of different governments are never ranked against each other."""
    ascending = sort == "constraint"  # low constraint = a broker: rank those first
    frame = frame.sort_values([sort, "department_id"], ascending=[ascending, True])
    groups = frame.groupby("plan_id" if per_plan else "jurisdiction", sort=True)
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
    "--department",
    default=None,
    metavar="NAME",
    help="Only this department (as a plan writes it: 区科协, 科协 with --plan 东胜区, part of a name).",
)
@click.option(
    "--by-type",
    "by_type",
    default=None,
    metavar="TYPE",
    help="Compare departments of one functional type across jurisdictions (science_association, "
    "education, …; 'all' for every type).",
)
@click.option(
    "--network",
    "network_level",
    is_flag=True,
    help="Print network-level figures instead (density, centralisation, communities, modularity).",
)
@rules_option("load weights, overload and centrality rules")
@format_option()
@store_options
def command(plan, per_plan, top, sort, department, by_type, network_level, rules, fmt, config):
    """Who carries the most work and who is central: a Top-N table of departments.

    Every figure is computed within one jurisdiction (one government's departments), and the
    table ranks each jurisdiction apart (--per-plan: each plan apart): departments of different
    governments are never ranked against each other; --by-type compares departments of the same
    functional type across jurisdictions instead.

    Per department: lead/support/joint task counts, weighted load, degree and strength
    (partners, cooperation weight: fractional, by role and list size), betweenness, PageRank,
    Burt's constraint and efficiency, k-core and community (only where the modularity clears
    the threshold). `flags` marks departments that are overloaded (load far above their
    jurisdiction's median) or central (top PageRank or betweenness in their jurisdiction);
    overloaded_why / central_why give the figures; the rules and weights are in
    analysis_rules.json (docs/analysis.md). csv/json print every column.

    \b
    Examples:
      policygraph metrics --plan 宜春市
      policygraph metrics --per-plan --top 5
      policygraph metrics --sort betweenness --format csv > departments.csv
      policygraph metrics --network --per-plan
      policygraph metrics --by-type science_association
      policygraph metrics --plan 东胜区 --department 区科协
    """
    import pandas as pd

    from policygraph.graph.analysis.metrics import TYPE_COLUMNS, compute_metrics
    from policygraph.graph.analysis.metrics import by_type as compare_types
    from policygraph.graph.analysis.names import resolve_department
    from policygraph.graph.analysis.rows import require_plan
    from policygraph.graph.analysis.rules import analysis_rules
    from policygraph.graph.store import open_store

    last_report = [time.monotonic()]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last_report[0] >= 2 or done == total:
            last_report[0] = time.monotonic()
            info(f"  {done:,}/{total:,} jurisdictions measured")

    rule_set = analysis_rules(rules)  # a broken rules file fails before the store is touched
    with open_store(config, notify=info) as store:
        require_plan(store, plan)
        wanted = resolve_department(store, department, plan) if department else None
        info("reading assignments and computing network metrics, one jurisdiction at a time…")
        started = time.monotonic()
        selection = wanted.jurisdiction if wanted and plan is None else plan
        result = compute_metrics(store, selection, per_plan=per_plan, rules=rule_set, progress=progress)
        if is_verbose():
            info(f"computed in {time.monotonic() - started:.1f} s on {config.where}")
    if network_level:
        frame = result.networks
        columns, rows = list(frame.columns), frame.astype(object).where(frame.notna(), None).values.tolist()
        if fmt == "table":
            columns, rows = fit_columns(columns, rows, NETWORK_TABLE_COLUMNS, NETWORK_OPTIONAL_COLUMNS)
        emit_rows(columns, rows, fmt)
        info(
            f"communities are reported where the modularity reaches {rule_set.communities.min_modularity:g} "
            "(community_structure); elsewhere the jurisdiction is one group"
        )
        return
    if by_type:
        frame = compare_types(result.departments, None if by_type == "all" else [by_type])
        if frame.empty:
            known = sorted(set(result.departments["type"]))
            raise click.BadParameter(
                f"no department of type {by_type!r}; types: {', '.join(known)}", param_hint="--by-type"
            )
        frame = frame.astype(object).where(frame.notna(), None)
        frame["pagerank"] = [round(v, 4) for v in frame["pagerank"]]
        emit_rows(list(TYPE_COLUMNS), frame.values.tolist(), fmt)
        info("rank_in_jurisdiction and load_share compare a department with its own government only")
        return
    if result.departments.empty:
        info(
            f"no department is named on any task of {plan!r}"
            if plan
            else "no departments found: load plans with `policygraph ingest`"
        )
        emit_rows(TABLE_COLUMNS if fmt == "table" else list(result.departments.columns), [], fmt)
        return
    parts = _ranked(result.departments, sort, len(result.departments) if wanted else top, per_plan)
    frame = pd.concat(parts, ignore_index=True)
    if wanted:
        frame = frame[frame["department_id"] == wanted.department_id]
    for measure in ("pagerank", "betweenness", "constraint", "effective_size", "efficiency", "strength"):
        frame[measure] = frame[measure].astype(float).round(4)
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
            essential.insert(1, "jurisdiction")
        optional = (*OPTIONAL_COLUMNS, "overloaded_why", "central_why")
        columns, rows = fit_columns(list(frame.columns), frame.values.tolist(), essential, optional)
        emit_rows(columns, rows, fmt)
    else:
        emit_rows(list(frame.columns), frame.values.tolist(), fmt)
    flagged = result.departments
    jurisdictions = flagged["jurisdiction"].nunique()
    info(
        f"{len(flagged)} departments in {jurisdictions} jurisdiction(s), ranked within each; "
        f"{int(flagged['overloaded'].sum())} overloaded, {int(flagged['central'].sum())} central "
        "(why: --format csv/json, columns overloaded_why and central_why)"
    )
