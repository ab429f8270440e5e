"""The same conventions in other common wordings: label nouns, role words, brackets, punctuation,
colons, first-listed-lead notes, prose clauses and table headers in other orders.

Every text here is written for the test (no published plan is copied); each asserts the roles the
gold schema (../shared/gold/SCHEMA.md) gives it."""

from __future__ import annotations

import pytest
from _roles import roles

from policygraph.ingest.parse import parse_text

HEAD = "某某市推进数字经济发展实施方案\n一、重点任务\n"
TWO_ITEMS = [("一.1", ["市发改委"], ["市财政局", "市工信局"], []), ("一.2", ["市工信局"], ["市科技局"], [])]

LEAD_LABELS = [
    "牵头单位",
    "牵头部门",
    "牵头机构",
    "主办单位",
    "主责单位",
    "主责部门",
    "牵头责任部门",
    "主要负责单位",
]
SUPPORT_LABELS = [
    "配合单位",
    "配合部门",
    "协办单位",
    "协办部门",
    "参与单位",
    "参与部门",
    "协同单位",
    "协作单位",
]
SUPPORT_LABELS += ["协助单位", "协助部门", "支持单位", "配合机构", "会办单位", "参加单位"]
BRACKETS = ["（）", "()", "〔〕", "【】", "[]", "［］"]
COLONS = ["：", ":", " ", ""]


@pytest.mark.parametrize("lead", LEAD_LABELS)
def test_label_wordings_brackets_and_colons(lead):
    wrong = []
    for support in SUPPORT_LABELS:
        for colon in COLONS:
            for pair in BRACKETS:
                open_, close = pair
                body = (
                    f"1.建设数据中心。加快建设。{open_}{lead}{colon}市发改委；{support}{colon}市财政局、市工信局{close}\n"
                    f"2.培育数字企业。扶持企业。{open_}{lead}{colon}市工信局；{support}{colon}市科技局{close}\n"
                )
                if roles(HEAD + body) != TWO_ITEMS:
                    wrong.append((support, colon, pair))
    assert not wrong


@pytest.mark.parametrize(
    "bracket",
    [
        "（市发改委牵头，市财政局、市工信局配合）",
        "（由市发改委牵头，市财政局、市工信局参与）",
        "〔市发改委牵头，市财政局、市工信局按职责分工负责〕",
        "【市发改委牵头，市财政局、市工信局协同】",
        "[市发改委牵头;市财政局、市工信局配合]",
        "(市发改委牵头,市财政局、市工信局配合)",
        "（市发改委牵头负责，市财政局、市工信局协助）",
        "（市发改委会同市财政局、市工信局负责）",
        "（市发改委为牵头单位，市财政局、市工信局为配合单位）",
        "（市发改委牵头，市财政局、市工信局等配合）",
        "（市发改委牵头，市财政局、市工信局参加）",
        "（市发改委主办，市财政局、市工信局会办）",
        "（市发改委为主办单位，市财政局、市工信局为会办单位）",
        "（市发改委牵头，市财政局、市工信局）",
        "（市发改委（牵头）、市财政局、市工信局）",
        "（市发改委、市财政局、市工信局按职责分工负责，市发改委牵头）",
        "（牵头：市发改委；配合：市财政局、市工信局）",
        "\n牵头：市发改委\n配合：市财政局、市工信局",
        "\n市发改委牵头，市财政局、市工信局配合。",
    ],
)
def test_role_verbs_in_brackets(bracket):
    body = f"1.建设数据中心。加快建设。{bracket}\n2.培育数字企业。扶持企业。（市工信局牵头，市科技局配合）\n"
    assert roles(HEAD + body) == TWO_ITEMS


