"""Layouts and wordings of real published plans (issue 10), each in a small text written for
these tests: table layouts, bracket and clause varieties, conventions and their scope, residues,
traditional script and page noise. The real documents are scored in test_dev.py."""

from __future__ import annotations

import pytest

from policygraph.ingest import parse_text
from policygraph.ingest.clean import clean, fold
from policygraph.ingest.extract import parse_statement


def summary(plan):
    return [(t.title, t.lead, t.support, t.joint) for t in plan.tasks]


# --- tables -------------------------------------------------------------------------------------


def test_space_separated_table_takes_units_from_the_right():
    text = (
        "江城市重点任务分工表\n"
        "序号 工 作 任 务 牵头负责部门 配合部门\n"
        "1 城镇新增就业1万人以上 市人社局 市财政局、市教育局\n"
        "2 新建公园3处 市住建局 市自然资源局\n"
    )
    assert summary(parse_text(text)) == [
        ("城镇新增就业1万人以上", ["市人社局"], ["市财政局", "市教育局"], []),
        ("新建公园3处", ["市住建局"], ["市自然资源局"], []),
    ]


def test_pipe_table_with_rows_missing_their_merged_cells():
    text = (
        "江城市民生实事登记表\n"
        "项目名称 | 工作任务 | 计划完成时间 | 牵头单位 |\n"
        "1.道路提升项目 | 改造城区道路3条; | 11月 | 市建设局 |\n"
        "2021.8 | 城投集团 | ||\n"
        "新建停车场2处。 | 12月 | 市建设局 | |\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.title, t.lead) for t in tasks] == [
        ("1", "改造城区道路3条;", ["市建设局", "城投集团"]),
        ("1b", "新建停车场2处", ["市建设局"]),
    ]


def test_box_drawn_table_with_wrapped_merged_cells_and_bulleted_items():
    text = (
        "┌──────────┬────┬────────┐\n"
        "│ 工 作 任 务 │分管领导│牵头单位│\n"
        "├──────────┼────┼────────┤\n"
        "│抓好财税工作 │张三 │市财政局、市│\n"
        "├──────────┤ │税务局 │\n"
        "│△调整支出结构,加大│ │ │\n"
        "│民生投入 │ ├────────┤\n"
        "│△加强财政监督 │ │市审计局 │\n"
        "└──────────┴────┴────────┘\n"
    )
    plan = parse_text(text)
    assert [(t.section, t.title, t.lead, list(t.leaders)) for t in plan.tasks] == [
        ("抓好财税工作", "调整支出结构,加大民生投入", ["市财政局", "市税务局"], ["张三"]),
        ("抓好财税工作", "加强财政监督", ["市审计局"], ["张三"]),
    ]


def test_docx_cells_run_together_on_one_line():
    text = (
        "垃圾分类重点任务分工表序号工作内容目标任务责任单位备注1加强宣传发动,引导市民参与。"
        "年底前知晓率达90%以上。市委宣传部、市城管委等部门,各区县政府2完善回收体系,优化设施布局。"
        "年底前基本建成回收体系。市商务局,市住建局、市发改委,各区县政府3统筹推进分类工作,制定实施方案。"
        "年底前出台标准。市城管委\n"
    )
    assert summary(parse_text(text)) == [
        ("加强宣传发动,引导市民参与", [], [], ["市委宣传部", "市城管委"]),
        ("完善回收体系,优化设施布局", [], [], ["市商务局", "市住建局", "市发改委"]),
        ("统筹推进分类工作,制定实施方案", [], [], ["市城管委"]),
    ]


