"""Compare two plans: which sections and tasks match by wording, which one covers and the other lacks,
and how the lead department's type differs on matched tasks.

    rows = compare_plans(tasks_a, tasks_b, sections_a, sections_b, assignments_a, assignments_b)   # pure
    rows = compare_in_store(store, "宜春市", "东胜区")

Similarity: cosine of TF-IDF weighted character bigrams (Chinese has no spaces; bigrams catch most
two-character words, and IDF damps the words every plan of a kind repeats, like 科普 or 素质).
Matching: one-to-one, greedily from the most similar pair down, pairs below the threshold left
unmatched; tasks whose sections matched get a small bonus (analysis_rules.json, block "compare").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policygraph.errors import PolicygraphError
from policygraph.graph.analysis.rows import (
    AssignmentRow,
    SectionRow,
    TaskRow,
    fetch_assignments,
    fetch_sections,
    fetch_tasks,
)
from policygraph.graph.analysis.rules import analysis_rules

COMPARE_COLUMNS = (
    "level",
    "status",
    "similarity",
    "a_path",
    "a_title",
    "b_path",
    "b_title",
    "a_lead_types",
    "b_lead_types",
    "lead_type_differs",
)

# Characters that carry no meaning in a bigram: punctuation, digits, spaces, numbering.
_NOISE = re.compile(r"[\W\d_a-zA-Z]+")


@dataclass(frozen=True)
class Comparison:
    """One row of a comparison. status: matched | only_a | only_b. level: section | task.
    lead types: sorted functional types of the lead departments (tasks only)."""

    level: str
    status: str
    similarity: float | None
    a_path: str
    a_title: str
    b_path: str
    b_title: str
    a_lead_types: tuple[str, ...] = ()
    b_lead_types: tuple[str, ...] = ()

    @property
    def lead_type_differs(self) -> bool | None:
        if self.status != "matched" or self.level != "task":
            return None
        return self.a_lead_types != self.b_lead_types

    def row(self) -> tuple:
        return (
            self.level,
            self.status,
            self.similarity,
            self.a_path,
            self.a_title,
            self.b_path,
            self.b_title,
            list(self.a_lead_types),
            list(self.b_lead_types),
            self.lead_type_differs,
        )


def bigrams(text: str) -> Counter:
    """Character bigrams of `text` with punctuation, digits and Latin letters removed."""
    counts: Counter = Counter()
    for run in _NOISE.split(text):
        if len(run) == 1:
            counts[run] += 1
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    return counts


def _tfidf(documents: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of the documents' bigrams (IDF over these documents)."""
    counts = [bigrams(d) for d in documents]
    df = Counter(g for c in counts for g in c)
    n = len(documents)
    vectors = []
    for c in counts:
        v = {g: tf * (math.log((n + 1) / (df[g] + 1)) + 1.0) for g, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({g: x / norm for g, x in v.items()})
    return vectors


def match(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    threshold: float,
    bonus: Callable[[int, int], float] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one matches (index in a, index in b, similarity) with similarity + bonus(i, j) ≥
    threshold, chosen greedily from the highest such score down; the similarity reported is the
    text's own. Pure; cost O(|a|·|b|·bigrams per text)."""
    vectors = _tfidf([*texts_a, *texts_b])
    va, vb = vectors[: len(texts_a)], vectors[len(texts_a) :]
    pairs = []
    for i, x in enumerate(va):
        for j, y in enumerate(vb):
            small, large = (x, y) if len(x) < len(y) else (y, x)
            score = sum(w * large.get(g, 0.0) for g, w in small.items())
            boosted = score + (bonus(i, j) if bonus else 0.0)
            if boosted >= threshold:
                pairs.append((boosted, score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[2], p[3]))
    used_a, used_b, out = set(), set(), []
    for _, score, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, round(score, 3)))
    return sorted(out)


def _lead_types(rows: Sequence[AssignmentRow]) -> dict[str, tuple[str, ...]]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.role == "lead":
            types[row.task_id].add(row.type or "unknown")
    return {task_id: tuple(sorted(t)) for task_id, t in types.items()}


