"""Plans that list their measures without numbers or headings: each line carrying an assignment is a
task (texts written for these tests)."""

from __future__ import annotations

import pytest

from policygraph.errors import InputError
from policygraph.ingest import parse_file, parse_text
from policygraph.ingest.segment import find_blocks


def _rows(text: str) -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    plan = parse_text(text)
    rows = []
    for task in plan.tasks:
        rows.append((task.title, list(task.lead), list(task.support), list(task.joint), list(task.vague)))
    return rows


def test_lines_closing_with_a_lead_bracket_are_tasks():
    text = (
        "今年区里要办的几件实事如下:\n"
        "对城东片区5个老旧小区进行基础设施改造(区住建局牵头)\n"
        "新建农贸市场2个(城南街道牵头)\n"
        "完成河道清淤12公里 (区水利局牵头,区财政局配合)\n"
    )
    assert _rows(text) == [
        ("对城东片区5个老旧小区进行基础设施改造", ["区住建局"], [], [], []),
        ("新建农贸市场2个", ["城南街道"], [], [], []),
        ("完成河道清淤12公里", ["区水利局"], ["区财政局"], [], []),
    ]


def test_a_label_line_takes_the_line_above_as_its_title():
    text = (
        "某区2024年为民办实事项目\n"
        "城区老旧小区加装电梯20部\n"
        "责任单位:区住建局\n"
        "新建社区食堂5个,方便老年人就餐\n"
        "牵头单位:区民政局;配合单位:区财政局、各街道\n"
    )
    assert _rows(text) == [
        ("城区老旧小区加装电梯20部", [], [], ["区住建局"], []),
        ("新建社区食堂5个,方便老年人就餐", ["区民政局"], ["区财政局"], [], ["各街道"]),
    ]


def test_a_bracket_of_bare_units_after_a_name_is_no_task(tmp_path):
    # an issuer's name with its office in brackets names no role: the file still has no task
    path = tmp_path / "notice.txt"
    path.write_text("某市人民政府\n(办公室)\n关于做好今年工作的通知\n请各地认真抓好落实。\n", "utf-8")
    with pytest.raises(InputError, match="no tasks found"):
        parse_file(path)


def test_numbered_plans_are_read_by_their_items_not_line_by_line():
    text = "一、重点任务\n1.新建农贸市场2个(城南街道牵头)\n说明:市场建成后交街道管理(区商务局负责)\n"
    assert [b.marker for b in find_blocks(text)] == ["一", "1"]
    assert [t.path for t in parse_text(text).tasks] == ["一.1", "一.1b"]  # sub-tasks, not lines


def test_a_numbered_line_naming_a_file_is_no_item():
    text = "3.某某区政策清单.docx\n一、推进改革\n1.深化审批改革(区政务服务局牵头)\n"
    assert [t.path for t in parse_text(text).tasks] == ["一.1"]


def test_duty_lines_opening_with_their_unit_are_tasks_titled_by_their_first_sentence():
    text = (
        "为做好全区河道整治,现将各单位任务明确如下:\n"
        "区水利局负责全区河道整治的总协调,指导督查河道清淤。每月通报进度。\n"
        "区财政局负责整治专项经费的落实,监督资金的使用情况。\n"
        "各街道要加强日常巡查。\n"
    )
    assert _rows(text) == [
        ("区水利局负责全区河道整治的总协调,指导督查河道清淤", [], [], ["区水利局"], []),
        ("区财政局负责整治专项经费的落实,监督资金的使用情况", [], [], ["区财政局"], []),
    ]
