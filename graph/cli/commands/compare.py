"""`policygraph compare`: what two plans share, what one covers and the other lacks."""

from __future__ import annotations

import time

import click

from policygraph.graph.cli.options import format_option, info, is_verbose, rules_option, store_options
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
    type=click.Choice(["all", "matched", "renamed", "only_a", "only_b", "differs"]),
    default="all",
    show_default=True,
    help="Only matched pairs, sections matched as renamed, what only A or only B has, or matched "
    "tasks whose lead changed (lead types differ, or one side names no lead).",
)
@rules_option("similarity thresholds")
@format_option()
@store_options
def command(plan_a, plan_b, level, status, rules, fmt, config):
    """Compare two plans like a reviewer: matched sections and tasks with both plans' leads (names
    and functional types), actions renamed between them, and what each covers that the other
    lacks (give the parent plan first: only_a = the parent's tasks with no counterpart in the
    child). A lead change is flagged only where the lead types differ (自治区科协 → 区科协 is
    the same type: no change) or one side names no lead.

    PLAN_A and PLAN_B are plan ids, jurisdictions or titles. Similarity is the cosine of
    TF-IDF weighted character bigrams (0–1: words every plan repeats, like 科普, count for
    little); a renamed action also needs the same kind (行动/工程) at a similar place in the
    structure; thresholds are in analysis_rules.json.

    \b
    Examples:
      policygraph compare 宜春市 东胜区
      policygraph compare 吉林省 全国 --level section
      policygraph compare 宜春市 东胜区 --status differs --format csv
    """
    from policygraph.graph.analysis.compare import COMPARE_COLUMNS, compare_in_store
    from policygraph.graph.analysis.rows import require_plan
    from policygraph.graph.analysis.rules import analysis_rules
    from policygraph.graph.store import open_store

    rule_set = analysis_rules(rules)  # a broken rules file fails before the store is touched
    with open_store(config, notify=info) as store:
        for selector in (plan_a, plan_b):
            require_plan(store, selector)
        started = time.monotonic()
        rows = compare_in_store(store, plan_a, plan_b, rule_set)
        if is_verbose():
            info(f"compared in {time.monotonic() - started:.1f} s on {config.where}")
    counts = {(r.level, r.status): 0 for r in rows}
    for r in rows:
        counts[(r.level, r.status)] += 1
    changes = sum(1 for r in rows if r.lead_change)
    if level != "all":
        rows = [r for r in rows if r.level == level]
    if status == "differs":
        rows = [r for r in rows if r.lead_change]
    elif status != "all":
        rows = [r for r in rows if r.status == status]
    if fmt == "table":
        essential = ("status", "a_path", "a_title", "b_path", "b_title", "lead_change")
        optional = ("a_leads", "b_leads", "similarity", "a_lead_types", "b_lead_types", "level")
        if status == "differs":  # who leads is the answer here, not an extra
            essential = ("a_path", "a_title", "a_leads", "b_path", "b_leads", "lead_change")
            optional = ("b_title", "a_lead_types", "b_lead_types", "similarity")
        columns, table = fit_columns(COMPARE_COLUMNS, [r.row() for r in rows], essential, optional)
        emit_rows(columns, table, fmt)
    else:
        emit_rows(COMPARE_COLUMNS, [r.row() for r in rows], fmt)
    renames = counts.get(("section", "renamed"), 0)
    info(
        f"sections: {counts.get(('section', 'matched'), 0)} matched, {renames} renamed, "
        f"{counts.get(('section', 'only_a'), 0)} only in {plan_a}, {counts.get(('section', 'only_b'), 0)} only in {plan_b}"
    )
    info(
        f"tasks: {counts.get(('task', 'matched'), 0)} matched ({changes} with a lead change), "
        f"{counts.get(('task', 'only_a'), 0)} only in {plan_a}, {counts.get(('task', 'only_b'), 0)} only in {plan_b}"
    )
