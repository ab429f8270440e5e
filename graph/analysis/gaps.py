"""Responsibility gaps: where a plan leaves it unclear who answers for a task.

    gaps = find_gaps(tasks, sections, rows)           # pure: rows from network.fetch_*
    gaps = gaps_in_store(store, plan="东胜区")          # the same, read from the store

Reason codes (severity from graph/analysis/analysis_rules.json; docs/analysis.md has the rules):
  NO_LEAD                   no lead (牵头) department and nobody in joint charge
  NO_LEAD_JOINT_ONLY        no lead, only departments jointly responsible (按职责分工负责)
  PLACEHOLDERS_ONLY         no department named at all, only placeholders (各成员单位, 有关成员单位 …)
  PLACEHOLDER_SUPPORT       a lead is named, but everyone who should cooperate hides behind a placeholder
  SECTION_LEAD_NOT_CARRIED  a section names a lead once for all its tasks, yet some of them have none
  TOO_MANY_LEADS            more co-leads than the rules allow (diffused accountability)
  DOMINANT_LEAD             one department leads an unusual share of a plan's tasks
  ALIAS_ONLY                a department appears in one plan only under an alias — neither its canonical
                            name nor any name the other plans use for it (merged by the alias table:
                            check the merge)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from policygraph.graph.analysis.rows import (
    AssignmentRow,
    SectionRow,
    TaskRow,
    fetch_assignments,
    fetch_sections,
    fetch_tasks,
)
from policygraph.graph.analysis.rules import analysis_rules
from policygraph.ingest.clean import fold
from policygraph.ingest.knowledge import knowledge

# marker kinds of ingest/data/markers.tsv that say "this unit leads"
LEAD_MARKER_KINDS = ("lead_label", "lead_verb", "co_verb", "first_lead")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
GAP_COLUMNS = (
    "severity",
    "code",
    "jurisdiction",
    "plan_id",
    "task",
    "section",
    "subject",
    "detail",
    "source",
    "span_start",
    "span_end",
)


@dataclass(frozen=True)
class Gap:
    """One finding. task/section: paths ('' for plan-wide findings); subject: the department
    concerned ('' when none); source, span_*: where in which file the task was read; detail_zh:
    `detail` in Chinese, for the report (not a column of GAP_COLUMNS)."""

    code: str
    severity: str
    plan_id: str
    jurisdiction: str
    task: str
    section: str
    subject: str
    detail: str
    source: str = ""
    span_start: int | None = None
    span_end: int | None = None
    detail_zh: str = ""

    def row(self) -> tuple:
        return tuple(getattr(self, name) for name in GAP_COLUMNS)


def _task_gap(code: str, task: TaskRow, detail: str, detail_zh: str, rules: dict) -> Gap:
    return Gap(
        code,
        rules["gaps"]["severity"][code],
        task.plan_id,
        task.jurisdiction,
        task.path,
        task.section_path,
        "",
        detail,
        task.source,
        task.span_start,
        task.span_end,
        detail_zh,
    )


def _units(rows: Sequence[AssignmentRow]) -> dict[str, dict[str, list[str]]]:
    """task id -> role -> department names (first-seen order, no repeats)."""
    by_task: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        names = by_task[row.task_id][row.role]
        if row.department not in names:
            names.append(row.department)
    return by_task


def task_gaps(tasks: Sequence[TaskRow], rows: Sequence[AssignmentRow], rules: dict) -> list[Gap]:
    """Per-task findings: no lead, placeholders, too many co-leads."""
    units = _units(rows)
    limit = rules["gaps"]["co_lead_limit"]
    found = []
    for task in tasks:
        roles = units.get(task.task_id, {})
        lead, support, joint = roles.get("lead", []), roles.get("support", []), roles.get("joint", [])
        vague = "、".join(task.vague)
        if not lead:
            if joint:
                found.append(
                    _task_gap(
                        "NO_LEAD_JOINT_ONLY",
                        task,
                        f"no lead; jointly responsible: {'、'.join(joint)}",
                        f"无牵头单位；按职责分工负责：{'、'.join(joint)}",
                        rules,
                    )
                )
            elif support:
                found.append(
                    _task_gap(
                        "NO_LEAD",
                        task,
                        f"no lead; only supporting units: {'、'.join(support)}",
                        f"无牵头单位，只有配合单位：{'、'.join(support)}",
                        rules,
                    )
                )
            elif task.vague:
                found.append(
                    _task_gap(
                        "PLACEHOLDERS_ONLY",
                        task,
                        f"no unit named, only {vague}",
                        f"未点名任何单位，只写了“{vague}”",
                        rules,
                    )
                )
            else:
                found.append(_task_gap("NO_LEAD", task, "no unit named at all", "未写明任何责任单位", rules))
            continue
        if task.vague and not support and not joint:
            found.append(
                _task_gap(
                    "PLACEHOLDER_SUPPORT",
                    task,
                    f"led by {'、'.join(lead)}; cooperation left to {vague}",
                    f"{'、'.join(lead)}牵头；配合单位只写了“{vague}”",
                    rules,
                )
            )
        if len(lead) > limit:
            found.append(
                _task_gap(
                    "TOO_MANY_LEADS",
                    task,
                    f"{len(lead)} co-leads (limit {limit}): {'、'.join(lead)}",
                    f"{len(lead)} 个牵头单位（上限 {limit}）：{'、'.join(lead)}",
                    rules,
                )
            )
    return found


def _names_a_lead(text: str) -> bool:
    """Does an assignment text mark a lead (牵头, 牵头单位, 会同, 排在首位的为牵头单位 …)? The markers
    are the parser's own (ingest/data/markers.tsv), matched on text folded the way the parser folds it."""
    folded = fold(text)
    return any(marker in folded for kind in LEAD_MARKER_KINDS for marker in knowledge().phrases(kind))


