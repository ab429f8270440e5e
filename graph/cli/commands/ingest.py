"""`policygraph ingest FILE_OR_DIR...`: parse plans and load them into the graph store."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from policygraph.errors import InputError
from policygraph.graph.cli.options import info, is_quiet, is_verbose, store_options
from policygraph.graph.cli.safe_text import printable
from policygraph.graph.store import open_store
from policygraph.graph.store.load import LoadProgress, LoadSummary, load_plans, read_ahead


def parsed_plans(files: list[Path], failed: list[tuple[str, str]], on_file) -> Iterator:
    """The plans of `files`, parsed one by one as the loader asks for them; a file that fails to
    parse is appended to `failed` as (file, problem) and never stops the rest. Calls on_file() after
    each file."""
    from policygraph.ingest import iter_documents

    for document in iter_documents(files):
        on_file()
        if document.error:
            failed.append((str(document.path), document.error.problem))
        else:
            yield document.plan


def parse_documents(files: list[Path], on_file) -> tuple[list, list[tuple[str, str]]]:
    """Parse all of `files` -> (plans, [(file, problem)]), for callers that want the list."""
    failed: list[tuple[str, str]] = []
    return list(parsed_plans(files, failed, on_file)), failed


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_options
def command(paths, config):
    """Parse plan documents (files or folders of .txt/.docx/.html/.pdf) and load them into the
    graph store. Loading is idempotent: an unchanged plan is skipped, a changed one replaces its
    old version (same source file) completely, in one atomic step per plan.

    Prints what was added, replaced, unchanged and failed; exits 1 when any file failed.

    \b
    Examples:
      policygraph ingest plans/
      policygraph ingest 实施方案.docx --uri neo4j://localhost:7687 --user neo4j
    """
    from policygraph.ingest.parse import expand_paths
    from policygraph.ingest.readers import SUFFIXES

    # Absolute paths: a plan's source file is the key by which a changed version replaces the old
    # one, so it must not depend on the directory the command ran from.
    files = expand_paths(path.resolve() for path in paths)
    if not files:
        raise InputError(paths[0], f"no documents found (looked for {', '.join(sorted(SUFFIXES))} files)")
    err = sys.stderr
    show = not is_quiet()
    parse_failed: list[tuple[str, str]] = []
    # Parse and load as one pipeline: the parser runs a few plans ahead of the writer (bounded), so
    # the engine starts on the first plan at once and memory does not grow with the corpus.
    plans = read_ahead(parsed_plans(files, parse_failed, on_file=lambda: None))
    first = next(plans, None)
    summary = LoadSummary()
    if first is not None:  # when every file failed, say so without touching the store
        with (
            open_store(config, notify=info) as store,
            click.progressbar(
                length=len(files),
                label="ingesting",
                file=err,
                hidden=not show,
                item_show_func=lambda rows: f"{rows:,} rows" if rows is not None else "",
            ) as bar,
        ):

            def progress(report: LoadProgress) -> None:
                bar.update(report.done + len(parse_failed) - bar.pos, report.rows)  # files handled

            summary = load_plans(store, itertools.chain([first], plans), progress=progress)

    if is_verbose():  # each plan's fate, e.g. to see which files were unchanged
        for outcome in summary.outcomes:
            if outcome.outcome not in ("failed", "duplicate"):
                info(
                    f"  {outcome.outcome}: {outcome.source} ({outcome.rows:,} rows, plan {outcome.plan_id[:12]})"
                )
    failed = parse_failed + [(o.source, o.problem) for o in summary.failed]
    rate = summary.rows / summary.seconds if summary.seconds else 0
    if config.uri:
        target = f"Neo4j at {config.shown_uri}"
    elif config.managed_neo4j:
        target = f"Neo4j in {config.data_dir}"
    else:
        target = f"graph {config.graph!r} in {config.data_dir}"
    duplicates = f"{len(summary.duplicate)} duplicate, " if summary.duplicate else ""
    info(
        f"{len(summary.added)} added, {len(summary.replaced)} replaced, {len(summary.unchanged)} unchanged, "
        f"{duplicates}{len(failed)} failed; {summary.rows:,} rows in {summary.seconds:.1f} s ({rate:,.0f} rows/s) "
        f"into {target}"
    )
    for outcome in summary.duplicate:
        info(f"skipped: {outcome.source}: {outcome.problem}")
    for source, problem in failed:
        click.echo(f"failed: {printable(source)}: {printable(problem)}", err=True)
    if failed:
        raise click.exceptions.Exit(1)
