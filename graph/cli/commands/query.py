"""`policygraph query`: run a query of the Cypher library by name, or ad-hoc Cypher."""

from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap
import time
from pathlib import Path

import click

from policygraph.graph.cli.options import format_option, info, is_quiet, is_verbose, store_options
from policygraph.graph.cli.output import display_width, emit_rows, format_table

PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _params(pairs: tuple[str, ...]) -> dict:
    from policygraph.graph.analysis.queries import parse_param_value

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not key=value (e.g. -p plan=宜春市)", param_hint="-p")
        if not PARAM_NAME.fullmatch(key):
            raise click.BadParameter(
                f"{key!r} is not a parameter name (letters, digits and _, not starting with a digit)",
                param_hint="-p",
            )
        params[key] = parse_param_value(value)
    return params


def _readable_columns(columns, rows) -> tuple[list, list, list]:
    """(columns, rows, left out) for a table: when the rows are wider than the terminal, id columns
    (plan_id, task_id, …: hashes for machines; jurisdiction, path and title name things for a reader)
    are left out before format_table starts clipping every cell."""
    if not columns:  # a write that returns nothing (MATCH … DETACH DELETE n)
        return [], list(rows), []
    width = shutil.get_terminal_size((120, 24)).columns
    natural = display_width(
        format_table(columns, rows, max_width=sys.maxsize).splitlines()[1]
    )  # the ---- line
    ids = [c for c in columns if c == "id" or c.endswith("_id")]
    if natural <= width or not ids or len(ids) == len(columns):
        return list(columns), list(rows), []
    keep = [i for i, c in enumerate(columns) if c not in ids]
    return [columns[i] for i in keep], [tuple(r[i] for i in keep) for r in rows], ids


def _describe(queries) -> str:
    """The --list text: each query's name, question, parameters, columns and file, wrapped to the terminal."""
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)

    def wrap(text: str, indent: str) -> str:
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent + "    ")

    blocks = []
    for query in queries.values():
        lines = [query.name, wrap(query.answers, "  ")]
        for param in query.params:
            default = json.dumps(param.default, ensure_ascii=False)
            lines.append(wrap(f"-p {param.name}=…  (default {default}) {param.about}".rstrip(), "  "))
        lines.append(wrap(f"columns: {', '.join(query.columns)}", "  "))
        lines.append(wrap(f"file: {query.path}", "  "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@click.command("query")
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter; the value is read as JSON when it is JSON (10, true, null), else as text. "
    "Repeatable.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the queries with their headers and exit.")
@click.option("--cypher", default=None, metavar="TEXT", help="Run this Cypher instead of a named query.")
@click.option(
    "--write", is_flag=True, help="Allow statements that change the graph (CREATE, MERGE, SET, DELETE …)."
)
@click.option(
    "--queries",
    "folders",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Another folder of .cypher files (repeatable; also env POLICYGRAPH_QUERIES). "
    "A query there replaces a built-in one of the same name.",
)
@format_option()
@store_options
def command(name, pairs, list_queries, cypher, write, folders, fmt, config):
    """Run a query of the Cypher library (or your own Cypher) and print its rows.

    Every query file starts with a header — `// answers:`, `// param: NAME = DEFAULT — what`,
    `// columns:` — that `--list` shows. Values from the command line reach the engine as
    parameters, never pasted into the query. Without --write, anything that would change the
    graph is refused. A `department` parameter is resolved the way plans write names: the
    canonical name, a name a plan wrote (区科协) or part of one, within the jurisdiction of
    -p plan=… when given; an ambiguous name lists the candidates.

    \b
    Examples:
      policygraph query --list
      policygraph query department_workload -p plan=宜春市
      policygraph query department_portfolio -p department=区科协 -p plan=东胜区
      policygraph query department_portfolio -p department=市科协 --format csv
      policygraph query --cypher "MATCH (d:Department) RETURN d.name AS name LIMIT 5"
      policygraph query my_query --queries ./my_cypher
    """
    from policygraph.graph.analysis import queries as library
    from policygraph.graph.analysis.names import resolve_department
    from policygraph.graph.analysis.rows import require_plan
    from policygraph.graph.store import open_store

    catalogue, broken = library.scan_queries(library.query_folders(folders))
    if name in broken:
        raise broken[name]
    for problem in broken.values():
        info(f"skipped {problem}")
    if list_queries:
        click.echo(_describe(catalogue))
        return
    if bool(name) == bool(cypher):
        raise click.UsageError("give a query NAME or --cypher TEXT (see `policygraph query --list`)")
    params = _params(pairs)
    if cypher:
        if not write:
            library.check_read_only(cypher)
        text, bound = cypher, params
    else:
        if name not in catalogue:
            raise library.unknown_query(name, catalogue)
        query = catalogue[name]
        if not write:
            library.check_read_only(query.text)
        text, bound = query.text, library.bind(query, params)
    started = time.monotonic()
    with open_store(config, notify=info) as store:
        declared = set() if cypher else {p.name for p in query.params}
        if "plan" in declared and bound.get("plan") is not None:
            require_plan(store, bound["plan"])  # a typo in -p plan=… is not an empty answer
        if "department" in declared:
            if not isinstance(bound.get("department"), str) or not bound["department"].strip():
                raise click.UsageError(f"query {name!r} needs -p department=NAME (e.g. -p department=市科协)")
            # what a user types (区科协, 科协 with a plan, part of a name) -> the one department meant
            bound["department"] = resolve_department(
                store, bound["department"], bound.get("plan")
            ).department_id
        result = store.run(text, bound, read_only=not write)
        if is_verbose():
            info(f"ran in {time.monotonic() - started:.2f} s on {config.where}")
    columns, rows, left_out = list(result.columns), result.rows, []
    if fmt == "table":
        columns, rows, left_out = _readable_columns(columns, rows)
    emit_rows(columns, rows, fmt)
    if fmt == "table" and not is_quiet():
        hidden = f"; left out {', '.join(left_out)} to fit the terminal (--format csv or json has them)"
        info(f"{len(result.rows)} row(s)" + (hidden if left_out else ""))
