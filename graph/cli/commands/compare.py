"""`policygraph compare`: what two plans share, what one covers and the other lacks."""

from __future__ import annotations

import time
from pathlib import Path

import click

from policygraph.graph.cli.options import format_option, info, is_verbose, store_options
from policygraph.graph.cli.output import emit_rows, fit_columns


@click.command("compare")
@click.argument("plan_a")
@click.argument("plan_b")
@click.option(
    "--level",
    type=click.Choice(["all", "section", "task"]),
    default="all",
    show_default=True,
    help="Compare sections, tasks or both.",
)
@click.option(
    "--status",
    type=click.Choice(["all", "matched", "only_a", "only_b", "differs"]),
    default="all",
    show_default=True,
    help="Only matched pairs, what only A or only B has, or matched tasks whose "
    "lead department type differs.",
)
@click.option(
    "--rules",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Your copy of analysis_rules.json (similarity thresholds).",
)
@format_option()
@store_options
def command(plan_a, plan_b, level, status, rules, fmt, config):
    """Match the sections and tasks of two plans by wording (a child plan against its parent, or
    two cities) and show what each covers that the other lacks, and how the type of the lead
    department differs on matched tasks.

    PLAN_A and PLAN_B are plan ids, jurisdictions or titles. Similarity is the cosine of
    TF-IDF weighted character bigrams (0–1: words every plan repeats, like 科普, count for
    little); thresholds are in analysis_rules.json.

    \b
    Examples:
      policygraph compare 宜春市 东胜区
      policygraph compare 吉林省 全国 --level section
      policygraph compare 宜春市 东胜区 --status differs --format csv
    """
    from policygraph.graph.analysis.compare import COMPARE_COLUMNS, compare_in_store
    from policygraph.graph.analysis.rules import analysis_rules
    from policygraph.graph.store import open_store

    rule_set = analysis_rules(rules)  # a broken rules file fails before the store is touched
    with open_store(config, notify=info) as store:
        started = time.monotonic()
        rows = compare_in_store(store, plan_a, plan_b, rule_set)
        if is_verbose():
            info(f"compared in {time.monotonic() - started:.1f} s on {store.engine} graph {config.graph!r}")
    counts = {(r.level, r.status): 0 for r in rows}
    for r in rows:
        counts[(r.level, r.status)] += 1
    if level != "all":
        rows = [r for r in rows if r.level == level]
    if status == "differs":
        rows = [r for r in rows if r.lead_type_differs]
    elif status != "all":
        rows = [r for r in rows if r.status == status]
    if fmt == "table":
        essential = ("status", "similarity", "a_path", "a_title", "b_path", "b_title")
        optional = ("lead_type_differs", "a_lead_types", "b_lead_types", "level")
        if status == "differs":  # the lead types are the answer here, not an extra
            essential = ("a_path", "a_title", "a_lead_types", "b_path", "b_title", "b_lead_types")
            optional = ("similarity",)
        columns, table = fit_columns(COMPARE_COLUMNS, [r.row() for r in rows], essential, optional)
        emit_rows(columns, table, fmt)
    else:
        emit_rows(COMPARE_COLUMNS, [r.row() for r in rows], fmt)
    for kind in ("section", "task"):
        info(
            f"{kind}s: {counts.get((kind, 'matched'), 0)} matched, {counts.get((kind, 'only_a'), 0)} only in "
            f"{plan_a}, {counts.get((kind, 'only_b'), 0)} only in {plan_b}"
        )