@pytest.mark.parametrize(
    "note",
    [
        "排在第一位的为牵头单位",
        "列第一位的为牵头单位",
        "列第一位者为牵头单位",
        "第一个为牵头单位",
        "第一家为牵头单位",
        "排在首位的为牵头单位",
        "首位为牵头单位",
        "列首位的为牵头单位",
        "排名第一的为牵头部门",
        "位列第一的为牵头单位",
        "排在最前面的为牵头单位",
        "列在首位的部门为牵头部门",
        "排第一的单位为牵头单位",
        "牵头单位排在第一位",
        "牵头部门列首位",
        "牵头单位均排在首位",
    ],
)
@pytest.mark.parametrize("where", ["opening", "first item"])
def test_first_listed_lead_in_any_wording(note, where):
    if where == "opening":
        body = f"（各项任务中，{note}，下同）\n1.建设数据中心。加快建设。（市发改委、市财政局、市工信局）\n"
    else:
        body = f"1.建设数据中心。加快建设。（市发改委、市财政局、市工信局，{note}，下同）\n"
    body += "2.培育数字企业。扶持企业。（市工信局、市科技局）\n"
    assert roles(HEAD + body) == TWO_ITEMS


@pytest.mark.parametrize(
    "lines",
    [
        "牵头单位：市发改委\n配合单位：市财政局、市工信局",
        "牵头单位:市发改委;配合单位:市财政局、市工信局",
        "责任单位：市发改委（牵头）、市财政局、市工信局",
        "牵头部门：市发改委；协办部门：市财政局、市工信局",
        "牵头单位 市发改委\n配合单位 市财政局、市工信局",
    ],
)
def test_label_lines_after_an_item(lines):
    body = f"1.建设数据中心。加快建设。\n{lines}\n2.培育数字企业。扶持企业。\n牵头单位：市工信局\n配合单位：市科技局\n"
    assert roles(HEAD + body) == TWO_ITEMS


def test_a_label_never_becomes_part_of_a_unit_name():
    # 另行说明单位 is no label the parser knows: the lead list stops there, nothing is invented
    text = HEAD + "1.建设数据中心。加快建设。（牵头单位：市发改委；另行说明单位：市财政局）\n"
    assert roles(text) == [("一.1", ["市发改委"], [], [])]


@pytest.mark.parametrize(
    ("sentence", "lead", "support", "joint"),
    [
        ("由国土资源部会同农业部等部门负责落实。", ["国土资源部"], ["农业部"], []),
        (
            "由发展改革委会同中央农办、农业部、财政部等部门研究提出落实意见。",
            ["发展改革委"],
            ["中央农办", "农业部", "财政部"],
            [],
        ),
        ("由教育部负责组织实施。", [], [], ["教育部"]),
        ("由教育部牵头，财政部配合。", ["教育部"], ["财政部"], []),
    ],
)
def test_closing_prose_clauses(sentence, lead, support, joint):
    text = (
        "国务院办公厅关于落实有关工作的通知\n一、任务\n"
        f"（一）关于“严守耕地保护红线”的问题，{sentence}\n"
        "（二）关于“粮食安全”的问题，由农业部会同财政部负责落实。\n"
    )
    assert roles(text) == [("一.(一)", lead, support, joint), ("一.(二)", ["农业部"], ["财政部"], [])]


@pytest.mark.parametrize("label", ["分工", "部门分工", "工作分工", "任务分工"])
def test_division_label_lines(label):
    text = (
        "某省重点工作分工方案\n一、主要目标\n1.地区生产总值增长6%以上。\n分管省领导：张三\n"
        f"{label}：省发展改革委牵头，省统计局配合。\n2.进出口稳定增长。\n{label}：省商务厅牵头，省海关配合。\n"
    )
    plan = parse_text(text)
    assert [(t.path, t.lead, t.support) for t in plan.tasks] == [
        ("一.1", ["省发展改革委"], ["省统计局"]),
        ("一.2", ["省商务厅"], ["省海关"]),
    ]


