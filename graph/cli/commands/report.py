"""`policygraph report`: an offline HTML report with figures, tables, gaps and maps."""

from __future__ import annotations

import time
from pathlib import Path

import click

from policygraph.graph.cli.options import info, plan_option, store_options
from policygraph.graph.cli.output import output_path_hint


@click.command("report")
@plan_option
@click.option(
    "--top",
    type=click.IntRange(1, 200),
    default=15,
    show_default=True,
    help="Departments in the centrality table and the workload chart.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(10),
    default=1000,
    show_default=True,
    help="Largest map drawn in full (bigger maps keep the busiest departments).",
)
@click.option(
    "--compare",
    nargs=2,
    default=None,
    metavar="PLAN_A PLAN_B",
    help="Add a section comparing two plans (id, jurisdiction or title), e.g. a parent plan and the "
    "child plan implementing it.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write index.html and the map files into (created if missing).",
)
@store_options
def command(plan, top, max_nodes, compare, output, config):
    """Write an analyst's report: plan overview, workload chart and table, overloaded and
    central departments, top-N centrality, responsibility gaps (summed per plan and reason, then one
    by one with their source), optionally a comparison of two plans, and the maps.

    Open OUTPUT/index.html in any browser; it loads nothing from the network and runs no script
    (the maps it embeds are self-contained pages).

    \b
    Examples:
      policygraph report -o report/
      policygraph report --plan 宜春市 --top 20 -o 宜春报告/
      policygraph report --compare 江西省 宜春市 -o 对照报告/
    """
    from policygraph.graph.store import open_store
    from policygraph.graph.views.files import check_writable
    from policygraph.graph.views.report import write_report

    with output_path_hint():
        check_writable(output, folder=True)

    started = time.monotonic()
    with open_store(config, notify=info) as store, output_path_hint():
        index = write_report(
            store, output, plan=plan, top=top, max_nodes=max_nodes, notify=info, compare=compare
        )
    info(f"wrote {index} and its maps ({time.monotonic() - started:.1f}s)")