def test_table_flattened_one_cell_per_line_with_merged_cells():
    text = (
        "江城市政务公开工作要点实施方案\n目标\n任务\n主要内容\n责任单位\n"
        "一、以政务公开助力稳增长\n(一)加强预期引导\n"
        "围绕经济政策执行情况及时宣传解读。\n市发改委牵头落实\n"
        "加强财政政策信息公开,按月公开财政收支。\n市财政局、市金融办分别牵头落实\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.section, t.lead) for t in tasks] == [
        ("一.(一)", "加强预期引导", ["市发改委"]),
        ("一.(一)b", "加强预期引导", ["市财政局", "市金融办"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "具体任务\n完成方舱医院改造,守好防线。\n责任单位\n县卫健局、县文旅局\n配合单位\n各乡镇\n",
        "具体任务: | 完成方舱医院改造,守好防线。 |\n责任单位: | 县卫健局、县文旅局 |\n配合单位: | 各乡镇 |\n",
    ],
)
def test_one_row_written_as_label_value_pairs(text):
    (task,) = parse_text(text).tasks
    # 责任单位 beside no lead is joint even when a 配合单位 follows; 各乡镇 is a placeholder.
    assert (task.title, task.joint, list(task.vague)) == (
        "完成方舱医院改造,守好防线",
        ["县卫健局", "县文旅局"],
        ["各乡镇"],
    )


# --- statements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "列第一位者为牵头单位",
        "排在第一位的部门为牵头部门",
        "首位单位为牵头单位",
        "第一个为牵头单位",
        "排名第一的为牵头单位",
    ],
)
def test_first_listed_leads_in_any_wording_and_holds_on(note):
    text = (
        "江城市实施方案\n一、重点任务\n"
        f"(一)推进甲项工作。做好甲。(市教育局、市科协负责。{note},下同)\n"
        "(二)推进乙项工作。做好乙。(市财政局负责)\n"
    )
    assert summary(parse_text(text)) == [
        ("推进甲项工作", ["市教育局"], ["市科协"], []),
        ("推进乙项工作", ["市财政局"], [], []),
    ]


def test_several_brackets_in_one_item_are_subtasks():
    text = (
        "江城市实施方案\n一、重点任务\n"
        "(一)鼓励创新创业。推进商事制度改革。(市场监管局负责)加强创业教育服务,帮助企业对接高校。"
        "(市体育局、市教育局负责)推广新技术应用。(市科技局负责)\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.title, t.joint) for t in tasks] == [
        ("一.(一)", "鼓励创新创业", ["市场监管局"]),
        ("一.(一)b", "加强创业教育服务,帮助企业对接高校", ["市体育局", "市教育局"]),
        ("一.(一)c", "推广新技术应用", ["市科技局"]),
    ]


@pytest.mark.parametrize(
    "statement, expected",
    [
        (
            "[市水务局牵头,市工信委、城建局配合。以下均需各县区落实,不再列出]",
            (["市水务局"], ["市工信委", "市城建局"], []),
        ),
        ("【牵头单位:区卫健局;责任单位:区创文办】", (["区卫健局"], ["区创文办"], [])),
        ("〔市教育局、市科协负责〕", ([], [], ["市教育局", "市科协"])),
        ("(全国总工会等和各省级人民政府负责)", ([], [], ["全国总工会"])),
        ("(市财政局、市民政局等部门单位按职责分工负责)", ([], [], ["市财政局", "市民政局"])),
        ("(省发改委牵头卖力)", (["省发改委"], [], [])),  # a spun copy's verb after 牵头
        ("(分管副省长负责,省发改委牵头,省工信厅、省", (["省发改委"], ["省工信厅"], [])),  # cut excerpt
    ],
)
def test_bracket_and_clause_varieties(statement, expected):
    s = parse_statement(statement)
    assert (list(s.lead), list(s.support), list(s.joint)) == (
        [*expected[0]],
        [*expected[1]],
        [*expected[2]],
    )


def test_item_opening_with_its_responsible_unit():
    text = "枞阳县安全生产大排查方案\n三、职责分工\n1.县应急管理局负责危险化学品的隐患排查治理工作。\n2.县公安局负责道路交通的隐患排查治理工作。\n"
    assert [(t.title, t.joint) for t in parse_text(text).tasks] == [
        ("县应急管理局负责危险化学品的隐患排查治理工作", ["县应急管理局"]),
        ("县公安局负责道路交通的隐患排查治理工作", ["县公安局"]),
    ]


def test_guarantee_chapters_are_no_tasks_even_when_bracketed():
    text = (
        "江城市实施方案\n一、重点任务\n(一)推进甲项工作。做好甲。(市教育局负责)\n"
        "二、保障措施\n(二)加强组织领导。建立协调机制。(市政府办公室负责)\n"
    )
    assert [t.title for t in parse_text(text).tasks] == ["推进甲项工作"]


# --- script and page noise ----------------------------------------------------------------------


def test_traditional_script_folds_with_opencc_and_ruby_leaves_unit_names():
    assert fold("牽頭單位：市經貿委；配合單位：國土房管局") == "牵头单位:市经贸委;配合单位:国土房管局"
    s = parse_statement("(牽頭單位:市經(jīng)貿(mào)委;配合單位:市規(guī)劃局)")
    assert (s.lead, s.support) == (("市經貿委",), ("市規劃局",))


