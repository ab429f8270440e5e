"""`policygraph export`: the graph for Gephi, the responsibility matrix for Excel, or JSON."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from policygraph.graph.cli.options import info, plan_option, store_options
from policygraph.graph.cli.output import output_path_hint


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gexf", "graphml", "csv", "xlsx", "json"]),
    required=True,
    help="gexf/graphml: for Gephi; csv: responsibility matrix (UTF-8 with BOM for Excel); "
    "xlsx: matrix (every role a department holds on a task), 分工表 and workload sheets; json: networkx node-link.",
)
@plan_option
@click.option(
    "--view",
    type=click.Choice(["assignment", "cooperation"]),
    default="assignment",
    show_default=True,
    help="Graph for gexf/graphml/json: departments + tasks (role edges) or departments only "
    "(shared-task edges).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; - writes to standard output (for a pipe).",
)
@store_options
def command(fmt, plan, view, output, config):
    """Export the graph or the responsibility matrix (tasks × departments: 牵头/配合/负责).

    \b
    Examples:
      policygraph export --format xlsx -o 分工.xlsx
      policygraph export --format csv --plan 宜春市 -o matrix.csv
      policygraph export --format gexf --view cooperation -o departments.gexf
      policygraph export --format json --plan 临江区 -o - | jq '.nodes | length'
    """
    from policygraph.graph.store import open_store
    from policygraph.graph.views.export import write_export
    from policygraph.graph.views.files import check_writable

    if str(output) == "-":
        # the writers need a file (atomic replace, openpyxl): write one aside, then copy its bytes
        with (
            tempfile.TemporaryDirectory(prefix="policygraph-export-") as folder,
            open_store(config, notify=info) as store,
        ):
            path = write_export(store, Path(folder) / f"export.{fmt}", fmt, plan=plan, view=view)
            click.echo(path.read_bytes(), nl=False)  # bytes go to the binary stream as they are
        return
    with output_path_hint():
        check_writable(output)
    with open_store(config, notify=info) as store, output_path_hint():
        path = write_export(store, output, fmt, plan=plan, view=view)
    info(f"wrote {path}")