def test_a_unit_and_a_placeholder_in_one_list_item():
    text = (
        HEAD
        + "1.建设数据中心。加快建设。（商务部等和各有关省级人民政府负责）\n2.培育企业。扶持。（市教育局及有关单位负责）\n"
    )
    tasks = parse_text(text).tasks
    assert (tasks[0].joint, tasks[0].vague) == (["商务部"], ("各有关省级人民政府",))
    assert (tasks[1].joint, tasks[1].vague) == (["市教育局"], ("有关单位",))


ROWS = [
    ("1", "建设数据中心", "市发改委", "市财政局", "2024年底"),
    ("2", "培育数字企业", "市工信局", "市科技局", "2025年"),
]
TABLE_EXPECTED = [("建设数据中心", ["市发改委"], ["市财政局"]), ("培育数字企业", ["市工信局"], ["市科技局"])]


@pytest.mark.parametrize(
    "task_header", ["重点任务", "工作任务", "任务内容", "工作措施", "内容与要求", "工作任务及措施"]
)
@pytest.mark.parametrize(
    ("lead_header", "support_header"),
    [
        ("牵头单位", "配合单位"),
        ("牵头部门", "协办部门"),
        ("主办单位", "协办单位"),
        ("牵头责任单位", "协同单位"),
    ],
)
def test_table_headers_in_other_words_and_orders(task_header, lead_header, support_header):
    names = ["序号", task_header, lead_header, support_header, "完成时限"]
    wrong = []
    for order in [(0, 1, 2, 3, 4), (0, 1, 4, 2, 3), (1, 2, 3, 4), (0, 2, 3, 1, 4), (1, 3, 2)]:
        for sep in ["\t", "|", " | "]:
            lines = [sep.join(names[i] for i in order)] + [sep.join(row[i] for i in order) for row in ROWS]
            plan = parse_text("某某市推进数字经济发展实施方案\n" + "\n".join(lines) + "\n")
            if [(t.title, t.lead, t.support) for t in plan.tasks] != TABLE_EXPECTED:
                wrong.append((order, sep))
    assert not wrong


def test_table_one_cell_per_line_between_pipe_borders():
    cells = [
        "序号",
        "工作任务",
        "负责部门",
        "时间进度",
        "1",
        "建设数据中心",
        "市发改委、市财政局",
        "2024年底前",
    ]
    cells += ["2", "培育数字企业", "市工信局", "常态工作"]
    text = "某某市推进数字经济发展实施方案\n" + "".join(f"|\n{c}\n" for c in cells) + "|\n"
    plan = parse_text(text)
    assert [(t.title, t.joint, t.deadline) for t in plan.tasks] == [
        ("建设数据中心", ["市发改委", "市财政局"], "2024年底前"),
        ("培育数字企业", ["市工信局"], "常态工作"),
    ]


def test_a_goal_column_with_a_year_is_the_task_column():
    text = "某区2022年目标任务分解表\n序号\n2022年预期目标\n责任单位\n1\n地区生产总值增长5.5%左右\n区发展改革委\n2\n进出口总额增长5%以上\n区商务委\n"
    plan = parse_text(text)
    assert [(t.title, t.joint) for t in plan.tasks] == [
        ("地区生产总值增长5.5%左右", ["区发展改革委"]),
        ("进出口总额增长5%以上", ["区商务委"]),
    ]


def test_page_metadata_names_the_issuer():
    text = "来源：包头市科协 发布日期：2017-09-29 点击量：995\n科普工作实施方案\n一、任务\n1.推进科普。（牵头单位：市科协）\n"
    plan = parse_text(text)
    assert (plan.jurisdiction, plan.level) == ("包头市", "city")
    assert "来源" not in plan.cleaned_text


def test_notice_requirements_are_no_tasks():
    text = (
        "某县人民政府办公室关于印发重点工作分工方案的通知\n各乡镇人民政府，县政府各部门：\n"
        "一、高度重视，夯实责任。各单位要把重点工作摆上重要议事日程。\n"
        "二、主动作为，强化协作。各牵头单位要加强统筹。\n"
        "三、建设数据中心，推进数字化。年内建成一期工程并投入使用。\n"
    )
    tasks = parse_text(text).tasks
    assert [t.path for t in tasks] == ["三"]  # a measure among them is still read