def section_gaps(sections: Sequence[SectionRow], tasks: Sequence[TaskRow], rules: dict) -> list[Gap]:
    """Sections whose assignment text names a lead while some of their tasks have none: the
    section-level statement was not carried to them."""
    tasks_by_section: dict[tuple[str, str], list[TaskRow]] = defaultdict(list)
    for task in tasks:
        tasks_by_section[(task.plan_id, task.section_path)].append(task)
    found = []
    for section in sections:
        if not _names_a_lead(section.assignment_text):
            continue
        members = tasks_by_section.get((section.plan_id, section.path), [])
        orphans = [t for t in members if not t.has_lead]
        if orphans:
            first = orphans[0]
            listed = f"{', '.join(t.path for t in orphans[:5])}{', …' if len(orphans) > 5 else ''}"
            found.append(
                Gap(
                    "SECTION_LEAD_NOT_CARRIED",
                    rules["gaps"]["severity"]["SECTION_LEAD_NOT_CARRIED"],
                    section.plan_id,
                    section.jurisdiction,
                    "",
                    section.path,
                    "",
                    f"section says {section.assignment_text!r} but {len(orphans)} of {len(members)} "
                    f"tasks have no lead ({listed})",
                    first.source,
                    first.span_start,
                    first.span_end,
                    f"章节写明“{section.assignment_text}”，但 {len(members)} 项任务中有 {len(orphans)} 项"
                    f"没有牵头单位（{listed}）",
                )
            )
    return found


def plan_gaps(tasks: Sequence[TaskRow], rows: Sequence[AssignmentRow], rules: dict) -> list[Gap]:
    """Plan-wide findings: a department leading an unusual share of a plan; a department that one
    plan names only by an alias, neither canonical nor used by the other plans naming it."""
    rule = rules["gaps"]
    tasks_per_plan: dict[str, int] = defaultdict(int)
    jurisdiction_of: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for task in tasks:
        tasks_per_plan[task.plan_id] += 1
        jurisdiction_of[task.plan_id] = task.jurisdiction
        source_of.setdefault(task.plan_id, task.source)
    led: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    label: dict[str, str] = {}
    for row in rows:
        label[row.department_id] = row.department
        if row.role == "lead":
            led[(row.plan_id, row.department_id)].add(row.task_id)
        names[row.department_id][row.plan_id].add(row.as_written or row.department)
    found = []
    for (plan_id, department_id), task_ids in sorted(led.items()):
        total = tasks_per_plan.get(plan_id, 0)
        if total >= rule["dominant_min_tasks"] and len(task_ids) / total > rule["dominant_lead_share"]:
            found.append(
                Gap(
                    "DOMINANT_LEAD",
                    rule["severity"]["DOMINANT_LEAD"],
                    plan_id,
                    jurisdiction_of.get(plan_id, ""),
                    "",
                    "",
                    label[department_id],
                    f"leads {len(task_ids)} of {total} tasks ({len(task_ids) / total:.0%}; "
                    f"rule: more than {rule['dominant_lead_share']:.0%})",
                    source_of.get(plan_id, ""),
                    detail_zh=f"牵头 {total} 项任务中的 {len(task_ids)} 项（{len(task_ids) / total:.0%}；"
                    f"规则：超过 {rule['dominant_lead_share']:.0%}）",
                )
            )
    for department_id, per_plan in sorted(names.items()):
        if len(per_plan) < 2:
            continue
        for plan_id, written in sorted(per_plan.items()):
            elsewhere = set().union(*(n for p, n in per_plan.items() if p != plan_id))
            if written.isdisjoint(elsewhere) and label[department_id] not in written:
                found.append(
                    Gap(
                        "ALIAS_ONLY",
                        rule["severity"]["ALIAS_ONLY"],
                        plan_id,
                        jurisdiction_of.get(plan_id, ""),
                        "",
                        "",
                        label[department_id],
                        f"written {'、'.join(sorted(written))} here, {'、'.join(sorted(elsewhere))} in "
                        f"{len(per_plan) - 1} other plan(s); merged as {label[department_id]} by the alias "
                        "table — check the merge",
                        source_of.get(plan_id, ""),
                        detail_zh=f"本方案写作{'、'.join(sorted(written))}，另外 {len(per_plan) - 1} 个方案写作"
                        f"{'、'.join(sorted(elsewhere))}；按别名表合并为{label[department_id]}，"
                        "请核对",
                    )
                )
    return found


def find_gaps(
    tasks: Sequence[TaskRow],
    sections: Sequence[SectionRow],
    rows: Sequence[AssignmentRow],
    rules: dict | None = None,
) -> list[Gap]:
    """Every gap, most severe first, then by plan and position in the document. Pure; cost O(rows + tasks)."""
    rules = rules or analysis_rules()
    found = (
        task_gaps(tasks, rows, rules) + section_gaps(sections, tasks, rules) + plan_gaps(tasks, rows, rules)
    )
    return sorted(
        found,
        key=lambda g: (
            SEVERITY_ORDER.get(g.severity, 9),
            g.jurisdiction,
            g.plan_id,
            g.span_start if g.span_start is not None else -1,
            g.task,
            g.code,
        ),
    )


def gaps_in_store(store, plan: str | None = None, rules: dict | None = None) -> list[Gap]:
    """find_gaps over the selected plans (plan id, jurisdiction or title; None = all). Cost: three queries."""
    return find_gaps(
        fetch_tasks(store, plan), fetch_sections(store, plan), fetch_assignments(store, plan), rules
    )
