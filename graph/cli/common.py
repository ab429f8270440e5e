"""Options and output helpers shared by the CLI commands."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from policygraph.graph.store.config import ENGINES, StoreConfig
from policygraph.graph.views.cells import spreadsheet_safe

FORMATS = ("table", "csv", "json")


def store_options(func):
    """Add --engine/--data-dir/--graph/--uri/--user/--password/--database and pass `config: StoreConfig`."""

    options = [
        click.option(
            "--engine",
            type=click.Choice(ENGINES, case_sensitive=False),
            default=None,
            help="Local engine run in the data directory: falkordb, or a Neo4j 5 server policygraph starts "
            "(needs Java 17 and Maven) [env POLICYGRAPH_ENGINE; default: falkordb].",
        ),
        click.option(
            "--data-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Local engine data directory [env POLICYGRAPH_DATA_DIR; default: the user data dir].",
        ),
        click.option(
            "--graph",
            "graph_name",
            default=None,
            metavar="NAME",
            help="Graph name inside FalkorDB [env POLICYGRAPH_GRAPH; default: policygraph]; on Neo4j the "
            "graph is the database.",
        ),
        click.option(
            "--uri",
            default=None,
            metavar="URI",
            help="Use a real Neo4j, e.g. neo4j://localhost:7687 [env NEO4J_URI].",
        ),
        click.option("--user", default=None, help="Neo4j user [env NEO4J_USERNAME]."),
        click.option("--password", default=None, help="Neo4j password [env NEO4J_PASSWORD]; never printed."),
        click.option("--database", default=None, help="Neo4j database [env NEO4J_DATABASE]."),
    ]

    def wrapper(*args, engine, data_dir, graph_name, uri, user, password, database, **kwargs):
        kwargs["config"] = StoreConfig.from_env(
            engine=engine.lower() if engine else None,
            data_dir=data_dir,
            graph=graph_name,
            uri=uri,
            user=user,
            password=password,
            database=database,
        )
        return func(*args, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def plan_option(func):
    """--plan PLAN: select plans by id, jurisdiction or title (all plans when omitted)."""
    return click.option(
        "--plan", default=None, metavar="PLAN", help="Plan id, jurisdiction or title [default: all plans]."
    )(func)


def format_option(default: str = "table", choices: Sequence[str] = FORMATS):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def is_quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("quiet"))


def is_verbose() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("verbose"))


def info(message: str) -> None:
    """A progress or summary line on stderr, suppressed by --quiet."""
    if not is_quiet():
        click.echo(message, err=True)


def display_width(text: str) -> int:
    """Terminal columns taken by `text` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\n", " ")


def fit_columns(columns, rows, essential, optional, width: int | None = None):
    """(columns, rows) keeping every `essential` column and then as many `optional` ones, in their
    order, as fit `width` (default: the terminal) next to each other; columns keep their order."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    index = {c: i for i, c in enumerate(columns)}
    widths = {c: max([display_width(c), *(display_width(_cell(r[index[c]])) for r in rows)]) for c in columns}
    chosen = [c for c in essential if c in index]
    used = sum(widths[c] for c in chosen) + 2 * (len(chosen) - 1)
    for column in optional:
        if column in index and used + 2 + widths[column] <= width:
            chosen.append(column)
            used += 2 + widths[column]
    chosen = [c for c in columns if c in chosen]
    return chosen, [tuple(r[index[c]] for c in chosen) for r in rows]


def format_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int | None = None) -> str:
    """Aligned text table; with `max_width`, wide cells are clipped (…) until the table fits.

    Columns shrink widest-first, but never below their header while another column is still
    wider than its own header (so headers stay readable), and never below 6."""
    cells = [[_cell(v) for v in row] for row in rows]
    headers = [display_width(c) for c in columns]
    widths = list(headers)
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], display_width(c))
    while max_width and sum(widths) + 2 * (len(widths) - 1) > max_width:
        over_header = [i for i, w in enumerate(widths) if w > max(headers[i], 6)]
        candidates = over_header or [i for i, w in enumerate(widths) if w > 6]
        if not candidates:
            break
        widths[max(candidates, key=lambda i: widths[i])] -= 1

    def line(values):
        parts = []
        for i, v in enumerate(values):
            v = _clip(v, widths[i])
            parts.append(v + " " * (widths[i] - display_width(v)))
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def emit_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, file=None) -> None:
    """Print rows as an aligned table, CSV (with header; text a spreadsheet would run as a formula
    gets a leading apostrophe) or a JSON array of objects."""
    if fmt == "json":
        objects = [dict(zip(columns, (to_jsonable(v) for v in row))) for row in rows]
        click.echo(json.dumps(objects, ensure_ascii=False, indent=1), file=file)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([spreadsheet_safe(_cell(v)) if isinstance(v, str) else _cell(v) for v in row])
        click.echo(buf.getvalue().rstrip("\n"), file=file)
    else:
        stream = file or sys.stdout
        # Fit a terminal (or the width COLUMNS asks for); other piped output keeps every character.
        fit = stream.isatty() or "COLUMNS" in os.environ
        width = shutil.get_terminal_size((120, 24)).columns if fit else None
        click.echo(format_table(columns, rows, width), file=file)