def test_html_of_a_database_dump_is_cleaned():
    raw = '<p>\n\t\u3000\u3000一、重点任务</p><p align=\\"left\\">\n\t\u3000\u30001.推进甲项工作。(牵头单位:市教育局)</p>'
    assert clean(raw) == "一、重点任务\n1.推进甲项工作。(牵头单位:市教育局)"


def test_garbled_heading_paywall_gap_and_outline():
    text = (
        "目錄/提綱:……\n一、工作任務\n(一)確保市場穩定\n4、加強幫扶\n"
        "某市民生工作方案\n一、工作任務\n(一)確保市場穩定\n1.加強監測。(責任單位:市商務局、各縣市區人民政府\n"
        "……(某網省略584字,正式會員可完整閱讀)……\n"
        "名殘疾兒童開展康復救助。(責任單位:市殘聯)\n"
        " ?。ǘ┩七M石化基地建設。(牽頭單位:市發改委)\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.path, t.joint, t.lead) for t in tasks] == [
        ("一.(一).1", ["市商務局"], []),
        ("一.(一).…", ["市殘聯"], []),
        ("一.(二)", [], ["市發改委"]),
    ]


def test_flattened_page_is_split_at_its_headings_and_labels():
    text = (
        "海盐县重点工作责任分解 各部门要高度重视,确保按时完成既定的目标任务,加快经济社会高质量发展。"
        "各级各部门要全面贯彻落实县党代会精神,深入推进三个年活动,聚焦聚力七大提升行动,加强组织领导,"
        "明确具体任务,细化工作方案,以优异成绩迎接党的二十大胜利召开。"
        "政府工作报告重点工作责任分解 一、县长牵头重点工作 1.全县生产总值增长7.5%左右,收入倍差进一步缩小。"
        " 责任单位:县发改局(首位单位为牵头单位,下同)、县财政局 2.落实过紧日子的要求,严控三公经费。"
        " 责任单位:县财政局 二、副县长牵头重点工作 1.坚持集体学法,提高决策科学化水平。 责任单位:县司法局"
    )
    assert [(t.path, t.lead, t.support) for t in parse_text(text).tasks] == [
        ("一.1", ["县发改局"], ["县财政局"]),
        ("一.2", ["县财政局"], []),
        ("二.1", ["县司法局"], []),
    ]


def test_chapter_heading_carrying_an_overall_lead():
    text = "江城市方案\n一、推进教育现代化（市教育局总牵头）\n(一)建设学校。做好建设。\n(二)培养教师。做好培养。(市人社局配合)\n"
    assert summary(parse_text(text)) == [
        ("建设学校", ["市教育局"], [], []),
        ("培养教师", ["市教育局"], ["市人社局"], []),
    ]


def test_labels_and_values_on_alternate_lines_under_numbered_items():
    text = (
        "江城市方案\n一、重点任务\n1.推进甲项工作。做好甲。\n牵头单位\n市教育局\n配合单位\n市财政局、市科协\n"
        "2.推进乙项工作。\n责任单位\n市民政局\n"
    )
    assert summary(parse_text(text)) == [
        ("推进甲项工作", ["市教育局"], ["市财政局", "市科协"], []),
        ("推进乙项工作", [], [], ["市民政局"]),
    ]


def test_indicator_table_rows_are_tasks():
    text = (
        "江城市2024年主要指标分解表\n指标\t单位\t目标值\t责任部门\n"
        "地区生产总值增速\t%\t6.5\t市发改委\n城镇新增就业\t万人\t1.2\t市人社局、市财政局\n"
    )
    assert summary(parse_text(text)) == [
        ("地区生产总值增速", [], [], ["市发改委"]),
        ("城镇新增就业", [], [], ["市人社局", "市财政局"]),
    ]


