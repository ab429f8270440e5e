"""Forms met in unseen plans (the fourth held-out set): the first-listed-leads convention with a
placeholder clause beside it and 下同 after it, carried to later bare unit brackets with its
placeholder.

Every text here is written for the test (no published plan is copied); each asserts the roles the
gold schema (../shared/gold/SCHEMA.md) and the dev set's conventions give it."""

from __future__ import annotations

import pytest

from policygraph.ingest.parse import parse_text

HEAD = "某某省推进职业教育发展任务分工方案\n一、重点任务\n(一)扩大办学规模\n"


def _roles(text: str) -> list[tuple]:
    return [(t.path, t.lead, t.support, t.joint, list(t.vague)) for t in parse_text(text).tasks]


@pytest.mark.parametrize(
    "clause",
    ["有关部门和单位按职责分工负责", "其他有关部门按职责分工负责", "各有关单位配合"],
)
def test_a_placeholder_clause_beside_the_carried_convention_stands_on_later_tasks(clause):
    body = (
        "1.完善经费投入机制,逐年提高生均拨款标准。"
        f"(人社厅、财政厅、教育厅。列在首位的为牵头部门或单位,{clause},下同)\n"
        "2.建设一批实训基地,推进产教融合。(教育厅、发展改革委、工信厅)\n"
        "3.落实教师编制,补充专业教师。(人社厅、教育厅)\n"
    )
    placeholder = clause[: clause.index("按")] if "按" in clause else clause[:-2]
    assert _roles(HEAD + body) == [
        ("一.(一).1", ["人社厅"], ["财政厅", "教育厅"], [], [placeholder]),
        ("一.(一).2", ["教育厅"], ["发展改革委", "工信厅"], [], [placeholder]),
        ("一.(一).3", ["人社厅"], ["教育厅"], [], [placeholder]),
    ]


def test_a_unit_clause_beside_the_carried_convention_is_no_standing_placeholder():
    body = (
        "1.完善经费投入机制。(人社厅、财政厅。列在首位的为牵头部门或单位,审计厅、统计局、税务局按职责分工负责,下同)\n"
        "2.建设一批实训基地。(教育厅、发展改革委)\n"
    )
    tasks = parse_text(HEAD + body).tasks
    assert [list(t.vague) for t in tasks] == [[], []]
    assert (tasks[1].lead, tasks[1].support) == (["教育厅"], ["发展改革委"])
