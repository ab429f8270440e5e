"""Responsibility gaps: where a plan leaves it unclear who answers for a task — findings a
coordination office (督查室, 纲要办) can act on without opening the documents.

    gaps = gaps_in_store(store, plan="东胜区")          # the store finds the candidates, we word them
    summary = gaps_summary(gaps)                        # plan × reason counts, the table to read first

Each finding names the task (path and title), the units involved, the sentence the roles were read
from and where it stands in which file; its explanation is in Chinese (`detail_zh`) and English
(`detail_en`); `detail` is the one of the language asked for (Chinese unless lang="en").

Reason codes (severity from graph/analysis/analysis_rules.json; docs/analysis.md has the rules):
  PLAN_UNASSIGNED           the plan names no unit on any task: one finding for the plan, listing its tasks
  NO_LEAD                   no lead (牵头) department and nobody in joint charge
  NO_LEAD_JOINT_ONLY        no lead, only departments jointly responsible (按职责分工负责)
  PLACEHOLDERS_ONLY         no department named at all, only placeholders (各成员单位, 有关成员单位 …)
  PLACEHOLDER_SUPPORT       a lead is named, but everyone who should cooperate hides behind a placeholder
  SECTION_LEAD_NOT_CARRIED  a section names a lead once for all its tasks, yet some of them have none
  TOO_MANY_LEADS            more co-leads than the rules allow (diffused accountability)
  DOMINANT_LEAD             one department leads an unusual share of a plan's tasks
  ALIAS_ONLY                a department appears in one plan only under an alias — neither its canonical
                            name nor any name the other plans use for it (merged by the alias
                            table: check the merge)

The queries behind it are cypher/gap_tasks, section_orphans, dominant_leads and department_plan_names:
only candidate tasks, sections and departments leave the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from policygraph.graph.analysis.queries import run_builtin
from policygraph.graph.analysis.rules import AnalysisRules, analysis_rules
from policygraph.ingest.clean import fold
from policygraph.ingest.knowledge import knowledge

# marker kinds of ingest/data/markers.tsv that say "this unit leads"
LEAD_MARKER_KINDS = ("lead_label", "lead_verb", "co_verb", "first_lead")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
LANGUAGES = ("zh", "en")
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
    "title",
    "units",
    "sentence",
    "plan_title",
)
SUMMARY_COLUMNS = ("jurisdiction", "plan_id", "plan_title", "code", "reason", "severity", "findings")
# What each code means, for summaries a reader scans before the details.
REASONS = {
    "zh": {
        "PLAN_UNASSIGNED": "全文未写明任何责任单位",
        "NO_LEAD": "无牵头单位",
        "NO_LEAD_JOINT_ONLY": "无牵头单位，仅按职责分工负责",
        "PLACEHOLDERS_ONLY": "只写了“各成员单位”等泛称",
        "PLACEHOLDER_SUPPORT": "配合单位只写泛称",
        "SECTION_LEAD_NOT_CARRIED": "章节牵头单位未落到任务",
        "TOO_MANY_LEADS": "牵头单位过多",
        "DOMINANT_LEAD": "一个部门牵头过多任务",
        "ALIAS_ONLY": "部门仅以别称出现（请核对合并）",
    },
    "en": {
        "PLAN_UNASSIGNED": "no unit named anywhere in the plan",
        "NO_LEAD": "no lead",
        "NO_LEAD_JOINT_ONLY": "no lead, joint responsibility only",
        "PLACEHOLDERS_ONLY": "placeholders only",
        "PLACEHOLDER_SUPPORT": "cooperation left to a placeholder",
        "SECTION_LEAD_NOT_CARRIED": "section lead not carried to its tasks",
        "TOO_MANY_LEADS": "too many co-leads",
        "DOMINANT_LEAD": "one department leads most tasks",
        "ALIAS_ONLY": "unit written only under an alias (check the merge)",
    },
}


@dataclass(frozen=True)
class Gap:
    """One finding. task/section: paths ('' for plan-wide findings); title: the task's title (the
    section's for section findings, the plan's for plan findings); subject: the department
    concerned ('' when none); units: every department named on the task; sentence: the text the
    roles were read from (the task's opening when it has none); source, span_*: where in which file.
    detail is detail_zh or detail_en, as asked."""

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
    detail_en: str = ""
    title: str = ""
    units: tuple[str, ...] = ()
    sentence: str = ""
    plan_title: str = ""

    def row(self) -> tuple:
        return tuple(list(v) if isinstance(v, tuple) else v for v in (getattr(self, n) for n in GAP_COLUMNS))


@dataclass(frozen=True)
class GapCount:
    """How many findings of one reason one plan has (a row of gaps_summary)."""

    jurisdiction: str
    plan_id: str
    plan_title: str
    code: str
    reason: str
    severity: str
    findings: int

    def row(self) -> tuple:
        return tuple(getattr(self, name) for name in SUMMARY_COLUMNS)


def _distinct(names) -> list[str]:
    return list(dict.fromkeys(names))


def _joined(names) -> str:
    return "、".join(names)


def _gap(code: str, rules: AnalysisRules, lang: str, zh: str, en: str, **fields) -> Gap:
    return Gap(
        code=code,
        severity=rules.gaps.severity[code],
        detail=zh if lang == "zh" else en,
        detail_zh=zh,
        detail_en=en,
        **{"subject": "", "task": "", "section": "", **fields},
    )


def _opening(text: str, limit: int = 120) -> str:
    """The first sentence of a task's text (up to `limit` characters): what a reader recognises it by.

    >>> _opening("建设科普基地。每年评估一次。")
    '建设科普基地。'
    """
    text = (text or "").strip()
    end = text.find("。")
    sentence = text[: end + 1] if 0 <= end < limit else text[:limit]
    return sentence + ("…" if len(sentence) < len(text) and not sentence.endswith("。") else "")


def _task_fields(row: dict) -> dict:
    units = _distinct([*row["lead"], *row["joint"], *row["support"]])
    return {
        "plan_id": row["plan_id"],
        "jurisdiction": row["jurisdiction"],
        "plan_title": row["plan_title"] or "",
        "task": row["path"],
        "section": row["section_path"] or "",
        "title": row["title"] or "",
        "units": tuple(units),
        "sentence": row["assignment_text"] or _opening(row["text"]),
        "source": row["source"] or "",
        "span_start": row["span_start"],
        "span_end": row["span_end"],
    }


def task_findings(rows: Sequence[dict], rules: AnalysisRules, lang: str = "zh") -> list[Gap]:
    """Findings from gap_tasks rows (one dict per candidate task). A plan all of whose tasks name no
    unit at all is one PLAN_UNASSIGNED finding listing its tasks, not one finding per task. Pure."""
    limit = rules.gaps.co_lead_limit
    unnamed: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if not (row["lead"] or row["support"] or row["joint"]):
            unnamed[row["plan_id"]].append(row)
    silent = {
        plan_id
        for plan_id, tasks in unnamed.items()
        if len(tasks) == tasks[0]["plan_tasks"] and len(tasks) > 1
    }
    found = []
    for plan_id in sorted(silent):
        tasks = unnamed[plan_id]
        first = tasks[0]
        listed = "；".join(f"{t['path']} {t['title']}" for t in tasks)
        found.append(
            _gap(
                "PLAN_UNASSIGNED",
                rules,
                lang,
                f"全文 {len(tasks)} 项任务均未写明牵头或责任单位：{listed}",
                f"none of the plan's {len(tasks)} tasks names a lead or any unit: {listed}",
                plan_id=plan_id,
                jurisdiction=first["jurisdiction"],
                plan_title=first["plan_title"] or "",
                title=first["plan_title"] or "",
                sentence="",
                source=first["source"] or "",
            )
        )
    for row in rows:
        if row["plan_id"] in silent:
            continue
        lead, support, joint = _distinct(row["lead"]), _distinct(row["support"]), _distinct(row["joint"])
        vague = _joined(row["vague"])
        fields = _task_fields(row)
        if not lead:
            if joint:
                found.append(
                    _gap(
                        "NO_LEAD_JOINT_ONLY",
                        rules,
                        lang,
                        f"无牵头单位；按职责分工负责：{_joined(joint)}",
                        f"no lead; jointly responsible: {_joined(joint)}",
                        **fields,
                    )
                )
            elif support:
                found.append(
                    _gap(
                        "NO_LEAD",
                        rules,
                        lang,
                        f"无牵头单位，只有配合单位：{_joined(support)}",
                        f"no lead; only supporting units: {_joined(support)}",
                        **fields,
                    )
                )
            elif row["vague"]:
                found.append(
                    _gap(
                        "PLACEHOLDERS_ONLY",
                        rules,
                        lang,
                        f"未点名任何单位，只写了“{vague}”",
                        f"no unit named, only {vague}",
                        **fields,
                    )
                )
            else:
                found.append(
                    _gap("NO_LEAD", rules, lang, "未写明任何责任单位", "no unit named at all", **fields)
                )
            continue
        if row["vague"] and not support and not joint:
            found.append(
                _gap(
                    "PLACEHOLDER_SUPPORT",
                    rules,
                    lang,
                    f"{_joined(lead)}牵头；配合单位只写了“{vague}”",
                    f"led by {_joined(lead)}; cooperation left to {vague}",
                    **fields,
                )
            )
        if len(lead) > limit:
            found.append(
                _gap(
                    "TOO_MANY_LEADS",
                    rules,
                    lang,
                    f"{len(lead)} 个牵头单位（上限 {limit}）：{_joined(lead)}",
                    f"{len(lead)} co-leads (limit {limit}): {_joined(lead)}",
                    **fields,
                )
            )
    return found


def names_a_lead(text: str) -> bool:
    """Does an assignment text mark a lead (牵头, 牵头单位, 会同, 排在首位的为牵头单位 …)? The markers
    are the parser's own (ingest/data/markers.tsv), matched on text folded the way the parser folds it."""
    folded = fold(text)
    return any(marker in folded for kind in LEAD_MARKER_KINDS for marker in knowledge().phrases(kind))


def section_findings(rows: Sequence[dict], rules: AnalysisRules, lang: str = "zh") -> list[Gap]:
    """Findings from section_orphans rows: sections whose own statement names a lead while some of
    their tasks have none (the statement was not carried to them). Pure."""
    found = []
    for row in rows:
        if not names_a_lead(row["assignment_text"]):
            continue
        orphans = row["orphans"]
        listed = "、".join(o[0] for o in orphans[:5]) + ("…" if len(orphans) > 5 else "")
        _, _, source, span_start, span_end = orphans[0]
        found.append(
            _gap(
                "SECTION_LEAD_NOT_CARRIED",
                rules,
                lang,
                f"章节写明“{row['assignment_text']}”，但 {row['tasks']} 项任务中有 {len(orphans)} 项"
                f"没有牵头单位（{listed}）",
                f"section says {row['assignment_text']!r} but {len(orphans)} of {row['tasks']} tasks have "
                f"no lead ({listed})",
                plan_id=row["plan_id"],
                jurisdiction=row["jurisdiction"],
                plan_title=row["plan_title"] or "",
                section=row["path"],
                title=row["title"] or "",
                sentence=row["assignment_text"],
                source=source or "",
                span_start=span_start,
                span_end=span_end,
            )
        )
    return found


def plan_findings(
    dominant: Sequence[dict], written: Sequence[dict], rules: AnalysisRules, lang: str = "zh"
) -> list[Gap]:
    """Plan-wide findings: departments leading an unusual share of a plan (dominant_leads rows); a
    department that one plan names only by an alias, neither canonical nor used by the other plans
    naming it (department_plan_names rows). Pure."""
    rule = rules.gaps
    found = []
    for row in dominant:
        share = row["led"] / row["tasks"]
        found.append(
            _gap(
                "DOMINANT_LEAD",
                rules,
                lang,
                f"牵头 {row['tasks']} 项任务中的 {row['led']} 项（{share:.0%}；规则：超过 {rule.dominant_lead_share:.0%}）",
                f"leads {row['led']} of {row['tasks']} tasks ({share:.0%}; rule: more than "
                f"{rule.dominant_lead_share:.0%})",
                plan_id=row["plan_id"],
                jurisdiction=row["jurisdiction"],
                plan_title=row["plan_title"] or "",
                title=row["plan_title"] or "",
                subject=row["department"],
                units=(row["department"],),
                source=row["source"] or "",
            )
        )
    by_department: dict[str, list[dict]] = defaultdict(list)
    for row in written:
        by_department[row["department_id"]].append(row)
    for plans in by_department.values():
        if len(plans) < 2:
            continue
        for row in plans:
            here = set(row["written"])
            elsewhere = set().union(*(set(o["written"]) for o in plans if o is not row))
            label = row["department"]
            if here.isdisjoint(elsewhere) and label not in here:
                found.append(
                    _gap(
                        "ALIAS_ONLY",
                        rules,
                        lang,
                        f"本方案写作{_joined(sorted(here))}，另外 {len(plans) - 1} 个方案写作"
                        f"{_joined(sorted(elsewhere))}；按别名表合并为{label}，请核对",
                        f"written {_joined(sorted(here))} here, {_joined(sorted(elsewhere))} in "
                        f"{len(plans) - 1} other plan(s); merged as {label} by the alias table — check the merge",
                        plan_id=row["plan_id"],
                        jurisdiction=row["jurisdiction"],
                        plan_title=row["plan_title"] or "",
                        title=row["plan_title"] or "",
                        subject=label,
                        units=(label,),
                        source=row["source"] or "",
                    )
                )
    return found


def _order(found: list[Gap]) -> list[Gap]:
    """Most severe first, then by plan and position in the document."""
    return sorted(
        found,
        key=lambda g: (
            SEVERITY_ORDER.get(g.severity, 9),
            g.jurisdiction,
            g.plan_id,
            g.span_start if g.span_start is not None else -1,
            g.task,
            g.code,
            g.subject,
        ),
    )


def gaps_in_store(
    store, plan: str | None = None, rules: AnalysisRules | None = None, lang: str = "zh"
) -> list[Gap]:
    """Every gap of the selected plans (plan id, jurisdiction or title; None = all), most severe
    first. lang: "zh" (default) or "en" — the language of `detail`. Cost: four queries that return
    only candidates (tasks lacking a clear owner, sections with orphan tasks, dominant leads,
    departments written several ways), then linear formatting."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    rules = rules or analysis_rules()
    rule = rules.gaps
    tasks = run_builtin(store, "gap_tasks", plan=plan, co_lead_limit=rule.co_lead_limit).records()
    sections = run_builtin(store, "section_orphans", plan=plan).records()
    dominant = run_builtin(
        store, "dominant_leads", plan=plan, share=rule.dominant_lead_share, min_tasks=rule.dominant_min_tasks
    ).records()
    written = run_builtin(store, "department_plan_names", plan=plan).records()
    return _order(
        task_findings(list(tasks), rules, lang)
        + section_findings(list(sections), rules, lang)
        + plan_findings(list(dominant), list(written), rules, lang)
    )


def gaps_summary(gaps: Sequence[Gap], lang: str = "zh") -> list[GapCount]:
    """Plan × reason counts (SUMMARY_COLUMNS), most severe reason first, then by plan: the table to
    read before the details. Pure.

    >>> g = Gap("NO_LEAD", "high", "p1", "东胜区", "一.1", "一", "", "", plan_title="东胜区方案")
    >>> [c.row() for c in gaps_summary([g, g])]
    [('东胜区', 'p1', '东胜区方案', 'NO_LEAD', '无牵头单位', 'high', 2)]
    """
    counts = Counter((g.jurisdiction, g.plan_id, g.plan_title, g.code, g.severity) for g in gaps)
    rows = [
        GapCount(j, p, t, code, REASONS[lang].get(code, code), severity, n)
        for (j, p, t, code, severity), n in counts.items()
    ]
    return sorted(
        rows,
        key=lambda c: (SEVERITY_ORDER.get(c.severity, 9), c.jurisdiction, c.plan_id, -c.findings, c.code),
    )