def _task_text(task: TaskRow, chars: int) -> str:
    return f"{task.title} {task.text[:chars]}"


def compare_plans(
    tasks_a: Sequence[TaskRow],
    tasks_b: Sequence[TaskRow],
    sections_a: Sequence[SectionRow] = (),
    sections_b: Sequence[SectionRow] = (),
    assignments_a: Sequence[AssignmentRow] = (),
    assignments_b: Sequence[AssignmentRow] = (),
    rules: dict | None = None,
) -> list[Comparison]:
    """Sections (by title) then tasks (by title and opening text): matched pairs in A's order, then
    what only A has, then what only B has. Pure."""
    rule = (rules or analysis_rules())["compare"]
    # Only sections that hold tasks: chapters like 指导思想 have nothing to compare.
    holding_a = {t.section_path for t in tasks_a}
    holding_b = {t.section_path for t in tasks_b}
    sec_a = [s for s in sections_a if s.path in holding_a]
    sec_b = [s for s in sections_b if s.path in holding_b]
    out: list[Comparison] = []
    section_matches = match(
        [s.title for s in sec_a], [s.title for s in sec_b], rule["section_min_similarity"]
    )
    out += _rows(
        "section",
        section_matches,
        [(s.path, s.title) for s in sec_a],
        [(s.path, s.title) for s in sec_b],
        [()] * len(sec_a),
        [()] * len(sec_b),
    )
    types_a, types_b = _lead_types(assignments_a), _lead_types(assignments_b)
    # A task is more likely the counterpart of one in the matching section than of a look-alike elsewhere.
    paired_sections = {(sec_a[i].path, sec_b[j].path) for i, j, _ in section_matches}

    def same_section(i: int, j: int) -> float:
        pair = (tasks_a[i].section_path, tasks_b[j].section_path)
        return rule["same_section_bonus"] if pair in paired_sections else 0.0

    task_matches = match(
        [_task_text(t, rule["text_chars"]) for t in tasks_a],
        [_task_text(t, rule["text_chars"]) for t in tasks_b],
        rule["min_similarity"],
        same_section,
    )
    out += _rows(
        "task",
        task_matches,
        [(t.path, t.title) for t in tasks_a],
        [(t.path, t.title) for t in tasks_b],
        [types_a.get(t.task_id, ()) for t in tasks_a],
        [types_b.get(t.task_id, ()) for t in tasks_b],
    )
    return out


def _rows(level, matches, items_a, items_b, types_a, types_b) -> list[Comparison]:
    matched_a = {i for i, _, _ in matches}
    matched_b = {j for _, j, _ in matches}
    rows = [
        Comparison(level, "matched", score, *items_a[i], *items_b[j], types_a[i], types_b[j])
        for i, j, score in matches
    ]
    rows += [
        Comparison(level, "only_a", None, *items_a[i], "", "", types_a[i], ())
        for i in range(len(items_a))
        if i not in matched_a
    ]
    rows += [
        Comparison(level, "only_b", None, "", "", *items_b[j], (), types_b[j])
        for j in range(len(items_b))
        if j not in matched_b
    ]
    return rows


def compare_in_store(store, plan_a: str, plan_b: str, rules: dict | None = None) -> list[Comparison]:
    """compare_plans for two plan selectors (plan id, jurisdiction or title). Raises PolicygraphError
    when a selector matches no plan. Cost: six queries, then as compare_plans."""
    sides = []
    for selector in (plan_a, plan_b):
        tasks = fetch_tasks(store, selector)
        if not tasks:
            raise PolicygraphError(
                f"no plan with tasks matches {selector!r}; "
                "see `policygraph query plan_overview` for ids and jurisdictions"
            )
        sides.append((tasks, fetch_sections(store, selector), fetch_assignments(store, selector)))
    (ta, sa, aa), (tb, sb, ab) = sides
    return compare_plans(ta, tb, sa, sb, aa, ab, rules)
