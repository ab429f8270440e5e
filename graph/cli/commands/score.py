"""`policygraph score`: extraction accuracy against hand-made gold annotations."""

from __future__ import annotations

import os
from pathlib import Path

import click

from policygraph.errors import PolicygraphError
from policygraph.graph.cli.options import format_option, info
from policygraph.graph.cli.output import emit_rows
from policygraph.graph.cli.safe_text import printable

COLUMNS = (
    "doc",
    "tasks_p",
    "tasks_r",
    "tasks_f1",
    "triples_p",
    "triples_r",
    "triples_f1",
    "vague_p",
    "vague_r",
    "vague_f1",
)


def _default_seeds() -> Path:
    shared = os.environ.get("POLICYGRAPH_SHARED")
    for candidate in ([Path(shared)] if shared else []) + [Path("shared"), Path("../shared")]:
        if (candidate / "seeds").is_dir():
            return candidate / "seeds"
    raise PolicygraphError(
        "no seeds folder found: give SEEDS_DIR (e.g. ../shared/seeds) or set POLICYGRAPH_SHARED"
    )


@click.command("score")
@click.argument("seeds_dir", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of gold JSON files [default: the 'gold' folder beside SEEDS_DIR].",
)
@click.option(
    "--details",
    is_flag=True,
    help="Also list missed and spurious tasks and wrong (task, role, unit) triples.",
)
@click.option(
    "--fail-under",
    type=float,
    default=None,
    metavar="F1",
    help="Exit 1 when the overall task or triple F1 is below this, e.g. 0.98.",
)
@format_option()
def command(seeds_dir, gold_dir, details, fail_under, fmt):
    """Score task extraction against gold annotations (format: gold/SCHEMA.md): per document and
    overall precision, recall and F1 of tasks (matched in order by title), of
    (task, role, unit) triples over lead/support/joint, and of (task, placeholder) pairs
    (vague: 各成员单位, 有关部门… as written).

    \b
    Examples:
      policygraph score ../shared/seeds
      policygraph score --gold my/gold my/plans --details --fail-under 0.98
    """
    from policygraph.ingest.score import score_folder, total, total_placeholders

    seeds_dir = seeds_dir or _default_seeds()
    gold_dir = gold_dir or seeds_dir.parent / "gold"
    if not any(gold_dir.glob("*.json")):
        raise PolicygraphError(f"{gold_dir}: no gold .json files (give --gold DIR)")
    # A document the parser rejects counts as predicting no task, so ALL covers every gold file.
    scores, failed = score_folder(seeds_dir, gold_dir)
    if not scores:  # every gold file unreadable: no ALL row that looks like a perfect score
        for line in failed:
            click.echo(f"error: {printable(line)}", err=True)
        raise PolicygraphError(f"{gold_dir}: no gold document could be scored (listed above)")
    for score in scores:
        if score.rejected:
            info(printable(f"{score.doc}: scored as no task found ({score.rejected})"))
        if details:
            for line in (
                [f"missed {t}" for t in score.missed]
                + [f"spurious {t}" for t in score.spurious]
                + list(score.triple_errors)
                + [f"{line} (placeholder)" for line in score.placeholder_errors]
            ):
                info(f"{score.doc}: {line}")
    rows = [
        (
            s.doc,
            s.tasks.precision,
            s.tasks.recall,
            s.tasks.f1,
            s.triples.precision,
            s.triples.recall,
            s.triples.f1,
            s.placeholders.precision,
            s.placeholders.recall,
            s.placeholders.f1,
        )
        for s in scores
    ]
    tasks, triples = total(scores)
    vague = total_placeholders(scores)
    rows.append(
        (
            "ALL",
            tasks.precision,
            tasks.recall,
            tasks.f1,
            triples.precision,
            triples.recall,
            triples.f1,
            vague.precision,
            vague.recall,
            vague.f1,
        )
    )
    shown = [
        tuple((f"{v:.3f}" if fmt == "table" else round(v, 4)) if isinstance(v, float) else v for v in row)
        for row in rows
    ]
    emit_rows(COLUMNS, shown, fmt)
    for line in failed:
        click.echo(f"error: {printable(line)}", err=True)
    if failed:
        raise PolicygraphError(f"{len(failed)} gold document(s) could not be scored (listed above)")
    if fail_under is not None and min(tasks.f1, triples.f1) < fail_under:
        raise PolicygraphError(
            f"F1 below {fail_under}: tasks {tasks.f1:.4f}, triples {triples.f1:.4f} "
            "(run with --details to see what was missed)"
        )
