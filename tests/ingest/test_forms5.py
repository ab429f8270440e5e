"""Statement forms found on a sixth and seventh set of unseen plans (texts written for these tests)."""

from __future__ import annotations

import pytest
from _roles import roles

from policygraph.errors import InputError
from policygraph.ingest import parse_file, parse_text


def test_a_closing_paragraph_assigns_the_items_above_it_with_no_heading():
    # a page opening at item 4: the items sit under no heading, the 以上工作由… paragraph is theirs
    text = (
        "4.加快职业学校建设。3月底前完成部署。\n"
        "5.提升高中办学水平。11月底前完成建设。\n"
        "以上工作由省教育厅、人力资源社会保障厅牵头,会同省财政厅负责。\n"
    )
    assert roles(text) == [
        ("4", ["省教育厅", "省人力资源社会保障厅"], ["省财政厅"], []),
        ("5", ["省教育厅", "省人力资源社会保障厅"], ["省财政厅"], []),
    ]


def test_angle_brackets_nest_inside_a_bracket_and_a_trailing_note_is_dropped():
    text = (
        "一、重点任务\n"
        "1.拓展市场空间。(牵头单位:市商务局;责任单位:市财政局,各区人民政府〈含开发区管委会,下同〉)\n"
        "2.加强交流合作。(牵头单位:市商务局;责任单位:各县<市、区>人民政府)\n"
    )
    plan = parse_text(text)
    assert [list(t.vague) for t in plan.tasks] == [["各区人民政府"], ["各县<市、区>人民政府"]]
    assert [list(t.support) for t in plan.tasks] == [["市财政局"], []]


def test_a_lone_angle_bracket_is_no_bracket():
    text = "一、重点任务\n1.细颗粒物浓度<35微克。(市生态环境局牵头,市住建局配合)\n2.扩绿。(市园林局牵头)\n"
    assert roles(text) == [
        ("一.1", ["市生态环境局"], ["市住建局"], []),
        ("一.2", ["市园林局"], [], []),
    ]


def test_the_first_listed_note_beside_names_set_off_by_commas():
    text = "一、重点任务\n(一)健全管理体制。完善学前教育管理。(市教育局,市委农办,各县(市、区)人民政府,排名第一位为牵头单位,下同)\n"
    [task] = parse_text(text).tasks
    assert (list(task.lead), list(task.support), list(task.vague)) == (
        ["市教育局"],
        ["市委农办"],
        ["各县(市、区)人民政府"],
    )


def test_the_first_listed_note_naming_the_first_unit_a_responsible_unit():
    text = (
        "一、重点任务\n"
        "(一)推进PPP项目建设。\n责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)\n"
        "(二)落实招投标政策。\n责任单位:市建设局、市交通局\n"
    )
    assert roles(text) == [
        ("一.(一)", ["市发改委"], ["市财政局"], []),
        ("一.(二)", ["市建设局"], ["市交通局"], []),
    ]


def test_a_zone_or_park_body_takes_no_prefix_from_its_list():
    text = "一、重点任务\n1.加强街道党建。\n牵头单位:区委组织部\n协办单位:区委编办、园区党工委、开发区管委会、民政局\n"
    [task] = parse_text(text).tasks
    assert list(task.support) == ["区委编办", "园区党工委", "区民政局"]
    assert list(task.vague) == ["开发区管委会"]  # a class of bodies (every zone's), not one unit


def test_sub_points_run_on_after_a_heading_with_its_period_are_the_tasks():
    text = (
        "一、减少审批事项\n"
        "1.深化商事制度改革。(1)落实多证合一改革。整合涉企证照。(市市场监管局牵头负责)"
        "(2)完善企业登记全程电子化。推行网上申请。(市数据资源局牵头负责)\n"
        "2.推进投资审批改革。实行承诺制,包括(1)简化材料,(2)压缩时限。(市发改委牵头)\n"
    )
    assert roles(text) == [
        ("一.1.(1)", ["市市场监管局"], [], []),
        ("一.1.(2)", ["市数据资源局"], [], []),
        ("一.2", ["市发改委"], [], []),  # (1)(2) inside a sentence enumerate, they open no task
    ]


