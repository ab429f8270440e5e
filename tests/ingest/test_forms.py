"""Every assignment form of the issue, read from small plans written for these tests."""

from __future__ import annotations

import pytest

from policygraph.ingest import parse_text
from policygraph.ingest.clean import clean
from policygraph.ingest.extract import parse_statement
from policygraph.ingest.units import inherit_prefix, normalize_unit


def roles(task):
    return task.lead, task.support, task.joint, list(task.vague)


def one_task(text):
    plan = parse_text(text)
    assert len(plan.tasks) == 1, [t.path for t in plan.tasks]
    return plan.tasks[0]


HEAD = "江城市测试实施方案\n一、重点任务\n"


@pytest.mark.parametrize(
    "statement, expected",
    [
        ("(牵头部门:市教育局)", (["市教育局"], [], [], [])),
        (
            "（牵头单位：市教育局，责任单位：市科协、市科技局）",
            (["市教育局"], ["市科协", "市科技局"], [], []),
        ),
        ("（牵头单位：市教育局，责任单位：各成员单位）", (["市教育局"], [], [], ["各成员单位"])),
        ("由市教育局、市科协牵头，市科技局等单位配合。", (["市教育局", "市科协"], ["市科技局"], [], [])),
        (
            "由市教育局、市科协牵头，市科技局、团市委等单位。",
            (["市教育局", "市科协"], ["市科技局", "团市委"], [], []),
        ),
        ("（市教育局、市科协按照职责分工负责）", ([], [], ["市教育局", "市科协"], [])),
        ("（市教育局牵头，市科协、市财政局按职责分工负责）", (["市教育局"], ["市科协", "市财政局"], [], [])),
        ("牵头单位：市教育局；配合单位：市科协、市财政局", (["市教育局"], ["市科协", "市财政局"], [], [])),
        ("由市教育局会同市科协、市财政局负责。", (["市教育局"], ["市科协", "市财政局"], [], [])),
        ("（市教育局、市科协）", ([], [], ["市教育局", "市科协"], [])),
        ("（牽頭單位：市教育局；配合單位：市科協）", (["市教育局"], ["市科協"], [], [])),
        (
            "（牵头单位：市教育局，责任单位：市科协、市财政局、市科协）",
            (["市教育局"], ["市科协", "市财政局"], [], []),
        ),
    ],
)
def test_task_level_forms(statement, expected):
    task = one_task(HEAD + f"1.推进科学教育提质。开设科学实践课程。{statement}\n")
    assert roles(task) == expected
    assert task.title == "推进科学教育提质"
    assert statement.strip("。") in task.assignment_text or statement in task.assignment_text


def test_lead_and_cooperation_labels_on_their_own_lines():
    task = one_task(
        HEAD + "1.建设科普馆。改造展厅。\n牵头责任单位：市科协\n协同责任单位：市财政局、\n市住建局\n"
    )
    assert (task.lead, task.support) == (["市科协"], ["市财政局"]) or task.support == ["市财政局", "市住建局"]


def test_unit_names_broken_by_a_line_wrap_or_spaces_are_rejoined():
    task = one_task(HEAD + "1.建设科普馆。（牵头单位：市科协，责任单位：市文化和\n旅游局、市财 政局）\n")
    assert task.support == ["市文化和旅游局", "市财政局"]


def test_section_lead_is_carried_to_every_task_and_marked_inherited():
    plan = parse_text(
        HEAD + "（一）实施科普行动\n围绕重点人群开展科普。(牵头部门:市科协)\n"
        "1.开展科普日活动。（市科协、市教育局按职责分工负责）\n2.开展科技周活动。\n"
    )
    first, second = plan.tasks
    assert first.lead == ["市科协"] and first.joint == ["市科协", "市教育局"]
    assert second.lead == ["市科协"] and second.joint == []
    assert all(a.inherited for a in second.assignments)
    assert [s.path for s in plan.sections] == ["一", "一.(一)"] and plan.sections[1].kind == "提升行动"


def test_division_paragraph_after_the_measures_belongs_to_the_section():
    plan = parse_text(
        HEAD + "（一）实施科普工程\n措施：\n1.建设科普馆。\n2.建设科普站。\n"
        "分工：由自治区教育厅、科协、团委牵头，有关成员单位配合。\n"
    )
    assert [t.lead for t in plan.tasks] == [["自治区教育厅", "自治区科协", "自治区团委"]] * 2
    assert all(t.vague == ("有关成员单位",) for t in plan.tasks)


def test_first_listed_unit_leads_under_the_convention_carried_on_by_xiatong():
    plan = parse_text(
        "临江区分工方案\n现将任务分工如下（排在首位的为牵头单位，下同）。\n一、重点任务\n"
        "1.建设科普馆。\n责任单位：区科协、区财政局\n2.开展讲堂。\n责任单位：区民政局、区科协、团区委\n"
    )
    assert [(t.lead, t.support) for t in plan.tasks] == [
        (["区科协"], ["区财政局"]),
        (["区民政局"], ["区科协", "团区委"]),
    ]


