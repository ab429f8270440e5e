"""Jurisdiction and level from short texts written for these tests: one-character counties found
through the gazetteer (and not inside words), nested names kept innermost, and ranks against the
level above (全省第1) not taken for the plan's own level."""

from __future__ import annotations

import pytest

from policygraph.ingest.meta import jurisdiction_of, level_signal, place_of, plan_level, plan_title
from policygraph.ingest.places import find_places


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("泾县2024年民生实事工作任务分解方案", "泾县"),  # a one-character county opening the title
        ("宿州市萧县人民政府办公室关于印发农村道路管护方案的通知", "萧县"),  # under its own city
        ("安徽省宿州市萧县县委办公室关于印发工作要点的通知", "萧县"),  # 县委 right after it
        ("泾县县委办公室关于开展安全生产大检查的通知", "泾县"),
        ("中共萧县县委关于乡村振兴的实施意见", "萧县"),
        ("关于印发泾县2024年为民办实事项目的通知", "泾县"),  # the place inside 关于印发…的通知
        ("涇縣人民政府辦公室關於印發方案的通知", "涇縣"),  # traditional script, returned as written
        ("鞍山市立山区2023年重点工作分工方案", "立山区"),  # innermost, though it ends in 山区
        ("铜陵市郊区环境整治实施方案", "郊区"),  # a two-character district under its parent
        ("北京市顺义区营商环境实施方案", "顺义区"),
    ],
)
def test_the_title_names_the_innermost_division(title, place):
    assert place_of(title) == place
    assert jurisdiction_of(title, "", "") == place


@pytest.mark.parametrize(
    "title",
    [
        "新县城建设实施方案",  # 新县 is a county, but here 新县城 is a new county town
        "和县域经济发展规划",  # 和县 is a county, 县域 a word
        "城区道路整治实施方案",  # 城区 is a division name elsewhere, a word here
        "郊区蔬菜基地建设方案",
    ],
)
def test_a_short_division_name_inside_a_word_is_no_place(title):
    assert jurisdiction_of(title, "", "") == ""


def test_a_short_county_in_running_text_needs_its_parent():
    assert [m.name for m in find_places("推动和县域经济协调发展")] == []
    assert [m.name for m in find_places("各乡镇:宿州市萧县将于")] == ["宿州市", "萧县"]
    # a county of another city does not nest under this one
    assert [m.name for m in find_places("宣城市萧县")] == ["宣城市"]


def test_a_short_county_on_a_metadata_line_is_the_issuer():
    preamble = "发布机构: 泾县人民政府办公室\n各乡镇人民政府,县政府各部门:\n现将方案印发给你们。"
    text = preamble + "\n全县上下要抓好落实,我县各乡镇……"
    assert jurisdiction_of("重点工作任务分解表", preamble, text) == "泾县"
    assert plan_level("泾县", text) == "district"


def test_a_rank_within_the_province_is_not_the_plans_own_level():
    text = (
        "市政府重点工作进展情况表\n1\n推进项目建设。\n规上工业增加值全省第2,投资增速全省第1,"
        "在全省排名靠前,高于全省平均水平。\n市发改委\n2\n全市稳步推进。\n市政府办"
    )
    assert level_signal(text) == "city"
    assert level_signal("结合我省实际,全省各地要抓好落实。") == "province"


def test_an_addressee_line_is_no_place_and_a_traditional_title_is_found():
    lines = [
        "州政發〔2021〕3號",
        "各縣市人民政府,州政府各部門:",
        "現將方案印發給你們,請認真貫徹落實。",
        "雲嶺自治州人民政府",
        "雲嶺自治州2021年優化營商環境工作計劃",
    ]
    preamble = "\n".join(lines)
    assert plan_title(lines) == lines[-1]  # 計劃 is a plan word in either script
    assert jurisdiction_of("", preamble, preamble) == "雲嶺自治州"  # not 各縣市


def test_pinyin_printed_after_characters_is_no_part_of_a_place():
    # Some sites print each character's reading after it: 國務(wu)院, 湖(hú)南(nán)省.
    title = "湖(hú)南(nán)省人民政府辦公廳關于加快發展養老服務的實施意見"
    assert jurisdiction_of(title, title, title) == "湖南省"
    national = "國務(wu)院(yuan)辦公(gong)廳關于促進養老服務健康發展的意見"
    assert jurisdiction_of(national, national, national) == "全国"


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("2023年四川农村水利工作要点", "四川省"),
        ("2021—2025年湖南交通运输发展规划", "湖南省"),
        ("2024年泰州民生实事项目", "泰州市"),
    ],
)
def test_a_short_place_name_after_the_titles_year(title, place):
    assert jurisdiction_of(title, title, title) == place


def test_a_short_place_issuing_in_the_title_outweighs_the_central_bodies_the_text_cites():
    text = "为深入贯彻落实党中央、国务院决策部署，进一步做好稳就业工作，现通知如下。国务院有关文件同时执行。"
    assert jurisdiction_of("山东印发通知进一步做好稳就业工作", text, text) == "山东省"
    # a site's name opening a reposted national document's page is not its issuer
    national = "国务院发布重点工作部门分工意见。国务院各部门要抓好落实。"
    assert jurisdiction_of("南阳生态文明促进会 > 热门话题", national, national) == "全国"
