"""Forms met in unseen plans (the third held-out set): the first-listed-leads convention worded
with a qualifier and an alternative (列第一位者为工作牵头单位或汇总单位), a label after a short item
name (1、技能培训,牵头单位：X。), a bracket cut after a lead verb with a complement (A牵头督导，B、),
and a ranking list of places that lists no measure.

Every text here is written for the test (no published plan is copied); each asserts the roles the
gold schema (../shared/gold/SCHEMA.md) and the dev set's conventions give it."""

from __future__ import annotations

import pytest
from _roles import roles

from policygraph.ingest.parse import parse_text

HEAD = "某某市推进数字经济发展实施方案\n一、重点任务\n"


@pytest.mark.parametrize(
    "note",
    [
        "列第一位者为工作牵头单位或汇总单位,下同",
        "列第一位者为工作牵头单位,下同",
        "排在第一位的为任务牵头单位,下同",
    ],
)
def test_the_first_listed_leads_convention_with_a_qualifier_or_an_alternative(note):
    body = (
        "1.建设数据中心。加快建设一批算力设施。\n"
        f"责任单位：市经信局、市财政局、市发展改革委（{note}）\n"
        "2.培育数字企业。扶持企业做大做强。\n"
        "责任单位：市科技局、市财政局\n"
    )
    assert roles(HEAD + body) == [
        ("一.1", ["市经信局"], ["市财政局", "市发展改革委"], []),
        ("一.2", ["市科技局"], ["市财政局"], []),
    ]

    # a remark about the first-listed item is no convention
    remark = "1.建设数据中心。列第一位的是重点项目,要优先保障。（市经信局、市财政局负责）\n"
    assert roles(HEAD + remark) == [("一.1", [], [], ["市经信局", "市财政局"])]


BULLETIN = (
    "某某市民生工程实施进度通报\n"
    "现将民生工程实施进度通报如下：\n"
    "一、各县区实施进度综合排名\n"
    "1、金寨县；2、裕安区；3、霍山县。\n"
    "二、部分项目进展情况\n"
    "1、就业技能培训,牵头单位：市人社局。其中,培训进度较慢的为金寨县。\n"
    "2、居家养老服务,牵头单位：市民政局。其中,补贴发放进度较慢的为裕安区、霍山县。\n"
)


def test_a_label_after_a_short_item_name_assigns_the_item_and_stays_out_of_its_title():
    tasks = parse_text(BULLETIN).tasks
    assert [(t.path, t.title, t.lead) for t in tasks] == [
        ("二.1", "就业技能培训", ["市人社局"]),
        ("二.2", "居家养老服务", ["市民政局"]),
    ]
    # a label word inside later prose is not this form
    prose = "1.建设数据中心。推进机房改造和网络升级工作,牵头单位按季度报送进度。\n"
    assert roles(HEAD + prose) == [("一.1", [], [], [])]


def test_a_ranking_list_of_places_lists_no_measure():
    paths = [t.path for t in parse_text(BULLETIN).tasks]
    assert not any(p.startswith("一.") for p in paths)
    # an item naming a measure in a place is still a task
    measure = BULLETIN.replace("1、金寨县；", "1、金寨县新建养老院；")
    assert "一.1" in [t.path for t in parse_text(measure).tasks]


@pytest.mark.parametrize("verb", ["牵头督导", "牵头协调", "牵头统筹"])
def test_a_bracket_cut_after_a_lead_verb_with_a_complement(verb):
    body = (
        "1.建设数据中心。加快建设一批算力设施。（市经信局牵头，市财政局参与）\n"
        "2.培育数字企业。扶持企业做大做强。"
        f"（市科技局、发展改革委{verb}，市财政局、自然资源局、住房和城乡建设局、"
    )
    assert roles(HEAD + body)[1] == (
        "一.2",
        ["市科技局", "市发展改革委"],
        ["市财政局", "市自然资源局", "市住房和城乡建设局"],
        [],
    )


