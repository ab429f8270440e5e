"""`policygraph gaps`: tasks without a lead, placeholders, diffused or dominant leads, alias merges."""

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

TABLE_COLUMNS = ("severity", "code", "jurisdiction", "task", "title", "detail")
OPTIONAL_COLUMNS = ("units", "subject", "sentence", "source", "section")
SUMMARY_TABLE_COLUMNS = ("jurisdiction", "reason", "code", "severity", "findings")


@click.command("gaps")
@plan_option
@click.option(
    "--min-severity",
    type=click.Choice(["low", "medium", "high"]),
    default="low",
    show_default=True,
    help="Leave out findings below this severity.",
)
@click.option(
    "--code",
    "codes",
    multiple=True,
    metavar="CODE",
    help="Only these reason codes (repeatable), e.g. --code NO_LEAD --code PLACEHOLDERS_ONLY.",
)
@rules_option("co-lead limit, dominant share, severities")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the explanations (detail, reason).",
)
@click.option(
    "--summary",
    "summary_only",
    is_flag=True,
    help="Only the plan × reason counts (with --format csv/json: those rows instead of the findings).",
)
@format_option()
@store_options
def command(plan, min_severity, codes, rules, lang, summary_only, fmt, config):
    """Responsibility gaps: first a summary (plan × reason, with counts), then each finding with
    its task's title, the units involved, the sentence the roles were read from and where it is.

    \b
    Reason codes:
      NO_LEAD                  no lead (牵头) and nobody in joint charge
      NO_LEAD_JOINT_ONLY       no lead; only units jointly responsible (按职责分工负责)
      PLACEHOLDERS_ONLY        no unit named, only 各成员单位 / 有关成员单位 …
      PLACEHOLDER_SUPPORT      a lead, but cooperation left to a placeholder
      SECTION_LEAD_NOT_CARRIED a section names a lead that its tasks do not get
      TOO_MANY_LEADS           more co-leads than the limit (diffused accountability)
      DOMINANT_LEAD            one department leads an unusual share of a plan
      ALIAS_ONLY               a unit written in one plan only under another name (check the merge)
      PLAN_UNASSIGNED          the plan names no unit anywhere (one finding listing its tasks)

    Explanations are in Chinese (--lang en for English). csv/json print the findings only (or
    the summary with --summary), with plan_id, section, units, sentence and the task's
    character span in its source file.

    \b
    Examples:
      policygraph gaps
      policygraph gaps --plan 东胜区 --min-severity medium
      policygraph gaps --code NO_LEAD --format csv > no_lead.csv
    """
    from policygraph.graph.analysis.gaps import (
        GAP_COLUMNS,
        SEVERITY_ORDER,
        SUMMARY_COLUMNS,
        gaps_in_store,
        gaps_summary,
    )
    from policygraph.graph.analysis.rows import require_plan
    from policygraph.graph.analysis.rules import analysis_rules
    from policygraph.graph.store import open_store

    wanted = {c.upper() for c in codes}
    rule_set = analysis_rules(rules)  # a broken rules file fails before the store is touched
    unknown = sorted(wanted - set(rule_set.gaps.severity))
    if unknown:  # a typo must not read as "no gaps"
        raise click.BadParameter(
            f"unknown reason code {', '.join(unknown)}; choose from {', '.join(rule_set.gaps.severity)}",
            param_hint="--code",
        )
    with open_store(config, notify=info) as store:
        require_plan(store, plan)
        started = time.monotonic()
        found = gaps_in_store(store, plan, rule_set, lang=lang)
        if is_verbose():
            info(f"found in {time.monotonic() - started:.1f} s on {config.where}")
    found = [
        g
        for g in found
        if SEVERITY_ORDER[g.severity] <= SEVERITY_ORDER[min_severity] and (not wanted or g.code in wanted)
    ]
    summary = gaps_summary(found, lang)
    if fmt == "table":
        columns, rows = fit_columns(
            SUMMARY_COLUMNS, [c.row() for c in summary], SUMMARY_TABLE_COLUMNS, ("plan_title",)
        )
        click.echo("摘要（方案 × 原因）" if lang == "zh" else "Summary (plan × reason)")
        emit_rows(columns, rows, fmt)
        if not summary_only and found:
            click.echo("\n" + ("明细" if lang == "zh" else "Findings"))
            columns, rows = fit_columns(
                GAP_COLUMNS, [g.row() for g in found], TABLE_COLUMNS, OPTIONAL_COLUMNS
            )
            emit_rows(columns, rows, fmt)
    elif summary_only:
        emit_rows(SUMMARY_COLUMNS, [c.row() for c in summary], fmt)
    else:
        emit_rows(GAP_COLUMNS, [g.row() for g in found], fmt)
    counts: dict[str, int] = {}
    for gap in found:
        counts[gap.code] = counts.get(gap.code, 0) + 1
    listed = ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    info(
        f"{len(found)} finding(s) in {len({g.plan_id for g in found})} plan(s)"
        + (f": {listed}" if listed else "")
    )