def test_a_text_column_between_task_and_units_may_hold_sentences():
    text = (
        "某市重点工作进展情况表\n序号\n内容与要求\n进展情况\n责任单位\n"
        "1\n确保地区生产总值增长7%左右。\n1-2月主要经济指标实现正增长。\n市发改委\n"
        "2\n编制新兴产业行动计划。\n启动研究报告招投标。\n市经信局\n"
    )
    assert [(t.title, t.joint) for t in parse_text(text).tasks] == [
        ("确保地区生产总值增长7%左右", ["市发改委"]),
        ("编制新兴产业行动计划", ["市经信局"]),
    ]


def test_a_flattened_table_with_a_wrapped_header_cell_and_group_rows():
    text = (
        "某市2021年重点工作责任分工\n序号\n重点工作\n市政府\n分管领导\n牵头单位\n配合单位\n"
        "强化科技创新能力。\n(一)\n加强科技力量建设。\n"
        "1\n建设科技创新轴。\n张 三\n市科技局\n黄埔区政府\n"
        "2\n建设技术创新中心。\n张 三\n市科技局\n市财政局\n"
        "(二)\n优化营商环境。\n"
        "3\n推进政务服务改革。\n李 四\n市政务服务数据管理局\n市司法局\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.title, t.lead, t.support, t.leaders) for t in tasks] == [
        ("建设科技创新轴", ["市科技局"], ["黄埔区政府"], ("张三",)),
        ("建设技术创新中心", ["市科技局"], ["市财政局"], ("张三",)),
        ("推进政务服务改革", ["市政务服务数据管理局"], ["市司法局"], ("李四",)),
    ]


def test_a_notices_attachment_list_is_no_task():
    text = (
        "某区人民政府办公室关于印发2022年目标任务的通知\n各镇人民政府，区级各部门：\n现将有关任务印发给你们。\n"
        "附件：1. 2022年预期目标任务分解表\n2. 2022年重点工作任务分解表\n某区人民政府办公室\n"
        "附件1\n2022年预期目标任务分解表\n序号\n预期目标\n责任单位\n1\n地区生产总值增长5.5%左右\n区发展改革委\n"
    )
    assert [(t.title, t.joint) for t in parse_text(text).tasks] == [
        ("地区生产总值增长5.5%左右", ["区发展改革委"])
    ]


def test_the_last_item_of_an_excerpt_cut_before_its_assignment_is_a_task():
    text = (
        "某区2023年政府工作报告重点工作分工\n一、主要预期目标\n1.地区生产总值增长6%。\n责任单位：区发改局\n"
        "2.固定资产投资增长8%。\n责任单位：区发改局\n3.其他主要经济指标不低于全市平均水平。"
    )
    assert [(t.path, t.joint) for t in parse_text(text).tasks] == [
        ("一.1", ["区发改局"]),
        ("一.2", ["区发改局"]),
        ("一.3", []),
    ]


def test_a_heading_whose_assignment_line_the_excerpt_cut_is_a_task_without_the_cut_name():
    text = (
        "某区2023年重点工作分工\n一、主要目标\n(一)地区生产总值增长6%\n责任单位：区发改局\n"
        "(二)工业投资增长12%以上\n责任单位：区"
    )
    assert [(t.path, t.joint) for t in parse_text(text).tasks] == [("一.(一)", ["区发改局"]), ("一.(二)", [])]


def test_a_bracket_cut_after_a_whole_unit_keeps_it():
    text = (
        "某市深化审批制度改革实施方案\n一、重点任务\n1.实施清单管理。编制并公布清单。（市发改委负责）\n"
        "2.深化集中许可改革。按程序公布目录。（市政府办公室、市"
    )
    assert [(t.path, t.joint) for t in parse_text(text).tasks] == [
        ("一.1", ["市发改委"]),
        ("一.2", ["市政府办公室"]),
    ]
