"""Covering notices (印发通知) around a plan: the notice's own numbered requirements are no tasks,
found by the notice's structure (its 印发 sentence, its close, the plan's title line) whatever the
requirements say. Every text here is written for these tests; the requirement titles avoid the
guarantee words of markers.tsv so that only the structure can set them apart."""

from __future__ import annotations

import pytest

from policygraph.ingest import parse_text
from policygraph.ingest.clean import clean, fold
from policygraph.ingest.segment import find_blocks, notice_span

ADDRESSEE = "各乡镇人民政府，县政府各部门、各直属机构：\n"
REQUIREMENTS = (
    "一、统一思想认识，科学排定进度。各单位要逐项研究承担的事项，排出月度进度表。\n"
    "二、明确推进节奏。各牵头单位要统筹配合单位，每季度末报送一次进展。\n"
    "三、按时报送情况。县政府办公室将汇总各单位报送的情况，向县政府主要领导报告。\n"
)
PLAN_BODY = (
    "一、推进产业升级\n"
    "（一）建设智能制造园区。年内引进企业十家。（牵头单位：县经信局；责任单位：县商务局）\n"
    "（二）培育专精特新企业。新增省级企业五家。（牵头单位：县科技局）\n"
    "二、改善民生服务\n"
    "（一）新建社区养老站。年内建成八个。（牵头单位：县民政局；责任单位：县财政局）\n"
)
PLAN_TASKS = ["建设智能制造园区", "培育专精特新企业", "新建社区养老站"]

NOTICES = {
    "现将…印发给你们, date, title": (
        ADDRESSEE
        + "现将《青河县产业民生重点工作实施方案》印发给你们，请认真贯彻执行。\n"
        + REQUIREMENTS
        + "青河县人民政府办公室\n2024年2月6日\n青河县产业民生重点工作实施方案\n"
        + PLAN_BODY
    ),
    "《X》已经…同意，现印发给你们, 特此通知": (
        ADDRESSEE + "《青河县产业民生重点工作实施方案》已经县人民政府同意，现印发给你们，"
        "并就有关事项通知如下：\n" + REQUIREMENTS + "特此通知。\n" + PLAN_BODY
    ),
    "经…同意，现将…转发, title line only": (
        ADDRESSEE
        + "经县人民政府同意，现将《青河县产业民生重点工作实施方案》转发给你们，请结合实际抓好落实。\n"
        + REQUIREMENTS
        + "青河县产业民生重点工作\n实施方案\n"
        + PLAN_BODY
    ),
    "予以分解印发, 附件 line": (
        ADDRESSEE
        + "为推动年度目标落地，现将全年重点工作予以分解印发。\n"
        + REQUIREMENTS
        + "附件\n"
        + PLAN_BODY
    ),
    "二〇二四年 date in Chinese numerals": (
        ADDRESSEE
        + "现将《青河县产业民生重点工作实施方案》印发给你们。\n"
        + REQUIREMENTS
        + "青河县人民政府\n二〇二四年二月六日\n"
        + PLAN_BODY
    ),
    "numbering starts over, no close": (
        ADDRESSEE
        + "现将《青河县产业民生重点工作实施方案》印发给你们，请认真组织实施。\n"
        + REQUIREMENTS
        + PLAN_BODY
    ),
}


@pytest.mark.parametrize("text", NOTICES.values(), ids=NOTICES.keys())
def test_notice_requirements_are_no_tasks(text):
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == PLAN_TASKS
    assert [t.path for t in plan.tasks] == ["一.(一)", "一.(二)", "二.(一)"]
    assert [t.lead[0].endswith(u) for t, u in zip(plan.tasks, ("经信局", "科技局", "民政局"))] == [True] * 3


@pytest.mark.parametrize("text", NOTICES.values(), ids=NOTICES.keys())
def test_notice_paragraphs_are_no_headings(text):
    folded = fold(clean(text))
    markers = [b.marker for b in find_blocks(folded) if b.kind == "chapter"]
    assert markers == ["一", "二"]  # the plan's own chapters only


