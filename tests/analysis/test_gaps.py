"""Responsibility gaps on the real engine: the seeds' bars, one plan per reason code, a clean plan."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from _analysis_data import CLEAN_ROWS, clean_plan, make_plan
from click.testing import CliRunner

from policygraph.graph.analysis.gaps import GAP_COLUMNS, gaps_in_store
from policygraph.graph.analysis.rules import analysis_rules
from policygraph.graph.cli.main import cli


@pytest.fixture(params=["gold_store", "seeded_store"])
def seeds_store(request):
    """The five seeds as the gold annotations say (always) and as the parser reads them (once it exists)."""
    return request.getfixturevalue(request.param)


def gold_tasks(gold_paths, seed):
    return json.loads(gold_paths[seed].read_text(encoding="utf-8"))["tasks"]


def codes_by_task(gaps, jurisdiction):
    found: dict[str, set[str]] = {}
    for gap in gaps:
        if gap.jurisdiction == jurisdiction and gap.task:
            found.setdefault(gap.task, set()).add(gap.code)
    return found


# --- bars on the seeds --------------------------------------------------------------------------


def test_a_plan_naming_no_unit_is_one_finding_listing_its_tasks(seeds_store, gold_paths):
    gaps = [g for g in gaps_in_store(seeds_store, "全国") if g.jurisdiction == "全国"]
    assert [g.code for g in gaps] == ["PLAN_UNASSIGNED"], "one plan-level finding, not 18 task findings"
    (finding,) = gaps
    assert finding.task == "" and finding.title == finding.plan_title != ""
    for task in gold_tasks(gold_paths, "003"):
        assert f"{task['id']} {task['title']}" in finding.detail_zh, task["id"]
    assert finding.detail == finding.detail_zh and finding.detail_en.startswith("none of the plan's 18 tasks")


def test_dongsheng_tasks_left_to_all_member_units_are_placeholder_support(seeds_store, gold_paths):
    found = codes_by_task(gaps_in_store(seeds_store, "东胜区"), "东胜区")
    expected = {t["id"] for t in gold_tasks(gold_paths, "002") if t["vague"] == ["各成员单位"]}
    assert (
        len(expected) == 16
    )  # the gold file marks 16 tasks (the 17th 各成员单位 is in 组织实施, not a task)
    assert {t for t, codes in found.items() if "PLACEHOLDER_SUPPORT" in codes} == expected


def test_every_inner_mongolia_task_leaves_cooperation_to_a_placeholder(seeds_store, gold_paths):
    found = codes_by_task(gaps_in_store(seeds_store, "内蒙古自治区"), "内蒙古自治区")
    assert {t for t, codes in found.items() if "PLACEHOLDER_SUPPORT" in codes} == {
        t["id"] for t in gold_tasks(gold_paths, "000")
    }


def test_findings_carry_provenance(gold_store):
    gaps = gaps_in_store(gold_store, "东胜区")
    task_gap = next(g for g in gaps if g.code == "PLACEHOLDER_SUPPORT")
    assert task_gap.source == "002_eed45af3ed619b74.txt"
    assert task_gap.span_start is not None and task_gap.span_end > task_gap.span_start
    assert task_gap.section and task_gap.task.startswith(task_gap.section)
    assert "区" in task_gap.detail and "各成员单位" in task_gap.detail
    assert task_gap.title and task_gap.units and task_gap.sentence


def test_every_task_level_finding_says_which_task_who_and_from_what_sentence(seeded_store):
    gaps = [g for g in gaps_in_store(seeded_store) if g.task]
    assert gaps
    for gap in gaps:
        assert gap.title, gap
        assert gap.sentence, gap
        assert gap.detail == gap.detail_zh and any("\u4e00" <= ch <= "\u9fff" for ch in gap.detail)
    placeholder = [g for g in gaps if g.code == "PLACEHOLDER_SUPPORT"]
    assert placeholder and all(g.units for g in placeholder), "the lead named on the task is listed"
    english = gaps_in_store(seeded_store, lang="en")
    assert all(g.detail == g.detail_en for g in english)


def test_summary_counts_findings_by_plan_and_reason(seeded_store):
    from policygraph.graph.analysis.gaps import gaps_summary

    gaps = gaps_in_store(seeded_store)
    summary = gaps_summary(gaps)
    assert sum(c.findings for c in summary) == len(gaps)
    assert len({(c.plan_id, c.code) for c in summary}) == len(summary)
    severities = [c.severity for c in summary]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    dongsheng = next(c for c in summary if c.jurisdiction == "东胜区" and c.code == "PLACEHOLDER_SUPPORT")
    assert dongsheng.findings == 16 and dongsheng.reason == "配合单位只写泛称"


# --- one defect at a time -----------------------------------------------------------------------


def only_codes(store) -> Counter:
    return Counter(g.code for g in gaps_in_store(store))


def test_a_clean_plan_raises_no_alarm(store_with):
    assert gaps_in_store(store_with([clean_plan()])) == []


def test_two_clean_plans_of_one_place_raise_no_alarm(store_with):
    other = make_plan(
        "clean-plan-2", "示范市", [(p.replace("一", "二", 1), *rest) for p, *rest in CLEAN_ROWS]
    )
    assert gaps_in_store(store_with([clean_plan(), other])) == []


def with_row(index, **change):
    """CLEAN_ROWS with row `index` changed: leads, supports, joints, vague."""
    fields = ("path", "section", "title", "leads", "supports", "joints", "vague")
    rows = [list(r) for r in CLEAN_ROWS]
    for key, value in change.items():
        rows[index][fields.index(key)] = value
    return [tuple(r) for r in rows]


@pytest.mark.parametrize(
    "change, code",
    [
        ({"leads": [], "supports": [], "joints": []}, "NO_LEAD"),
        ({"leads": [], "supports": ["市科协"]}, "NO_LEAD"),
        ({"leads": [], "supports": [], "joints": ["市科协", "市民政局"]}, "NO_LEAD_JOINT_ONLY"),
        ({"leads": [], "supports": [], "vague": ["各成员单位"]}, "PLACEHOLDERS_ONLY"),
        ({"supports": [], "vague": ["有关成员单位"]}, "PLACEHOLDER_SUPPORT"),
        ({"leads": ["市农业农村局", "市科协", "市民政局", "市公安局"]}, "TOO_MANY_LEADS"),
    ],
)
def test_each_task_defect_gets_its_code_and_nothing_else(store_with, change, code):
    plan = make_plan("defect", "示范市", with_row(4, **change))
    gaps = gaps_in_store(store_with([plan]))
    assert [(g.code, g.task) for g in gaps] == [(code, "一.(二).2")]
    assert gaps[0].severity == analysis_rules().gaps.severity[code]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in gaps[0].detail_zh), (
        "the report shows detail_zh: in Chinese"
    )


def test_three_co_leads_are_within_the_limit(store_with):
    plan = make_plan("three", "示范市", with_row(4, leads=["市农业农村局", "市科协", "市民政局"]))
    assert gaps_in_store(store_with([plan])) == []


def test_a_section_lead_that_never_reaches_its_tasks(store_with):
    rows = [
        r if not r[0].startswith("一.(三)") else (r[0], r[1], r[2], [], r[4], r[5], r[6]) for r in CLEAN_ROWS
    ]
    plan = make_plan("orphans", "示范市", rows, section_text={"一.(三)": "(牵头单位:市卫生健康委)"})
    counts = only_codes(store_with([plan]))
    assert counts == {"SECTION_LEAD_NOT_CARRIED": 1, "NO_LEAD": 3}
    [section_gap] = [g for g in gaps_in_store(store_with([plan])) if g.code == "SECTION_LEAD_NOT_CARRIED"]
    assert section_gap.section == "一.(三)" and "3 of 3" in section_gap.detail_en
    assert "3 项任务中有 3 项没有牵头单位" in section_gap.detail_zh


def test_joint_responsibility_stated_for_a_section_is_not_a_lead(store_with):
    rows = [
        r if not r[0].startswith("一.(三)") else (r[0], r[1], r[2], [], [], ["市卫生健康委", "市民政局"], [])
        for r in CLEAN_ROWS
    ]
    plan = make_plan(
        "joint", "示范市", rows, section_text={"一.(三)": "(市卫生健康委、市民政局按职责分工负责)"}
    )
    assert only_codes(store_with([plan])) == {"NO_LEAD_JOINT_ONLY": 3}


def test_a_department_leading_most_of_a_plan(store_with):
    rows = [
        (p, s, t, ["市科协"] if i < 6 else leads, [x for x in sup if x != "市科协"] or ["市民政局"], j, v)
        for i, (p, s, t, leads, sup, j, v) in enumerate(CLEAN_ROWS)
    ]
    gaps = gaps_in_store(store_with([make_plan("dominant", "示范市", rows)]))
    assert [(g.code, g.subject) for g in gaps] == [("DOMINANT_LEAD", "市科学技术协会")]
    assert "6 of 9" in gaps[0].detail_en and gaps[0].detail_zh.startswith("牵头 9 项任务中的 6 项")


def test_a_unit_one_plan_names_only_by_an_alias(store_with):
    written_short = make_plan("alias-a", "示范市", with_row(0, leads=["市教体局"], supports=["团市委"]))
    written_full = make_plan(
        "alias-b",
        "示范市",
        [
            (p.replace("一", "二", 1), *rest)
            for p, *rest in with_row(0, leads=["市教育体育局"], supports=["团市委"])
        ],
    )
    gaps = gaps_in_store(store_with([written_short, written_full]))
    assert [(g.code, g.plan_id, g.subject) for g in gaps] == [("ALIAS_ONLY", "alias-a", "市教育体育局")]
    assert "市教体局" in gaps[0].detail_en and "本方案写作市教体局" in gaps[0].detail_zh


# --- the command --------------------------------------------------------------------------------


def test_gaps_command_filters_and_prints_provenance(gold_store, gold_config):
    args = ["--data-dir", str(gold_config.data_dir), "--graph", gold_config.graph]
    result = CliRunner().invoke(cli, ["gaps", "--min-severity", "high", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and rows[0]["code"] == "PLAN_UNASSIGNED" and set(rows[0]) == set(GAP_COLUMNS)
    assert "1 finding(s) in 1 plan(s): PLAN_UNASSIGNED 1" in result.stderr
    every = json.loads(CliRunner().invoke(cli, ["gaps", "--format", "json", *args]).stdout)
    assert every and all(r["title"] for r in every if r["task"]), "every task-level row names its task"
    only = CliRunner().invoke(
        cli, ["gaps", "--code", "placeholder_support", "--plan", "东胜区", "--format", "csv", *args]
    )
    lines = only.stdout.removeprefix("\ufeff").splitlines()
    assert lines[0].split(",") == list(GAP_COLUMNS) and len(lines) == 1 + 16
    table = CliRunner().invoke(cli, ["gaps", "--plan", "东胜区", *args], terminal_width=100)
    lines = table.stdout.splitlines()
    assert lines[0] == "摘要（方案 × 原因）" and lines[1].split()[:2] == ["jurisdiction", "plan_title"]
    details = lines.index("明细")
    assert lines[details + 1].split()[:4] == ["severity", "code", "jurisdiction", "task"]
    english = CliRunner().invoke(cli, ["gaps", "--plan", "东胜区", "--lang", "en", "--summary", *args])
    assert (
        "Summary (plan × reason)" in english.stdout and "cooperation left to a placeholder" in english.stdout
    )
    assert "Findings" not in english.stdout


def test_a_users_rules_file_overrides_the_shipped_thresholds(tmp_path, store_with):
    plan = make_plan("three", "示范市", with_row(4, leads=["市农业农村局", "市科协", "市民政局"]))
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps({"gaps": {"co_lead_limit": 2}}), encoding="utf-8")
    rules = analysis_rules(rules_file)
    assert rules.gaps.co_lead_limit == 2 and rules.gaps.dominant_lead_share == 0.5  # the rest kept
    assert [g.code for g in gaps_in_store(store_with([plan]), rules=rules)] == ["TOO_MANY_LEADS"]


def test_a_broken_rules_file_is_a_one_line_error_naming_it(tmp_path, gold_config):
    rules_file = tmp_path / "rules.json"
    rules_file.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "policygraph",
            "gaps",
            "--rules",
            str(rules_file),
            "--data-dir",
            str(gold_config.data_dir),
            "--graph",
            gold_config.graph,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert str(rules_file) in result.stderr and "not valid JSON" in result.stderr


def test_a_plan_that_does_not_exist_is_an_error_not_a_clean_bill(gold_store, gold_config):
    for command in ("gaps", "metrics"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "policygraph",
                command,
                "--plan",
                "宜春",
                "--data-dir",
                str(gold_config.data_dir),
                "--graph",
                gold_config.graph,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, command
        assert "no plan matches '宜春'" in result.stderr and "did you mean 宜春市" in result.stderr
        assert result.stderr.count("\n") == 1