def test_people_are_leaders_not_units():
    task = one_task(
        HEAD + "1.办好科技大赛。（牵头单位：市科协；责任领导：周明副市长；完成时限：2024年10月）\n"
    )
    assert task.lead == ["市科协"] and task.leaders == ("周明副市长",) and task.deadline == "2024年10月"


def test_placeholders_are_vague_never_units():
    task = one_task(
        HEAD + "1.建设科普场馆。（牵头单位：市科协，责任单位：各县（市、区）人民政府、各有关部门）\n"
    )
    assert task.support == [] and task.vague == ("各县（市、区）人民政府", "各有关部门")


def test_a_task_whose_assignment_cannot_be_read_is_kept_with_empty_roles():
    plan = parse_text(HEAD + "1.建设科普馆。改造展厅。\n2.开展科普日活动。（市科协牵头）\n")
    assert [t.path for t in plan.tasks] == ["一.1", "一.2"]
    assert plan.tasks[0].assignments == () and plan.tasks[1].lead == ["市科协"]


def test_goals_and_principles_are_not_tasks_unless_they_carry_an_assignment():
    plan = parse_text(
        "江城市测试方案\n一、年度目标\n1.比例达到14%。（牵头单位：市科协）\n2.新建活动室20个。\n"
        "二、重点任务\n（一）实施科普行动\n任务：\n——提升能力。\n措施：\n——开展科普日。\n"
        "三、组织实施\n1.加强领导。\n"
    )
    assert [t.path for t in plan.tasks] == ["一.1", "二.(一).——1"]


def test_dash_bullets_and_a_stray_bracket_after_a_section_number():
    plan = parse_text(
        "吉林省测试方案\n二、重点任务\n（四）)实施领导干部科学素质行动。\n措施：\n"
        "——加强教育培训。内容。\n——完善考核。内容。\n分工：由省委组织部、省公务员局牵头，省科协等单位配合。\n"
    )
    assert [t.path for t in plan.tasks] == ["二.(四).——1", "二.(四).——2"]
    assert plan.tasks[0].section == "实施领导干部科学素质行动"
    assert plan.tasks[1].support == ["省科协"]


def test_tab_separated_and_flattened_tables_are_task_lists():
    tabbed = parse_text(
        "江城市方案\n二、任务分工\n序号\t重点任务\t牵头单位（部门）\t配合单位\t完成时限\n"
        "1\t建设科技馆。完成主体工程。\t市科协\t市财政局、市住建局\t2025年\n"
    )
    flat = parse_text(
        "江城市方案\n二、任务分工\n序号\n重点任务\n责任单位\n完成时限\n1\n建设科技馆\n市科协、市财政局\n2025年\n"
    )
    assert [(t.path, t.title, t.lead, t.support, t.deadline) for t in tabbed.tasks] == [
        ("二.1", "建设科技馆", ["市科协"], ["市财政局", "市住建局"], "2025年")
    ]
    assert [(t.path, t.joint) for t in flat.tasks] == [("二.1", ["市科协", "市财政局"])]


def test_inline_headings_of_a_run_together_scrape_and_glued_page_numbers():
    raw = (
        "1、测试行动计划一、原则坚持科学。二、重点工程深化改革。(一)科普信息化工程提升能\n"
        "2、力。1、实施创作计划支持原创作品。2、实施传播计划推进融合,加强培训1、榜样示范等。\n"
        "3、3、实施智慧科普工程推进融合。\n"
    )
    plan = parse_text(raw)
    assert [(t.path, t.title) for t in plan.tasks] == [
        ("二.(一).1", "实施创作计划"),
        ("二.(一).2", "实施传播计划"),
        ("二.(一).3", "实施智慧科普工程"),
    ]
    assert plan.tasks[0].section == "科普信息化工程"


def test_cleaning_removes_chrome_noise_and_fixes_ocr_slips():
    text = clean(
        "当前位置：首页 > 信息公开\n字体：[ 大 中 小 ]\n[bookmark: OLE_LINK1]1.力口强科 普工作。\nPAGE  \n- 1 -\n"
        "扫一扫在手机打开当前页\n上一篇：无\n"
    )
    assert text == "1.加强科普工作。"


def test_prefix_inheritance_and_normalization():
    assert inherit_prefix(["区发展和改革委员会", "工信和科技局", "东胜供电分公司", "团区委"], "东胜区") == [
        "区发展和改革委员会",
        "区工信和科技局",
        "东胜供电分公司",
        "团区委",
    ]
    assert (
        normalize_unit("市教体局", "宜春市").canonical == normalize_unit("市教育体育局", "宜春市").canonical
    )
    assert normalize_unit("区科学技术协会").canonical == normalize_unit("区科协").canonical
    assert normalize_unit("团市委", "宜春市").canonical == "共青团宜春市委员会"
    assert normalize_unit("省人力资源社会保障厅").unit_type == "human_resources"
    assert normalize_unit("市人社局").canonical == "市人力资源和社会保障局"
    assert normalize_unit("省科協").unit_type == "science_association"