def test_units_leading_each_by_their_duties():
    text = (
        "一、重点任务\n1.制定统一社会信用代码制度。(发展改革委、公安部按照职责分工分别牵头负责,民政部参加)\n"
    )
    assert roles(text) == [("一.1", ["发展改革委", "公安部"], ["民政部"], [])]


def test_division_labels_of_a_department():
    text = "一、重点任务\n1.推动扶贫进校园。\n牵头处室:基教处\n配合处室:职成处、高教处\n2.健全资助体系。\n责任科室:学生资助科\n"
    assert roles(text) == [("一.1", ["基教处"], ["职成处", "高教处"], []), ("一.2", [], [], ["学生资助科"])]


def test_a_sentence_naming_the_writers_own_place_gives_no_jurisdiction():
    text = (
        "为确保我区按时完成村庄环境整治任务,现将各单位任务明确如下:\n"
        "区住建局负责全区村庄环境整治总协调工作。\n"
        "区委农办负责指导各镇按示范村标准建设新社区。\n"
    )
    plan = parse_text(text)
    assert (plan.jurisdiction, plan.level) == ("", "district")  # not 为确保我区, not 台中市新社区


def test_the_function_characters_that_rule_out_a_place_are_in_no_divisions_name():
    from policygraph.ingest.knowledge import knowledge
    from policygraph.ingest.meta import _FUNCTION_CHARS

    names = [d.name for d in knowledge().divisions.values()]
    assert len(names) > 3000
    assert [n for n in names if _FUNCTION_CHARS.search(n)] == []


def test_a_page_that_lost_its_line_breaks_keeps_its_headings():
    measures = "".join(
        f"{n}.推进第{n}项重点改革,完善配套制度,加强督促检查,确保各项措施落到实处。"
        f"牵头单位:市发改委;配合单位:市财政局、有关直属单位"
        for n in (1, 2, 3, 4, 5, 6)
    )
    text = (
        "关于印发某市改革方案的通知各有关单位:现将方案印发给你们,请认真贯彻执行:"
        "一、深化要素改革"
        + measures
        + "二、加强组织保障(一)压实责任。各单位要明确分工。(二)强化督查。定期通报。"
    )
    assert "\n" not in text and len(text) > 400
    assert roles(text) == [
        ("一.1", ["市发改委"], ["市财政局"], []),
        ("一.2", ["市发改委"], ["市财政局"], []),
        ("一.3", ["市发改委"], ["市财政局"], []),
        ("一.4", ["市发改委"], ["市财政局"], []),
        ("一.5", ["市发改委"], ["市财政局"], []),
        ("一.6", ["市发改委"], ["市财政局"], []),
    ]


def test_a_standing_clause_hands_later_tasks_to_the_units_it_names_and_its_placeholders():
    text = (
        "一、强化措施\n"
        "(一)加强劳动合同管理。依法订立劳动合同。(责任单位:市人社局、市水利局等部门,各县市区人民政府,"
        "江城经开区、江城园区管委会。以下均需各县市区人民政府,江城经开区、江城园区管委会负责落实,不再列出)\n"
        "(二)完善实名制管理。依法进行用工实名登记。(责任单位:市人社局)\n"
    )
    first, second = parse_text(text).tasks
    assert list(first.joint) == ["市人社局", "市水利局", "江城经开区", "江城园区管委会"]
    assert list(second.joint) == ["市人社局", "江城经开区", "江城园区管委会"]
    assert list(second.vague) == ["各县市区人民政府"]
    assert [a.inherited for a in second.assignments] == [False, True, True]


