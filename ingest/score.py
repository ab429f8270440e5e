"""Scoring extraction against gold annotations (pure functions).

Tasks are matched in document order by title similarity (ids are for reading, not matching,
per gold/SCHEMA.md): an order-preserving alignment (longest common subsequence) that pairs a
predicted and a gold task when their normalized titles are similar enough. Triples are
(matched task, role, unit name) over lead/support/joint. Cost: O(predicted x gold) per document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from policygraph.ingest.clean import fold
from policygraph.ingest.records import ROLES

MATCH_THRESHOLD = 0.6


@dataclass(frozen=True)
class Counts:
    """True positives, predicted and gold counts, with precision/recall/F1."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)


@dataclass(frozen=True)
class DocumentScore:
    doc: str
    tasks: Counts
    triples: Counts
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    triple_errors: tuple[str, ...] = ()
    rejected: str = ""  # the parser's one-line error when it found no task (scored as predicting none)
    placeholders: Counts = Counts(0, 0, 0)
    placeholder_errors: tuple[str, ...] = ()


def normalize_title(title: str) -> str:
    """Folded title without punctuation or spaces, for comparison."""
    return re.sub(r"[\W_]+", "", fold(title))


def title_similarity(a: str, b: str) -> float:
    """1.0 for equal titles or when one is a prefix of the other (a heading glued to its body),
    else difflib's ratio of the normalized titles."""
    na, nb = normalize_title(a), normalize_title(b)
    if not na or not nb:
        return 0.0
    if na == nb or na.startswith(nb) or nb.startswith(na):
        return 1.0
    return SequenceMatcher(None, na, nb, autojunk=False).ratio()


def align(
    predicted: list[dict], gold: list[dict], threshold: float = MATCH_THRESHOLD
) -> list[tuple[int, int]]:
    """Order-preserving pairs (predicted index, gold index) maximizing total similarity."""
    n, m = len(predicted), len(gold)
    sim = [[title_similarity(p["title"], g["title"]) for g in gold] for p in predicted]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= threshold and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _triples(task: dict, key) -> set[tuple]:
    return {(key, role, unit) for role in ROLES for unit in task.get(role, [])}


def _placeholders(task: dict, key) -> set[tuple]:
    return {(key, fold(phrase)) for phrase in task.get("vague", [])}


def _differences(predicted: set, gold: set, p_tasks: list[dict], g_tasks: list[dict]) -> list[str]:
    """`missing|extra <task id> <rest of the tuple>` for every tuple on one side only."""

    def task_id(key) -> str:
        side, index = key
        return g_tasks[index]["id"] if side == "g" else p_tasks[index]["id"]

    return sorted(
        f"{'missing' if t in gold else 'extra'} {task_id(t[0])} {' '.join(t[1:])}" for t in predicted ^ gold
    )


def score_document(predicted: dict, gold: dict) -> DocumentScore:
    """Task and triple counts for one document (both in the gold schema's shape)."""
    p_tasks, g_tasks = predicted.get("tasks", []), gold.get("tasks", [])
    pairs = align(p_tasks, g_tasks)
    matched_p = {i: j for i, j in pairs}
    matched_g = {j for _, j in pairs}
    p_triples, g_triples, p_vague, g_vague = set(), set(), set(), set()
    for i, task in enumerate(p_tasks):
        key = ("g", matched_p[i]) if i in matched_p else ("p", i)
        p_triples |= _triples(task, key)
        p_vague |= _placeholders(task, key)
    for j, task in enumerate(g_tasks):
        g_triples |= _triples(task, ("g", j))
        g_vague |= _placeholders(task, ("g", j))
    return DocumentScore(
        doc=gold.get("doc", predicted.get("doc", "")),
        tasks=Counts(len(pairs), len(p_tasks), len(g_tasks)),
        triples=Counts(len(p_triples & g_triples), len(p_triples), len(g_triples)),
        missed=tuple(
            g_tasks[j]["id"] + " " + g_tasks[j]["title"] for j in range(len(g_tasks)) if j not in matched_g
        ),
        spurious=tuple(
            p_tasks[i]["id"] + " " + p_tasks[i]["title"] for i in range(len(p_tasks)) if i not in matched_p
        ),
        triple_errors=tuple(_differences(p_triples, g_triples, p_tasks, g_tasks)),
        placeholders=Counts(len(p_vague & g_vague), len(p_vague), len(g_vague)),
        placeholder_errors=tuple(_differences(p_vague, g_vague, p_tasks, g_tasks)),
    )


def total(scores: list[DocumentScore]) -> tuple[Counts, Counts]:
    """Micro-averaged (tasks, triples) counts over documents."""
    tasks, triples = Counts(0, 0, 0), Counts(0, 0, 0)
    for s in scores:
        tasks, triples = tasks + s.tasks, triples + s.triples
    return tasks, triples


def total_placeholders(scores: list[DocumentScore]) -> Counts:
    """Micro-averaged placeholder (task, phrase) counts over documents."""
    placeholders = Counts(0, 0, 0)
    for s in scores:
        placeholders = placeholders + s.placeholders
    return placeholders


def score_folder(docs_dir: Path, gold_dir: Path) -> tuple[list[DocumentScore], list[str]]:
    """Score every gold file of `gold_dir` against its document in `docs_dir`.

    A document the parser rejects (no task found, unreadable) counts as predicting no task, so the
    totals always cover every gold document; a gold file that cannot be read is returned as an
    error line instead. Returns (scores in gold-file order, error lines)."""
    from policygraph.errors import InputError
    from policygraph.ingest.parse import parse_file, parser_failure, plan_to_json

    scores, errors = [], []
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        try:
            gold = json.loads(gold_file.read_text("utf-8"))
            document = Path(docs_dir) / gold["doc"]
        except (KeyError, TypeError, ValueError, OSError) as exc:
            errors.append(f"{gold_file.name}: unreadable gold file ({exc})")
            continue
        if not document.exists():  # a wrong folder, not a document the parser rejected
            errors.append(f"{gold_file.name}: {document}: no such file")
            continue
        try:
            predicted, rejected = plan_to_json(parse_file(document)), ""
        except InputError as exc:
            predicted, rejected = {"doc": gold["doc"], "tasks": []}, str(exc)
        except Exception as exc:  # a parser bug on one document: scored as predicting nothing, named
            predicted, rejected = {"doc": gold["doc"], "tasks": []}, str(parser_failure(document, exc))
        score = score_document(predicted, gold)
        scores.append(replace(score, rejected=rejected))
    return scores, errors