def test_statement_text_is_kept_as_written():
    s = parse_statement("（牵头单位：市科协，责任单位：市教育局）")
    assert s.text == "（牵头单位：市科协，责任单位：市教育局）" and s.lead == ("市科协",)


def test_plan_metadata():
    plan = parse_text(
        "宜春市人民政府关于印发宜春市科普方案(2021—2025年)的通知\n宜府发〔2022〕9号 2022年5月30日\n"
        "根据《国务院关于印发全民科学素质行动规划纲要的通知》和《江西省科普条例实施办法》，制定本方案。\n"
        "一、重点任务\n1.开展科普。（市科协负责）\n"
    )
    assert (plan.jurisdiction, plan.level, plan.period, plan.doc_number) == (
        "宜春市",
        "city",
        "2021-2025",
        "宜府发〔2022〕9号",
    )
    assert plan.parents == ("国务院关于印发全民科学素质行动规划纲要的通知", "江西省科普条例实施办法")
    assert plan.tasks[0].joint == ["市科协"]
    assert parse_text(plan.cleaned_text).id == plan.id


def test_chapter_level_lead_and_a_closing_you_clause():
    plan = parse_text(
        "某某县2023年科普工作要点\n一、加强科普阵地建设（牵头单位：县科协）\n（一）建设县科技馆。年内完成布展。\n"
        "（二）建设乡镇科普站。（配合单位：县财政局、县住建局）\n二、提升科普服务能力\n"
        "（一）开展科普日活动。坚持政府推动，由政府主导、社会参与。\n（二）建设科普画廊，由各县（市、区）负责。\n"
        "（三）建设科普e站，由县科协、县财政局负责。\n"
    )
    got = [(t.path, t.section, t.title, t.lead, t.support, t.joint, t.vague) for t in plan.tasks]
    assert got == [
        ("一.(一)", "加强科普阵地建设", "建设县科技馆", ["县科协"], [], [], ()),
        ("一.(二)", "加强科普阵地建设", "建设乡镇科普站", ["县科协"], ["县财政局", "县住建局"], [], ()),
        ("二.(一)", "提升科普服务能力", "开展科普日活动", [], [], [], ()),
        ("二.(二)", "提升科普服务能力", "建设科普画廊", [], [], [], ("各县（市、区）",)),
        ("二.(三)", "提升科普服务能力", "建设科普e站", [], [], ["县科协", "县财政局"], ()),
    ]


def test_responsible_units_under_a_section_lead_support_it_and_paren_numbered_items():
    plan = parse_text(
        "江城市方案\n一、重点任务\n（一）实施科普行动（牵头单位：市科协）\n"
        "(1)开展科普日。（责任单位：市教育局、市科技局）\n(2)开展科技周。（市教育局、市财政局按职责分工负责）\n"
    )
    assert [(t.path, t.lead, t.support, t.joint) for t in plan.tasks] == [
        ("一.(一).(1)", ["市科协"], ["市教育局", "市科技局"], []),
        ("一.(一).(2)", ["市科协"], [], ["市教育局", "市财政局"]),
    ]


def test_table_group_rows_name_the_section_and_empty_rows_are_skipped():
    plan = parse_text(
        "江城市方案\n二、分工\n序号\t重点任务\t牵头单位\t配合单位\n科学教育\t\t\t\n"
        "1\t建设实验室。\t市教育局\t市财政局\n2\t\t\t\n3\t开展科普日。\t市科协\t市科技局\n"
    )
    assert [(t.path, t.section, t.title, t.lead) for t in plan.tasks] == [
        ("二.1", "科学教育", "建设实验室", ["市教育局"]),
        ("二.3", "科学教育", "开展科普日", ["市科协"]),
    ]


def test_a_plan_of_numbered_items_without_chapters():
    plan = parse_text(
        "江城市科普工作任务分工\n1.建设科技馆（责任单位：市科协、市财政局；责任领导：李华）\n"
        "2.开展科普日（市科协）\n"
    )
    assert [(t.path, t.title, t.joint, t.leaders) for t in plan.tasks] == [
        ("1", "建设科技馆", ["市科协", "市财政局"], ("李华",)),
        ("2", "开展科普日", ["市科协"], ()),
    ]


def test_one_mention_of_a_national_event_does_not_make_a_local_plan_national():
    body = (
        "一、重点任务\n（一）青少年科学素质提升行动\n"
        "1.组织全国科普日活动。每年九月组织系列活动。（牵头单位：市科协；配合单位：市教育局）\n"
        "2.建设校园科技馆。推动学校建设科技场馆。（牵头单位：市教育局）\n"
    )
    local = parse_text("科学素质提升实施方案\n\n" + body)
    # no place is named; its units (市科协, 市教育局) speak from a city
    assert (local.jurisdiction, local.level) == ("", "city")
    assert local.tasks[0].lead == ["市科协"]
    national = parse_text(
        "科学素质提升实施方案\n为贯彻国务院部署，推动全国科学素质建设，制定本方案。\n" + body
    )
    assert (national.jurisdiction, national.level) == ("全国", "national")