def test_numerals_inside_words_of_a_run_on_page_open_no_heading():
    preamble = "关于印发某市方案的通知各单位:全面推行多证合一、一照一码登记模式,现印发给你们:"
    text = (
        preamble
        + "一、总体要求。坚持问题导向,推动第二、三产业融合发展,提升服务水平。" * 5
        + "二、主要任务。1.优化流程,压缩时限。推进三、四级医院建设(市市场监管局牵头,市发展改革委配合)"
        + "2.加强事中事后监管。(市市场监管局牵头)"
        + "三、保障措施。加强组织领导,各单位要明确分工。" * 6
    )
    assert "\n" not in text and len(text) > 400
    assert roles(text) == [
        ("二.1", ["市市场监管局"], ["市发展改革委"], []),
        ("二.2", ["市市场监管局"], [], []),
    ]


def test_a_run_on_page_ending_in_a_download_link_keeps_its_items():
    text = "".join(f"{n}.优化第{n}项流程,压缩办理时限,提升服务水平。(市政务服务局牵头)" for n in range(1, 13))
    text += "附件下载:某某任务清单.pdf"
    assert len(text) > 400
    assert [t.path for t in parse_text(text).tasks] == [str(n) for n in range(1, 13)]


def test_sub_points_enumerated_inside_a_paragraph_leave_it_one_task():
    one_bracket = "一、重点任务\n1.加强管理。(1)完善制度建设。(2)强化考核评价。(市财政局牵头,市人社局配合)\n"
    assert roles(one_bracket) == [("一.1", ["市财政局"], ["市人社局"], [])]
    in_a_section = (
        "一、重点任务\n(二)优化环境。全面推进改革。具体为:(1)简化审批。(2)压缩时限。(市发改委牵头)\n"
    )
    assert roles(in_a_section) == [("一.(二)", ["市发改委"], [], [])]


def test_a_heading_over_one_sub_point_is_split_only_where_an_excerpt_cut_it():
    whole = "一、重点任务\n1.建设学校。(市教育局牵头)\n2.优化服务\n(1)简化流程。(市政务服务局牵头)\n"
    assert [t.path for t in parse_text(whole).tasks] == ["一.1", "一.2"]
    cut = "一、重点任务\n1.建设学校。(市教育局牵头)\n2.优化服务\n(1)简化审批流程,压缩办理"
    assert [t.path for t in parse_text(cut).tasks] == ["一.1", "一.2.(1)"]


def test_a_plan_with_headings_is_not_read_line_by_line(tmp_path):
    # duties under organisational headings are no tasks; the plan still has none
    path = tmp_path / "plan.txt"
    path.write_text(
        "一、加强组织领导\n市应急管理局负责统筹协调。\n二、强化保障措施\n市财政局负责经费保障。\n", "utf-8"
    )
    with pytest.raises(InputError, match="no tasks found"):
        parse_file(path)


def test_comparisons_with_angle_brackets_stay_comparisons():
    text = "一、重点任务\n1.加强监测。浓度<35微克的县区由市生态环境局复核,>10次的通报。(市生态环境局牵头)\n"
    assert roles(text) == [("一.1", ["市生态环境局"], [], [])]


def test_labels_inside_a_bracket_of_a_flattened_page_stay_in_their_bracket():
    filler = "加强学校宣传教育工作,组织开展形式多样的主题活动,营造良好氛围。" * 4
    line = (
        f"一、重点任务 1.推动扶贫进校园。{filler}(牵头领导:刘东 牵头处室:基教处 配合处室:职成处、报刊社) "
        f"指导学校利用班会讲解形势政策。 2.健全资助体系。{filler}(牵头处室:资助中心)"
    )
    assert len(line) > 200
    assert roles(line) == [("一.1", ["基教处"], ["职成处", "报刊社"], []), ("一.2", ["资助中心"], [], [])]


def test_names_that_take_no_prefix_from_their_list():
    text = (
        "一、重点任务\n1.整治市容。\n牵头单位:区城管大队\n配合单位:街道城管中队、新材料产业园\n"
        "2.清扫道路。\n牵头单位:市政局\n配合单位:环卫处\n三、保障措施\n加强领导。\n"
    )
    first, second = parse_text(text).tasks
    assert list(first.support) == ["街道城管中队", "新材料产业园"]  # below the district, a named zone
    assert (list(second.lead), list(second.support)) == (["市政局"], ["环卫处"])  # 市政 + 局, no 市 prefix
