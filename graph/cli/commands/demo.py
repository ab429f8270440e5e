"""`policygraph demo`: the sample plans, end to end, in one command."""

from __future__ import annotations

import dataclasses
import importlib.resources
from collections import Counter
from pathlib import Path

import click

from policygraph.graph.cli.options import info, store_options
from policygraph.graph.cli.output import emit_rows
from policygraph.graph.cli.safe_text import printable

DEMO_GRAPH = "demo"
TOP_PER_JURISDICTION = 3


def sample_plans_dir() -> Path:
    """The folder of sample plans installed with policygraph (written by this team)."""
    return Path(str(importlib.resources.files("policygraph.samples")))


@click.command("demo")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("policygraph-demo"),
    show_default=True,
    help="Folder for the report and maps.",
)
@store_options
def command(out_dir, config):
    """Run the whole job on the sample plans shipped with policygraph: parse them (every
    assignment form: section leads, 牵头单位/责任单位, 按职责分工负责, tables in .docx, GB18030,
    traditional characters, web pages, PDF), load them into the store, compute metrics and
    gaps, and write an HTML report with interactive maps.

    The samples go into the graph "demo" of the local engine (whatever POLICYGRAPH_GRAPH says;
    --graph names another), so your own data is left alone. On Neo4j, name a scratch database
    with --database. The last line printed is the report's path.

    \b
    Examples:
      policygraph demo
      policygraph demo -o /tmp/demo-report
    """
    from policygraph.graph.analysis.gaps import gaps_in_store
    from policygraph.graph.analysis.metrics import compute_metrics
    from policygraph.graph.cli.commands.ingest import parse_documents
    from policygraph.graph.store import open_store
    from policygraph.graph.store.load import load_plans
    from policygraph.graph.views.report import write_report

    # Keep the samples apart from the user's own data: a graph named in the environment, or the
    # default database of a configured Neo4j, may hold it.
    ctx = click.get_current_context()
    chosen = {
        name
        for name in ("graph_name", "database", "data_dir")
        if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
    }
    if config.uri and "database" not in chosen:
        raise click.UsageError(
            "on Neo4j the demo would load its sample plans into your database: pass "
            "--database NAME for a scratch database, or unset NEO4J_URI to use the local engine"
        )
    if config.managed_neo4j and "data_dir" not in chosen:
        raise click.UsageError(
            "the Neo4j engine has one database, where your own plans go: give the demo a data "
            "directory of its own with --data-dir DIR, or run it on the default engine"
        )
    if "graph_name" not in chosen:
        config = dataclasses.replace(config, graph=DEMO_GRAPH)
    samples = sample_plans_dir()
    plans, failed = parse_documents([samples], on_file=lambda: None)
    for source, problem in failed:
        click.echo(f"failed: {printable(source)}: {printable(problem)}", err=True)
    if not plans:
        raise click.ClickException(f"no sample plans could be read from {samples}; reinstall policygraph")
    tasks = sum(len(p.tasks) for p in plans)
    info(f"parsed {len(plans)} sample plans ({tasks} tasks) from {samples}")

    with open_store(config, notify=info) as store:
        summary = load_plans(store, plans)
        info(
            f"loaded into {config.where}: {len(summary.added)} added, "
            f"{len(summary.replaced)} replaced, {len(summary.unchanged)} unchanged"
        )
        metrics = compute_metrics(store).departments
        gaps = gaps_in_store(store)
        info("writing the report and maps ...")
        index = write_report(store, out_dir)

    click.echo("\nMost central departments of each government (PageRank within its own network):")
    columns = ["jurisdiction", "rank_in_jurisdiction", "department", "lead", "support", "joint", "pagerank"]
    top = metrics[metrics["rank_in_jurisdiction"] <= TOP_PER_JURISDICTION]
    emit_rows(["jurisdiction", "rank", *columns[2:]], top[columns].itertuples(index=False), "table")
    overloaded = metrics[metrics["overloaded"]]["department"].tolist()
    click.echo(f"\nOverloaded: {'、'.join(overloaded) if overloaded else 'none'}")
    by_code = Counter(gap.code for gap in gaps)
    click.echo("Gaps: " + (", ".join(f"{code} {n}" for code, n in by_code.most_common()) or "none"))
    click.echo(f"\nReport: {index.resolve()}")
    click.echo(f"Maps:   {', '.join(sorted(p.name for p in index.parent.glob('*.html') if p != index))}")
    if failed:
        raise click.exceptions.Exit(1)
