"""Comparing two plans: text matching (pure), then plans in the real engine and the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from _analysis_data import CLEAN_ROWS, clean_plan, make_plan
from _sample_graphs import JURISDICTION
from click.testing import CliRunner

from policygraph.graph.analysis.compare import (
    COMPARE_COLUMNS,
    bigrams,
    compare_in_store,
    compare_plans,
    match,
)
from policygraph.graph.analysis.rows import AssignmentRow, SectionRow, TaskRow
from policygraph.graph.cli.main import cli
from policygraph.graph.store.load import load_plans


def test_bigrams_skip_punctuation_numbers_and_latin():
    assert bigrams("1.推进科普，2025年APP") == {"推进": 1, "进科": 1, "科普": 1, "年": 1}


def test_match_is_one_to_one_and_respects_the_threshold():
    a = ["开展校园科技节活动", "建设青少年科普实践基地", "完全无关的内容"]
    b = ["建设青少年科普实践基地和场馆", "开展校园科技节系列活动", "举办校园科技节"]
    assert [(i, j) for i, j, _ in match(a, b, 0.35)] == [(0, 1), (1, 0)]
    assert match(a, b, 0.99) == []
    assert all(0 < s <= 1 for _, _, s in match(a, b, 0.35))


def task(plan, path, title, section_path="一"):
    return TaskRow(
        f"{plan}:{path}",
        plan,
        "甲市" if plan == "a" else "乙区",
        path,
        "行动",
        section_path,
        title,
        f"{title}。",
    )


def test_child_plan_against_parent_lists_coverage_and_lead_type_changes():
    parent = [
        task("a", "一.1", "开展校园科技节活动"),
        task("a", "一.2", "建设青少年科普实践基地"),
        task("a", "一.3", "培育乡村科普带头人"),
    ]
    child = [
        task("b", "一.1", "开展校园科技节系列活动"),
        task("b", "一.2", "建设青少年科普实践基地"),
        task("b", "一.3", "推广老年人智能手机课堂"),
    ]
    leads = [
        AssignmentRow("甲市|市教育局", "市教育局", "甲市", "education", "a:一.1", "a", "lead"),
        AssignmentRow("乙区|区科协", "区科协", "乙区", "science_association", "b:一.1", "b", "lead"),
        AssignmentRow("甲市|市科协", "市科协", "甲市", "science_association", "a:一.2", "a", "lead"),
        AssignmentRow("乙区|区科协", "区科协", "乙区", "science_association", "b:一.2", "b", "lead"),
    ]
    sections_a = [SectionRow("a:一", "a", "甲市", "一", "青少年科学素质提升行动", "other", "", (), 3, 3)]
    sections_b = [SectionRow("b:一", "b", "乙区", "一", "实施青少年科学素质提升行动", "other", "", (), 3, 3)]
    rows = compare_plans(parent, child, sections_a, sections_b, leads[0::2], leads[1::2])
    summary = [(r.level, r.status, r.a_path, r.b_path, r.lead_type_differs) for r in rows]
    assert summary == [
        ("section", "matched", "一", "一", None),
        ("task", "matched", "一.1", "一.1", True),
        ("task", "matched", "一.2", "一.2", False),
        ("task", "only_a", "一.3", "", None),
        ("task", "only_b", "", "一.3", None),
    ]
    assert rows[1].a_lead_types == ("education",) and rows[1].b_lead_types == ("science_association",)
    assert rows[2].similarity == 1.0


def test_a_task_prefers_its_counterpart_in_the_matching_section():
    # The same wording sits in two sections of B; A's task belongs with the one in the matched section.
    a = [task("a", "一.1", "加强科普队伍建设", "一")]
    b = [task("b", "一.1", "加强科普队伍建设", "一"), task("b", "二.1", "加强科普队伍建设", "二")]
    sections_a = [SectionRow("a:一", "a", "甲市", "一", "基层科普能力提升工程", "other", "", (), 1, 0)]
    sections_b = [
        SectionRow("b:一", "b", "乙区", "一", "科普信息化工程", "other", "", (), 1, 0),
        SectionRow("b:二", "b", "乙区", "二", "基层科普能力提升工程", "other", "", (), 1, 0),
    ]
    rows = compare_plans(a, b, sections_a, sections_b)
    [matched] = [r for r in rows if r.level == "task" and r.status == "matched"]
    assert matched.b_path == "二.1"


@pytest.fixture(params=["gold_store", "seeded_store"])
def seeds_store(request):
    """The five seeds as the gold annotations say (always) and as the parser reads them."""
    return request.getfixturevalue(request.param)


def test_two_seed_cities_share_their_actions(seeds_store):
    rows = compare_in_store(seeds_store, "宜春市", "东胜区")
    sections = [r for r in rows if r.level == "section"]
    assert sum(r.status == "matched" for r in sections) == 9
    assert [r.a_title for r in sections if r.status == "only_a"] == ["科学素质对外交流合作工程"]
    workers = next(r for r in rows if r.level == "task" and r.a_path == "三.(三).1")
    assert workers.status == "matched" and workers.b_path == "三.(三).1" and workers.similarity >= 0.5
    assert sum(r.level == "task" and r.status == "matched" for r in rows) >= 20
    # 宜春 puts its human-resources bureau in charge of workers' training, 东胜 its trade union
    assert workers.a_lead_types == ("human_resources",) and workers.b_lead_types == ("trade_union",)


def test_compare_command_on_plans_in_the_store(empty_store, store_config):
    changed = [
        (p, s, t + "工作" if i == 0 else t, leads, sup, j, v)
        for i, (p, s, t, leads, sup, j, v) in enumerate(CLEAN_ROWS)
        if i != 8
    ]
    changed.append(
        ("一.(四).1", "科普信息化提升工程", "建设科普微信公众号矩阵", ["市委宣传部"], ["市科协"], [], [])
    )
    load_plans(empty_store, [clean_plan(), make_plan("revised", "示范区", changed)], compact=False)
    args = ["--data-dir", str(store_config.data_dir), "--graph", store_config.graph]
    result = CliRunner().invoke(
        cli, ["compare", "示范市", "示范区", "--level", "task", "--format", "json", *args]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert set(rows[0]) == set(COMPARE_COLUMNS)
    statuses = {(r["status"], r["a_path"], r["b_path"]) for r in rows}
    assert ("only_a", "一.(三).3", "") in statuses and ("only_b", "", "一.(四).1") in statuses
    assert sum(r["status"] == "matched" for r in rows) == 8
    assert "tasks: 8 matched (0 with a lead change), 1 only in 示范市, 1 only in 示范区" in result.stderr


def test_compare_with_an_unknown_plan_is_a_one_line_error(sample_store, store_config):
    # The sample plan is stored; the second name matches nothing (no ../shared needed).
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "policygraph",
            "compare",
            JURISDICTION,
            "火星市",
            "--data-dir",
            str(store_config.data_dir),
            "--graph",
            store_config.graph,
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "火星市" in result.stderr


def test_differs_table_names_the_leads_that_changed(gold_store, gold_config):
    # At 100 columns the titles took the room and the leads — the answer — were left out.
    result = CliRunner(env={"COLUMNS": "100"}).invoke(
        cli,
        [
            "compare",
            "宜春市",
            "东胜区",
            "--status",
            "differs",
            "--data-dir",
            str(gold_config.data_dir),
            "--graph",
            gold_config.graph,
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert {"a_leads", "b_leads", "lead_change"} <= set(lines[0].split())
    assert any("市人力资源和社会保障局" in line and "区总工会" in line for line in lines[2:])


def test_parent_and_child_plan_flag_a_lead_change_only_where_lead_types_differ(seeded_store):
    rows = compare_in_store(seeded_store, "内蒙古自治区", "东胜区")
    matched = [r for r in rows if r.level == "task" and r.status == "matched"]
    assert len(matched) >= 5
    for row in matched:
        assert row.a_leads and row.b_leads, "both plans' leads are named"
        shared = set(row.a_lead_types) & set(row.b_lead_types)
        assert (row.lead_change == "type") == (not shared), row
    science = [r for r in matched if "区科学技术协会" in r.b_leads]
    assert science and all("自治区科学技术协会" in r.a_leads and not r.lead_change for r in science)
    renamed = [(r.a_title, r.b_title) for r in rows if r.status == "renamed"]
    assert ("实施农牧民科学素质行动", "农民科学素质提升行动") in renamed
    parent_only = [r for r in rows if r.level == "task" and r.status == "only_a"]
    assert parent_only and all(r.a_path and not r.b_path for r in parent_only)


def test_a_lead_change_in_kind_is_flagged_with_the_names(seeded_store):
    rows = compare_in_store(seeded_store, "宜春市", "东胜区")
    changed = [r for r in rows if r.lead_change == "type"]
    assert changed
    for row in changed:
        assert set(row.a_lead_types).isdisjoint(row.b_lead_types) and row.a_leads and row.b_leads
