"""Statement forms found on the held-out sets after the fourth landing (texts written for these tests)."""

from __future__ import annotations

from _roles import roles

from policygraph.ingest import parse_text


def test_the_villages_of_one_township_are_a_placeholder_not_a_unit():
    text = (
        "一、重点任务\n"
        "1.整治村容村貌。\n落实单位:县住建局、城关镇各村\n"
        "2.建设社区服务站。\n落实单位:县民政局、江城街道各社区、某乡各村委会\n"
    )
    plan = parse_text(text)
    assert roles(text) == [("一.1", [], [], ["县住建局"]), ("一.2", [], [], ["县民政局"])]
    assert [list(t.vague) for t in plan.tasks] == [["城关镇各村"], ["江城街道各社区", "某乡各村委会"]]


def test_a_document_sites_page_numbers_are_no_items_however_few_pages_an_excerpt_kept():
    # the site's header (chrome) names the file; its preview numbers two pages, the second cut mid-word
    text = (
        "《江城市促进消费若干措施.docx》由会员分享,可在线阅读,更多相关《江城市促进消费若干措施.docx(9页珍藏版)》请在文档站上搜索。\n"
        "1、江城市促进消费若干措施为提振消费,制定本措施。一、发放消费券。安排资金发放消费券。"
        + "围绕重点商圈分批发放,覆盖餐饮、零售、文旅等领域,形成长效机制。"
        * 12  # a page is long
        + "(责任单位:市商务局、市财政局)二、培育夜间\n"
        "2、经济。打造夜间消费街区。(责任单位:市商务局,各区人民政府)\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint) for t in plan.tasks] == [
        ("发放消费券", ["市商务局", "市财政局"]),
        ("培育夜间经济", ["市商务局"]),
    ]
    assert list(plan.tasks[1].vague) == ["各区人民政府"]


def test_a_label_may_gloss_its_noun_with_another_in_brackets():
    text = (
        "一、重点任务\n"
        "1.整治医院公厕。\n责任科室(单位):县总医院、县妇幼保健院\n"
        "2.推进就业服务。(牵头单位（部门）:县人社局;配合单位（部门）:县财政局)\n"
    )
    assert roles(text) == [
        ("一.1", [], [], ["县总医院", "县妇幼保健院"]),
        ("一.2", ["县人社局"], ["县财政局"], []),
    ]


def test_unnumbered_paragraphs_closing_with_their_assignment_are_measures():
    # a page of measures printed without numbers: each paragraph ends with its bracket, after its period
    text = (
        "加快建设充电设施。新建居住区按比例配建充电桩。(责任单位:市供电公司、市发展改革委,完成时限:2023年9月)\n"
        "推进老旧小区改造,完善配套管网;各地年内完成预选招标(责任单位:市住建局,各县(区))\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint, t.deadline) for t in plan.tasks] == [
        ("加快建设充电设施", ["市供电公司", "市发展改革委"], "2023年9月"),
        ("推进老旧小区改造,完善配套管网;各地年内完成预选招标", ["市住建局"], ""),
    ]
    assert list(plan.tasks[1].vague) == ["各县(区)"]