_PLAN_IN_PARAGRAPHS = """江城市促进就业专项行动方案
一、重点任务
（一）扩大就业容量。支持中小微企业稳定岗位，落实社会保险补贴和创业担保贷款贴息政策，对吸纳高校毕业生就业的企业给予一次性扩岗补助。（市人力资源社会保障局、市财政局负责。列第一位者为牵头单位，下同）
（二）强化技能培训。面向农民工、退役军人和失业人员开展以工代训和订单式培训，推动职业院校与重点企业共建实训基地。（市人力资源社会保障局、市教育局、市退役军人事务局负责）
（三）支持返乡创业。建设返乡创业园和孵化基地，提供场地租金减免、创业培训和融资对接等一站式服务，带动更多农村劳动力就近就业。（市农业农村局、市人力资源社会保障局、市财政局负责）
二、兜底服务行动
（一）兜牢民生底线。对就业困难人员实行实名制动态管理，通过公益性岗位托底安置，按规定落实失业保险待遇。牵头单位：市民政局；配合单位：市人力资源社会保障局、市总工会
（二）加强就业服务。完善城乡公共就业服务体系，推行线上线下一体化招聘，常态化开展春风行动和民营企业招聘月等专项活动。牵头单位：市人力资源社会保障局；配合单位：市工商联、市总工会
"""


@pytest.mark.parametrize("width", [24, 30, 37])
def test_hard_wrapped_text_reads_as_its_paragraphs(width):
    # Text copied from a PDF or a document site's preview: every line broken at one width, inside
    # brackets, names and the first-listed-leads note.
    wrapped = "\n".join(
        line[i : i + width] for line in _PLAN_IN_PARAGRAPHS.splitlines() for i in range(0, len(line), width)
    )
    expected = [(t.path, t.lead, t.support, t.joint) for t in parse_text(_PLAN_IN_PARAGRAPHS).tasks]
    assert [(t.path, t.lead, t.support, t.joint) for t in parse_text(wrapped).tasks] == expected
    assert expected[0][1] == ["市人力资源社会保障局"] and expected[3][2] == [
        "市人力资源社会保障局",
        "市总工会",
    ]


def test_a_few_lines_of_one_length_are_not_taken_for_wraps():
    lines = ["牵头单位：市教育局、市科学技术协会", "牵头单位：市财政局、市科学技术协会"] * 3 + ["推进科普。"]
    assert clean("\n".join(lines)).split("\n") == lines


def _garbled(line: str) -> str:
    """`line` after an ideographic-space indent, its GBK bytes decoded one byte off (a scrape's
    damage: the lost first byte shows as ?, the indent's second byte and （ make the stray 。)."""
    data = ("\u3000" + line).encode("gbk")
    return "?" + data[1:].decode("gbk", errors="replace")


def test_a_garbled_bracket_is_a_heading_only_when_it_held_a_numeral():
    text = "\n".join(
        [
            "江城市就业服务提升方案",
            "一、重点任务",
            _garbled("（一）完善公共就业服务"),
            "推进就业服务下沉社区。（牵头单位：市人力资源社会保障局）",
            _garbled("（二）加强职业培训"),
            "开展订单式培训。（牵头单位：市教育局）",
            _garbled("（江城市人力资源和社会保障局代章）"),
        ]
    )
    assert text.split("\n")[2].startswith("?。ㄒ") and text.split("\n")[-1].startswith("?。ń")
    tasks = parse_text(text).tasks
    assert [(t.path, t.lead) for t in tasks] == [
        ("一.(一)", ["市人力资源社会保障局"]),
        ("一.(二)", ["市教育局"]),
    ]


def test_an_excerpt_cut_after_a_label_whose_only_name_is_cut():
    # The last list of a cut statement held one name, cut mid-name: the list goes, the rest stays.
    statement = parse_statement("牵头组织实施单位:区卫健局；责任单位:老龄健", cut=True)
    assert (statement.lead, statement.support, statement.joint) == (("区卫健局",), (), ())
    text = "江城区养老服务实施方案\n一、重点任务\n1.建设社区食堂。（牵头单位：区民政局；责任单位：老龄健"
    assert [(t.lead, t.support) for t in parse_text(text).tasks] == [(["区民政局"], [])]


def test_items_run_on_after_the_bracket_that_closed_the_one_before():
    text = (
        "江城市教育发展任务分工方案\n一、学前教育\n"
        "1.扩大普惠性学前教育资源。（市教育局、市发展改革委）2.加强幼儿园教师队伍建设。"
        "（市教育局、市人力资源社会保障局）3.规范民办幼儿园办园行为。（见附件1）4.完善资助制度。（市财政局）"
    )
    tasks = parse_text(text).tasks
    assert [t.path for t in tasks] == ["一.1", "一.2", "一.3", "一.4"]
    assert tasks[1].joint == ["市教育局", "市人力资源社会保障局"] and tasks[3].joint == ["市财政局"]