def test_excerpt_cut_inside_notice_has_no_task():
    text = ADDRESSEE + "经县政府研究同意，现将《青河县重点工作分解表》印发给你们。\n" + REQUIREMENTS[:-20]
    assert parse_text(text).tasks == ()


def test_notice_numbered_in_arabic_digits():
    requirements = "1.排定进度。各单位要排出月度进度表。\n2.报送情况。每季度末报送一次进展。\n"
    text = (
        ADDRESSEE
        + "现将《青河县产业民生重点工作实施方案》印发给你们。\n"
        + requirements
        + "青河县人民政府\n2024年2月6日\n"
        + PLAN_BODY
    )
    assert [t.title for t in parse_text(text).tasks] == PLAN_TASKS


def test_plan_right_after_notice_sentence_keeps_its_chapters():
    # No title, no close: the plan's chapters come straight after the sentence. Their sections
    # ((一) under 一、) show they are the plan's, so nothing is set apart.
    text = ADDRESSEE + "现将《青河县产业民生重点工作实施方案》印发给你们，请认真贯彻执行。\n" + PLAN_BODY
    plan = parse_text(text)
    assert [t.path for t in plan.tasks] == ["一.(一)", "一.(二)", "二.(一)"]
    assert notice_span(fold(clean(text)), find_blocks(fold(clean(text)))) is None


def test_notice_with_prose_only_changes_nothing():
    text = (
        ADDRESSEE + "现将《青河县产业民生重点工作实施方案》印发给你们，请认真贯彻执行。\n"
        "今年是规划的收官之年，各单位要对照方案抓紧推进。\n"
        "青河县人民政府\n2024年2月6日\n" + PLAN_BODY
    )
    assert [t.title for t in parse_text(text).tasks] == PLAN_TASKS


def test_notice_dated_on_its_own_line_run_together():
    # A page that ran the notice into one line: its date closes it before the plan's first heading.
    text = (
        "各乡镇人民政府：现将《青河县重点工作分工》印发给你们，请认真贯彻执行。"
        "青河县人民政府 2024年2月6日 青河县重点工作分工\n"
        "一、张县长牵头工作\n1.建设智能制造园区。\n责任单位：县经信局\n"
        "2.新建社区养老站。\n责任单位：县民政局\n"
    )
    plan = parse_text(text)
    assert [t.path for t in plan.tasks] == ["一.1", "一.2"]


def test_deadline_in_notice_paragraph_is_no_close():
    requirements = (
        "一、排定进度。各单位要于2024年3月15日前报送进度表。\n二、报送情况。每季度末报送一次进展。\n"
    )
    text = (
        ADDRESSEE
        + "现将《青河县产业民生重点工作实施方案》印发给你们。\n"
        + requirements
        + "青河县人民政府\n2024年2月6日\n"
        + PLAN_BODY
    )
    assert [t.title for t in parse_text(text).tasks] == PLAN_TASKS


def test_title_line_ends_notice_before_plan_sections():
    # The plan's title again is the only sign where the notice ends: the plan has no chapters and
    # the notice no close.
    sections = "".join(line + "\n" for line in PLAN_BODY.splitlines() if line.startswith("（"))
    text = (
        ADDRESSEE
        + "经县人民政府同意，现将《青河县产业民生重点工作实施方案》印发给你们。\n"
        + REQUIREMENTS
        + "青河县产业民生重点工作实施方案\n"
        + sections
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == PLAN_TASKS
    assert [t.path for t in plan.tasks] == ["(一)", "(二)", "(一)"]


def test_plan_without_notice_unchanged():
    text = "青河县产业民生重点工作实施方案\n" + PLAN_BODY
    assert [t.title for t in parse_text(text).tasks] == PLAN_TASKS
