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
from policygraph.graph.views.maps import NoMatchingPlan
from policygraph.graph.views.palette import type_label


@contextmanager
def output_path_hint(option: str = "-o"):
    """The library's one-line errors plus what to do about them on the command line: another
    output path when it cannot be written, where to see the plans when none matched."""
    try:
        yield
    except UnwritablePath as exc:
        raise PolicygraphError(f"{exc}; choose another {option} path") from None
    except NoMatchingPlan as exc:
        hint = (
            "see the stored plans with `policygraph query plan_overview`"
            if exc.plan
            else "load some with `policygraph ingest FILES`"
        )
        raise PolicygraphError(f"{exc}; {hint}") from None


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


# Columns whose values name something (a department, a unit, a person): a reader tells rows apart
# by them, so a narrow terminal drops numbers before it cuts a name ("自治区科…" = "自治区科…").
NAME_COLUMN_WORDS = ("department", "name", "unit", "partner", "leader")


def is_name_column(column: str) -> bool:
    return any(word in column.lower() for word in NAME_COLUMN_WORDS)


def is_type_column(column: str) -> bool:
    """`type`, `*_type` and `*_types` columns hold department-type codes (science_association), one
    or a list (compare's a_lead_types)."""
    return column == "type" or column.endswith(("_type", "_types"))


def readable_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Rows with type codes replaced by their Chinese labels (科协) in every type column: what the
    terminal and CSV show (JSON keeps the codes)."""
    typed = [i for i, c in enumerate(columns) if is_type_column(c)]
    out = []
    for row in rows:
        row = list(row)
        for i in typed:
            value = row[i]
            if isinstance(value, str):
                row[i] = type_label(value)
            elif isinstance(value, (list, tuple)):
                row[i] = [type_label(v) if isinstance(v, str) else v for v in value]
        out.append(row)
    return out


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def format_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int | None = None) -> str:
    """Aligned text table fitting `max_width` (see fit_table); the columns left out are not named."""
    return fit_table(columns, rows, max_width)[0]


def fit_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int | None = None
) -> tuple[str, list[str]]:
    """(aligned text table, names of the columns left out). With `max_width` the table is made to
    fit, in this order: other text cells are clipped (…) down to their header (at least 6); then,
    if that lets every name stay whole, numeric columns are left out from the right (never the
    first); then text cells are clipped further, and name columns (department, name, unit…) last:
    names stay whole wherever numbers can make room, and numbers are not dropped for nothing."""
    columns = list(columns)
    rows = [list(r) for r in rows]
    cells = [[_cell(v) for v in row] for row in rows]
    headers = [display_width(c) for c in columns]
    widths = list(headers)
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], display_width(c))
    names = {i for i, c in enumerate(columns) if is_name_column(c)}
    numeric = [
        i for i, c in enumerate(columns) if i and i not in names and all(_is_number(r[i]) for r in rows)
    ]
    kept = list(range(len(columns)))

    def total() -> int:
        return sum(widths[i] for i in kept) + 2 * (len(kept) - 1)

    def shrink(candidates: list[int], floor) -> None:
        while max_width and total() > max_width:
            over = [i for i in candidates if i in kept and widths[i] > floor(i)]
            if not over:
                return
            widths[max(over, key=lambda i: widths[i])] -= 1

    if max_width:
        text_columns = [i for i in kept if i not in names and i not in numeric]
        shrink(text_columns, lambda i: max(headers[i], 6))
        without_numbers = total() - sum(widths[i] + 2 for i in numeric)
        if without_numbers <= max_width:
            for i in reversed(numeric):
                if total() <= max_width:
                    break
                kept.remove(i)
        shrink(sorted(names), lambda i: max(headers[i], 6))
        shrink(kept, lambda i: 6)
    dropped = [columns[i] for i in range(len(columns)) if i not in kept]

    def line(values):
        parts = []
        for i in kept:
            v = _clip(values[i], widths[i])
            parts.append(v + " " * (widths[i] - display_width(v)))
        return "  ".join(parts).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out), dropped


def to_jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with a header row, starting with a UTF-8 byte order mark so that Excel reads it as UTF-8.
    Type codes become Chinese labels; every text cell, list cells included, that a spreadsheet
    would run as a formula gets a leading apostrophe; numbers stay numbers."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in readable_rows(columns, rows):
        writer.writerow(
            [v if _is_number(v) or isinstance(v, bool) else spreadsheet_safe(_cell(v)) for v in row]
        )
    return "\ufeff" + buf.getvalue()


def emit_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *, file=None) -> None:
    """Print rows as an aligned table, CSV (see csv_text) or a JSON array of objects (codes kept).
    A table fits the terminal (or the width COLUMNS asks for), keeping names whole; the columns
    it leaves out are named on stderr."""
    if fmt == "json":
        objects = [dict(zip(columns, (to_jsonable(v) for v in row))) for row in rows]
        click.echo(json.dumps(objects, ensure_ascii=False, indent=1), file=file)
    elif fmt == "csv":
        # bytes, so the BOM and the text are UTF-8 whatever the locale's encoding (GBK, cp936)
        text = csv_text(columns, rows)
        stream = file or sys.stdout
        stream.flush()
        if hasattr(stream, "buffer"):
            stream.buffer.write(text.encode("utf-8"))
            stream.buffer.flush()
        else:  # a text-only stream (StringIO)
            stream.write(text)
    else:
        stream = file or sys.stdout
        # Fit a terminal (or the width COLUMNS asks for); other piped output keeps every character.
        fit = stream.isatty() or "COLUMNS" in os.environ
        width = shutil.get_terminal_size((120, 24)).columns if fit else None
        table, dropped = fit_table(columns, readable_rows(columns, rows), width)
        click.echo(table, file=file)
        if dropped:
            click.echo(
                f"({len(dropped)} column(s) left out at width {width}: {', '.join(dropped)}; "
                "widen the terminal or use --format csv)",
                err=True,
            )
