"""`policygraph map`: an interactive HTML map of the department network (offline, one file)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from policygraph.graph.cli.options import info, plan_option, store_options
from policygraph.graph.cli.output import output_path_hint


@click.command("map")
@plan_option
@click.option(
    "--view",
    type=click.Choice(["cooperation", "assignment", "ego"]),
    default="cooperation",
    show_default=True,
    help="cooperation: departments linked by shared tasks; assignment: departments and tasks by role; "
    "ego: one department (--department) with its tasks and partners.",
)
@click.option(
    "--department", default=None, metavar="NAME", help="The department of the ego view (name or id)."
)
@click.option(
    "--color-by",
    type=click.Choice(["type", "community"]),
    default="type",
    show_default=True,
    help="Colour departments by functional type or by detected community.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(10),
    default=1000,
    show_default=True,
    help="Above this many nodes only the departments with the highest load are drawn (the map says so).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="HTML file to write (UTF-8, opens offline: vis-network is inlined).",
)
@store_options
def command(plan, view, department, color_by, max_nodes, output, config):
    """Draw the department network as an interactive HTML map.

    Node size shows workload, colour the department type (or community); in the assignment
    view lead edges are solid, support dashed, joint dotted, and tasks without a lead are red
    diamonds. Hover for counts and tasks, click to highlight neighbours, search by name.
    The file loads nothing from the network.

    \b
    Examples:
      policygraph map -o cooperation.html
      policygraph map --plan 宜春市 --view assignment -o assignment.html
      policygraph map --view ego --department 市科协 -o ego.html
    """
    from policygraph.graph.store import open_store
    from policygraph.graph.views.files import check_writable
    from policygraph.graph.views.mapdata import draw_from_store

    if view == "ego" and not department:
        raise click.UsageError("--view ego needs --department NAME, e.g. --department 市科协")
    with output_path_hint():
        check_writable(output)
    started = time.monotonic()
    with open_store(config, notify=info) as store, output_path_hint():
        page = draw_from_store(store, plan, view, department, color_by, max_nodes)
    with output_path_hint():
        page.write(output)
    if page.note:
        info(page.note)
    info(
        f"wrote {output} ({page.node_count} nodes, {page.edge_count} links, {time.monotonic() - started:.1f}s)"
    )
