"""Compare two plans as a reviewer would: which sections and tasks match (by wording, and for a
renamed action by its place in the structure), which tasks of the parent plan have no counterpart in
the child, and on matched tasks who leads on each side — by name and functional type — with a lead
change flagged only where the lead types differ (自治区科协 and 区科协 are the same type: no change).

    rows = compare_plans(tasks_a, tasks_b, sections_a, sections_b, assignments_a, assignments_b)   # pure
    rows = compare_in_store(store, "宜春市", "东胜区")

Similarity: cosine of TF-IDF weighted character bigrams (Chinese has no spaces; bigrams catch most
two-character words, and IDF damps the words every plan of a kind repeats, like 科普 or 素质).
Matching: one-to-one, greedily from the most similar pair down, pairs below the threshold left
unmatched; tasks whose sections matched get a small bonus; sections left over are matched as
`renamed` when they share some wording (rename_min_similarity), are of the same kind (行动/工程) and
stand at a similar relative place in their plans (analysis_rules.json, block "compare").
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
from policygraph.graph.analysis.rules import AnalysisRules, CompareRules, analysis_rules
from policygraph.ingest.records import Role

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
    "a_leads",
    "b_leads",
    "lead_change",
)

# Characters that carry no meaning in a bigram: punctuation, digits, spaces, numbering.
_NOISE = re.compile(r"[\W\d_a-zA-Z]+")


@dataclass(frozen=True)
class Comparison:
    """One row of a comparison. status: matched | renamed (sections matched by place and some
    wording) | only_a | only_b. level: section | task. lead types: sorted functional types of the
    lead departments; leads: their names (tasks only)."""

    level: str
    status: str
    similarity: float | None
    a_path: str
    a_title: str
    b_path: str
    b_title: str
    a_lead_types: tuple[str, ...] = ()
    b_lead_types: tuple[str, ...] = ()
    a_leads: tuple[str, ...] = ()
    b_leads: tuple[str, ...] = ()

    @property
    def lead_type_differs(self) -> bool | None:
        """For matched tasks led on both sides: True when no lead type is shared (who leads changed
        in kind, not only in name); None where it does not apply."""
        if self.status != "matched" or self.level != "task" or not self.a_lead_types or not self.b_lead_types:
            return None
        return set(self.a_lead_types).isdisjoint(self.b_lead_types)

    @property
    def lead_change(self) -> str:
        """'' | 'type' (lead types differ) | 'lead_only_a' | 'lead_only_b' (one side names no lead)."""
        if self.status != "matched" or self.level != "task":
            return ""
        if self.lead_type_differs:
            return "type"
        if self.a_lead_types and not self.b_lead_types:
            return "lead_only_a"
        if self.b_lead_types and not self.a_lead_types:
            return "lead_only_b"
        return ""

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
            list(self.a_leads),
            list(self.b_leads),
            self.lead_change,
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


def _leads(rows: Sequence[AssignmentRow]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """task id -> (sorted lead types, lead names in first-seen order)."""
    types: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.role == Role.LEAD:
            types[row.task_id].add(row.type or "unknown")
            if row.department not in names[row.task_id]:
                names[row.task_id].append(row.department)
    return {task_id: (tuple(sorted(types[task_id])), tuple(names[task_id])) for task_id in types}


def _kind(title: str) -> str:
    """行动 / 工程 / other, from how a section title ends (the parser's own kinds)."""
    for kind in ("行动", "工程", "计划"):
        if title.rstrip().endswith(kind):
            return kind
    return "other"


def renamed(
    titles_a: Sequence[str],
    titles_b: Sequence[str],
    taken: Sequence[tuple[int, int, float]],
    rule: CompareRules,
) -> list[tuple[int, int, float]]:
    """Section pairs left unmatched by wording that still look like one action renamed: similarity ≥
    rename_min_similarity, the same kind (行动/工程), and relative positions (index / count) within
    position_tolerance. One-to-one, most similar first. Pure.

    >>> from policygraph.graph.analysis.rules import analysis_rules
    >>> a = ["实施青少年科学素质行动", "实施农牧民科学素质行动", "实施科普信息化工程"]
    >>> b = ["青少年科学素质提升行动", "农民科学素质提升行动", "实施科普信息化提升工程"]
    >>> [(i, j) for i, j, _ in renamed(a, b, [(0, 0, 0.7), (2, 2, 0.7)], analysis_rules().compare)]
    [(1, 1)]
    """
    used_a = {i for i, _, _ in taken}
    used_b = {j for _, j, _ in taken}
    left_a = [i for i in range(len(titles_a)) if i not in used_a]
    left_b = [j for j in range(len(titles_b)) if j not in used_b]
    if not left_a or not left_b:
        return []
    place_a = {i: i / max(len(titles_a) - 1, 1) for i in left_a}
    place_b = {j: j / max(len(titles_b) - 1, 1) for j in left_b}
    scores = match(
        [titles_a[i] for i in left_a],
        [titles_b[j] for j in left_b],
        rule.rename_min_similarity,
        lambda x, y: (
            0.0
            if _kind(titles_a[left_a[x]]) == _kind(titles_b[left_b[y]])
            and abs(place_a[left_a[x]] - place_b[left_b[y]]) <= rule.position_tolerance
            else -1.0
        ),
    )
    return [(left_a[x], left_b[y], score) for x, y, score in scores]


def _task_text(task: TaskRow, chars: int) -> str:
    return f"{task.title} {task.text[:chars]}"


def compare_plans(
    tasks_a: Sequence[TaskRow],
    tasks_b: Sequence[TaskRow],
    sections_a: Sequence[SectionRow] = (),
    sections_b: Sequence[SectionRow] = (),
    assignments_a: Sequence[AssignmentRow] = (),
    assignments_b: Sequence[AssignmentRow] = (),
    rules: AnalysisRules | None = None,
) -> list[Comparison]:
    """Sections (by title) then tasks (by title and opening text): matched pairs in A's order, then
    what only A has, then what only B has. Pure."""
    rule = (rules or analysis_rules()).compare
    # Only sections that hold tasks: chapters like 指导思想 have nothing to compare.
    holding_a = {t.section_path for t in tasks_a}
    holding_b = {t.section_path for t in tasks_b}
    sec_a = [s for s in sections_a if s.path in holding_a]
    sec_b = [s for s in sections_b if s.path in holding_b]
    out: list[Comparison] = []
    titles_a, titles_b = [s.title for s in sec_a], [s.title for s in sec_b]
    section_matches = match(titles_a, titles_b, rule.section_min_similarity)
    section_renames = renamed(titles_a, titles_b, section_matches, rule)
    out += _rows(
        "section",
        section_matches,
        [(s.path, s.title) for s in sec_a],
        [(s.path, s.title) for s in sec_b],
        [((), ())] * len(sec_a),
        [((), ())] * len(sec_b),
        section_renames,
    )
    leads_a, leads_b = _leads(assignments_a), _leads(assignments_b)
    # A task is more likely the counterpart of one in the matching section than of a look-alike elsewhere.
    paired_sections = {(sec_a[i].path, sec_b[j].path) for i, j, _ in [*section_matches, *section_renames]}

    def same_section(i: int, j: int) -> float:
        pair = (tasks_a[i].section_path, tasks_b[j].section_path)
        return rule.same_section_bonus if pair in paired_sections else 0.0

    task_matches = match(
        [_task_text(t, rule.text_chars) for t in tasks_a],
        [_task_text(t, rule.text_chars) for t in tasks_b],
        rule.min_similarity,
        same_section,
    )
    out += _rows(
        "task",
        task_matches,
        [(t.path, t.title) for t in tasks_a],
        [(t.path, t.title) for t in tasks_b],
        [leads_a.get(t.task_id, ((), ())) for t in tasks_a],
        [leads_b.get(t.task_id, ((), ())) for t in tasks_b],
    )
    return out


def _rows(level, matches, items_a, items_b, leads_a, leads_b, renames=()) -> list[Comparison]:
    matched_a = {i for i, _, _ in [*matches, *renames]}
    matched_b = {j for _, j, _ in [*matches, *renames]}
    rows = [
        Comparison(
            level,
            status,
            score,
            *items_a[i],
            *items_b[j],
            leads_a[i][0],
            leads_b[j][0],
            leads_a[i][1],
            leads_b[j][1],
        )
        for status, pairs in (("matched", matches), ("renamed", renames))
        for i, j, score in sorted(pairs)
    ]
    rows += [
        Comparison(level, "only_a", None, *items_a[i], "", "", leads_a[i][0], (), leads_a[i][1], ())
        for i in range(len(items_a))
        if i not in matched_a
    ]
    rows += [
        Comparison(level, "only_b", None, "", "", *items_b[j], (), leads_b[j][0], (), leads_b[j][1])
        for j in range(len(items_b))
        if j not in matched_b
    ]
    return rows


def compare_in_store(store, plan_a: str, plan_b: str, rules: AnalysisRules | None = None) -> list[Comparison]:
    """compare_plans for two plan selectors (plan id, jurisdiction or title). Raises PolicygraphError
    when a selector matches no plan. Cost: six queries, then as compare_plans."""
    sides = []
    for selector in (plan_a, plan_b):
        tasks = fetch_tasks(store, selector)
        if not tasks:
            raise PolicygraphError(f"no plan with tasks matches {selector!r}")
        sides.append((tasks, fetch_sections(store, selector), fetch_assignments(store, selector)))
    (ta, sa, aa), (tb, sb, ab) = sides
    return compare_plans(ta, tb, sa, sb, aa, ab, rules)
