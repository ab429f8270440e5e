"""How commands print rows: terminal tables that fit the width, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from typing import Any

import click

from policygraph.errors import PolicygraphError
from policygraph.graph.views.cells import spreadsheet_safe
from policygraph.graph.views.files import UnwritablePath


@contextmanager
def output_path_hint(option: str = "-o"):
    """Turn the library's 'cannot write here' into the same line plus what to do on the command line."""
    try:
        yield
    except UnwritablePath as exc:
        raise PolicygraphError(f"{exc}; choose another {option} path") from None


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
