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


@pytest.mark.parametrize(
    ("listed", "governments"),
    [
        (
            "省交通运输厅、牡丹江、佳木斯、绥化市政府、省农垦总局负责",
            ["牡丹江市政府", "佳木斯市政府", "绥化市政府"],
        ),
        (
            "省交通運輸廳、牡丹江、佳木斯、綏化市政府、省農墾總局負責",
            ["牡丹江市政府", "佳木斯市政府", "綏化市政府"],
        ),
        ("市发展改革委、越秀、海珠区人民政府负责", ["越秀区人民政府", "海珠区人民政府"]),
    ],
)
def test_places_listed_before_one_government_share_its_level_word_and_government(listed, governments):
    text = "某省推进交通建设实施方案\n一、重点任务\n1.建设一批支线机场,完善航线网络。(" + listed + ")\n"
    (task,) = parse_text(text).tasks
    joint = [name for name in task.joint if name.endswith("政府")]
    assert joint == governments
    assert not any(name.startswith(("牡丹江牡丹江", "省牡丹江", "市越秀")) for name in task.joint)


def test_a_note_sentence_naming_the_bodies_concerned_with_xiatong_stands_on_its_task_and_later_ones():
    text = (
        "某省促进流通业发展实施方案\n一、重点任务\n"
        "(一)完善物流网络。建设一批物流枢纽。"
        "〔责任单位:省发展改革委、省商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕\n"
        "(二)发展农村电商。完善县乡村物流体系。〔责任单位:省商务厅、省农业农村厅按职责分工负责〕\n"
        # a note defining a name (含…,下同) hands nothing on
        "(三)建设消费街区。(牵头单位:省商务厅;责任单位:省财政厅、省商务厅(含开发区管委会,下同))\n"
        "(四)培育夜间经济。(牵头单位:省商务厅;责任单位:省文化和旅游厅)\n"
    )
    assert [list(t.vague) for t in parse_text(text).tasks] == [["相关市(州)人民政府"]] * 4


def test_a_placeholder_keeps_no_note_bracketed_after_it():
    text = (
        "某市促进消费实施方案\n一、重点任务\n"
        "1.建设消费街区。(牵头单位:市商务局;责任单位:市财政局,各区人民政府（含开发区管委会，下同）)\n"
        "2.培育夜间经济。(牵头单位:市商务局;责任单位:各县(市、区)政府(管委会))\n"
    )
    assert [list(t.vague) for t in parse_text(text).tasks] == [["各区人民政府"], ["各县(市、区)政府(管委会)"]]