@pytest.mark.parametrize(
    "ending",
    ["［区发展改革委（粮食和储备局）", "（区发展改革委（粮食和储备局））\n"],
)
def test_a_unit_keeps_the_alias_bracketed_after_it(ending):
    # a square bracket cut by the end of the excerpt: the alias's ）does not close it
    text = (
        "某某区食品安全重点工作安排\n一、年度重点任务\n"
        "1.实施风险评估行动。完善标准管理制度。（区卫生健康委负责）加强粮油标准的贯彻落实。" + ending
    )
    assert roles(text) == [
        ("一.1", [], [], ["区卫生健康委"]),
        ("一.1b", [], [], ["区发展改革委（粮食和储备局）"]),
    ]


POINTS = (
    "某某市文化旅游宣传方案\n一、市内宣传\n"
    "1.新闻宣传。对重要会议进行动态报道。\n"
    "2.专题报道\n"
    "(1)创新方式转型升级。报道我市创建工作。\n"
    "(2)积极整改并取得良好效果。报道整改进展。\n"
    "牵头单位：市日报社\n"
    "3.副刊宣传。加大刊发力度。\n"
)


def test_the_sub_points_under_a_heading_only_item_are_its_tasks():
    tasks = parse_text(POINTS).tasks
    assert [(t.path, t.title, t.lead) for t in tasks] == [
        ("一.1", "新闻宣传", []),
        ("一.2.(1)", "创新方式转型升级", ["市日报社"]),
        ("一.2.(2)", "积极整改并取得良好效果", ["市日报社"]),
        ("一.3", "副刊宣传", []),
    ]
    # an item with text of its own before its points stays one task
    own_text = POINTS.replace("2.专题报道\n", "2.专题报道:围绕创建工作组织报道。\n")
    assert [t.path for t in parse_text(own_text).tasks] == ["一.1", "一.2", "一.3"]


def test_pinyin_readings_inside_the_role_words_and_a_standing_clause():
    # a site printing pinyin after characters (負(fù)責(zé)): the readings split the role words
    text = (
        "某某市養老服務工作要點\n一、重點任務\n"
        "1.完善養老服務體系。推進居家養老服務。（市民政局牽頭，各區(qū)、市政府負(fù)責(zé)落實(shí)。"
        "以下各項(xiàng)工作均需各區(qū)、市政府負(fù)責(zé)落實(shí)，不再一一列出。）\n"
        "2.發展養老產業。培育養老企業。（市發展改革委牽頭）\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.title, t.lead, t.vague) for t in tasks] == [
        ("一.1", "完善養老服務體系", ["市民政局"], ("各區、市政府",)),
        ("一.2", "發展養老產業", ["市發展改革委"], ("各區、市政府",)),
    ]


def test_a_placeholder_written_with_its_level_before_it():
    body = (
        "1.建设文化设施。加快推进图书馆新馆建设。"
        "（牵头单位：市文广旅游局；责任单位：市各县（市、区）政府、市开发区管委会）\n"
    )
    task = parse_text(HEAD + body).tasks[0]
    assert (task.lead, task.support, task.vague) == (
        ["市文广旅游局"],
        ["市开发区管委会"],
        ("市各县（市、区）政府",),
    )


def test_a_labelled_list_running_on_after_a_line_broken_inside_a_name():
    body = (
        "1.扩大教育资源供给。新建一批中小学校。\n"
        "牵头单位：市教育局\n"
        "配合单位：市自然资源局、市财\n"
        "政局、各县（市、区）人民政府\n"
        "2.培育数字企业。扶持企业做大做强。\n"
        "牵头单位：市工信局\n"
    )
    task = parse_text(HEAD + body).tasks[0]
    assert (task.lead, task.support, task.vague) == (
        ["市教育局"],
        ["市自然资源局", "市财政局"],
        ("各县（市、区）人民政府",),
    )
