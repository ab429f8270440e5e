"""`policygraph parse FILE_OR_DIR...`: read plans and print what was extracted (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from policygraph.errors import PolicygraphError
from policygraph.graph.cli.options import info, is_quiet
from policygraph.graph.cli.output import emit_rows
from policygraph.graph.cli.safe_text import printable

TABLE_COLUMNS = ("id", "title", "lead", "support", "joint", "vague")


def _print_table(plan) -> None:
    tasks = plan.tasks
    units = {a.unit.canonical for t in tasks for a in t.assignments}
    # three short lines rather than one that wraps: a plan title alone can fill a 100-column terminal
    click.echo(f"{plan.source} · {len(tasks)} tasks, {len(units)} units")
    click.echo(f"  {plan.title}")
    click.echo(
        f"  {plan.jurisdiction or '?'} ({plan.level}) · {plan.period or 'no period'}"
        f"{' · ' + plan.doc_number if plan.doc_number else ''}"
    )
    rows = [(t.path, t.title, t.lead, t.support, t.joint, t.vague) for t in tasks]
    emit_rows(TABLE_COLUMNS, rows, "table")
    click.echo()


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: a readable summary per document; json: one JSON object per document per line.",
)
def command(paths, fmt):
    """Parse plan documents (.txt in any common encoding, .docx, .html, .pdf; folders are searched)
    and print their tasks and who leads (牵头), supports (配合) or shares (负责) each one.
    Nothing is written to the graph store.

    JSON objects use the gold annotations' field names (doc, jurisdiction, level, period, tasks[].id,
    section, title, lead, support, joint, vague) plus title, doc_number, parents, sections and,
    per task, span, assignment_text, leaders, deadline and units with canonical names and types.

    A file that cannot be read is reported on stderr and skipped; the exit code is 1 if any failed.

    \b
    Examples:
      policygraph parse 实施方案.docx
      policygraph parse plans/ --format json > plans.jsonl
    """
    from policygraph.ingest import iter_documents, plan_to_json

    failed = []
    done = 0
    for path, result in iter_documents(paths):
        done += 1
        if isinstance(result, Exception):
            failed.append(result)  # listed once, at the end
            continue
        if fmt == "json":
            click.echo(json.dumps(plan_to_json(result), ensure_ascii=False))
        else:
            _print_table(result)
        if not is_quiet() and fmt == "json":
            info(f"parsed {path}: {len(result.tasks)} tasks")
    if done == 0:
        raise click.ClickException(
            "no documents found in " + ", ".join(map(str, paths)) + " (looked for .txt .docx .html .htm .pdf)"
        )
    if failed:
        info(f"{done - len(failed)} parsed, {len(failed)} failed:")
        for error in failed:
            click.echo(f"  {printable(error)}", err=True)
        raise PolicygraphError(
            f"{len(failed)} of {done} documents could not be parsed (listed above); "
            "fix or remove them and run again"
        )
