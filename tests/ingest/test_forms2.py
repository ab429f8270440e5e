"""Forms met in unseen plans (the second held-out set): closing role verbs with a complement of
action words, 参加 as support, prose 由A承办，B协办 assignments, bare unit lists with a nested
parenthesis on their own line, and unit lists running over placeholders.

Every text here is written for the test (no published plan is copied); each asserts the roles the
gold schema (../shared/gold/SCHEMA.md) and the dev set's conventions give it."""

from __future__ import annotations

import pytest
from _roles import roles

from policygraph.ingest.parse import parse_text

HEAD = "某某市推进数字经济发展实施方案\n一、重点任务\n"


@pytest.mark.parametrize(
    ("bracket", "lead", "joint"),
    [
        ("（市发改委负责组织实施）", [], ["市发改委"]),
        ("（市发改委组织实施）", [], ["市发改委"]),
        ("（市发改委、市财政局负责抓好落实）", [], ["市发改委", "市财政局"]),
        ("（市发改委负责具体实施）", [], ["市发改委"]),
        ("（市发改委牵头协调推进）", ["市发改委"], []),
        ("（市发改委负责督促指导）", [], ["市发改委"]),
        ("（市发改委牵头统筹协调）", ["市发改委"], []),
    ],
)
def test_a_closing_verb_with_a_complement_of_action_words(bracket, lead, joint):
    body = f"1.建设数据中心。加快建设一批算力设施。{bracket}\n2.培育数字企业。扶持企业。（市工信局负责）\n"
    assert roles(HEAD + body) == [("一.1", lead, [], joint), ("一.2", [], [], ["市工信局"])]


PROSE = (
    "某某省整治食品安全工作方案\n"
    "一、整治农产品污染\n"
    "由省农业厅承办，省卫生厅、商务厅、质监局协办。整治目标：抽检合格率达到95%以上。主要措施：\n"
    "（一）由省农业厅负责，省商务厅配合，建设一批标准化生产基地，做好投入品监管和技术培训工作。"
    "省林业局做好林产品基地建设。省海关、省税务局负责，省商务厅配合，强化对出口产品的检验和监管。\n"
    "（二）由省市场监管局负责，省卫生厅配合，开展农贸市场专项检查，规范经营秩序。\n"
)


def test_a_chapter_carrying_its_own_prose_assignment_is_a_task():
    tasks = {t[0]: t[1:] for t in roles(PROSE)}
    # 承办 with a separate 协办 list: joint + support (a 责任单位-type list beside support, no lead mark)
    assert tasks["一"] == ([], ["省卫生厅", "省商务厅", "省质监局"], ["省农业厅"])
    # an item without units of its own takes the chapter's: the chapter states it for its items
    inherited = PROSE.replace("（二）由省市场监管局负责，省卫生厅配合，", "（二）")
    assert "一" not in {t[0] for t in roles(inherited)}
    # a mark on the heading line is stated for the tasks under it (the heading-level lead), no task itself
    marked = PROSE.replace(
        "一、整治农产品污染\n由省农业厅承办，省卫生厅、商务厅、质监局协办。",
        "一、整治农产品污染（省农业厅负责）\n",
    )
    assert "一" not in {t[0] for t in roles(marked)}


def test_a_second_role_sentence_inside_an_item_is_a_sub_task():
    tasks = {t[0]: t[1:] for t in roles(PROSE)}
    assert tasks["一.(一)"] == ([], ["省商务厅"], ["省农业厅"])
    assert tasks["一.(一)b"] == ([], ["省商务厅"], ["省海关", "省税务局"])
    titles = {t.path: t.title for t in parse_text(PROSE).tasks}
    assert titles["一.(一)b"].startswith("省海关、省税务局负责")


def test_a_bare_unit_list_with_a_nested_parenthesis_on_its_own_line_is_the_items_assignment():
    text = (
        "某某市2011年重点工作分解方案\n一、目标分解\n"
        "1、地区生产总值增长10%。\n（市发改委、统计局）\n"
        "2、居民人均可支配收入增长9%。\n（市发改委、农委、人社局，各市（县）、区政府）\n"
        "3、城镇登记失业率控制在3%以内。\n（市人社局，各市（县）、区政府）\n"
    )
    plan = parse_text(text)
    got = [(t.path, [a.unit.name for a in t.assignments], t.vague) for t in plan.tasks]
    assert got == [
        ("一.1", ["市发改委", "市统计局"], ()),
        ("一.2", ["市发改委", "市农委", "市人社局"], ("各市（县）、区政府",)),
        ("一.3", ["市人社局"], ("各市（县）、区政府",)),
    ]


def test_an_abbreviated_unit_takes_the_prefix_of_its_own_comma_group():
    text = HEAD + "1.地区生产总值增长8%。\n（市发改委、财政局，苏州国税局、地税局）\n"
    units = [a.unit.name for a in parse_text(text).tasks[0].assignments]
    assert units == ["市发改委", "市财政局", "苏州国税局", "苏州地税局"]


def test_a_placeholder_keeps_its_generic_second_noun_and_pastes_no_prefix():
    text = HEAD + "1.推进政务服务标准化。（牵头单位：市审批局；责任单位：市直有关部门、单位，各区政府）\n"
    task = parse_text(text).tasks[0]
    assert [(a.unit.name, a.role.value) for a in task.assignments] == [("市审批局", "lead")]
    assert task.vague == ("市直有关部门、单位", "各区政府")


def test_a_standing_clause_hands_its_placeholders_to_every_later_task():
    text = HEAD + (
        "1.设立中小企业发展专项资金。（责任单位：市工信局、市财政局等有关部门，各县区人民政府、园区管委会。"
        "以下措施均需各县区人民政府、园区管委会落实，不再单独列出）\n"
        "2.降低企业用电成本。（责任单位：市发改委）\n"
        "3.减免小微企业房租。\n"
    )
    tasks = parse_text(text).tasks
    # a zone committee written with the bare class word after 各县区 is a placeholder, not 市园区管委会
    assert [a.unit.name for a in tasks[0].assignments] == ["市工信局", "市财政局"]
    assert [t.vague for t in tasks] == [
        ("有关部门", "各县区人民政府", "园区管委会"),
        ("各县区人民政府", "园区管委会"),
        ("各县区人民政府", "园区管委会"),
    ]


def test_a_level_word_with_its_committee_in_brackets_stays_in_the_placeholder():
    text = HEAD + "1.编制准入清单。（市生态环境局牵头，市财政局参与，各县、区人民政府（管委会）负责落实）\n"
    task = parse_text(text).tasks[0]
    assert [a.unit.name for a in task.assignments] == ["市生态环境局", "市财政局"]
    assert task.vague == ("各县、区人民政府（管委会）",)


@pytest.mark.parametrize("duty", ["各地要认真组织实施。", "各部门要积极配合。"])
def test_a_duty_sentence_names_no_placeholder(duty):
    text = HEAD + f"1.建设数据中心。加快建设一批算力设施。{duty}（市发改委负责）\n"
    task = parse_text(text).tasks[0]
    assert ([a.unit.name for a in task.assignments], task.vague) == (["市发改委"], ())


def test_a_sentence_opening_with_its_roles_may_name_a_placeholder_after_the_subject():
    text = HEAD + "1.加强校园安全。市教育局负责，各有关部门配合，做好学校安全隐患排查工作。\n"
    task = parse_text(text).tasks[0]
    assert ([(a.unit.name, a.role.value) for a in task.assignments], task.vague) == (
        [("市教育局", "joint")],
        ("各有关部门",),
    )
