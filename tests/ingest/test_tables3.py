"""Task tables whose header words no list names but whose cells have the general form of header
cells: a role word before a unit column's ending (负责科室), a task column's ending (民生实事,
项目内容), columns of people (负责人), deadlines (计划完成时间) and columns read as nothing (当前进度).
Each text is written for these tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from policygraph.ingest import parse_text


def rows(text):
    return [(t.title, t.lead, t.support, t.joint) for t in parse_text(text).tasks]


def test_a_livelihood_projects_column_and_a_progress_and_remarks_column_are_read():
    text = (
        "江城县2023年民生实事项目进度表\n序号\n项目内容\n当前进度\n牵头单位\n备注\n"
        "1\n新建城市公园2座。\n完成60%\n县住建局\n市民生实事\n"
        "2\n新增公办学位800个。\n已完成\n县教育局\n县民生实事\n"
    )
    assert rows(text) == [
        ("新建城市公园2座", ["县住建局"], [], []),
        ("新增公办学位800个", ["县教育局"], [], []),
    ]


def test_an_office_column_beside_the_lead_is_support_and_a_person_column_names_no_unit():
    text = (
        "江城区2024年养老服务重点工作推进表\n序号\n重点工作任务(民生实事项目)\n牵头单位\n负责科室\n负责人\n"
        "计划完成时间\n1\n新增老年食堂10个\n区民政局\n养老服务科\n张明\n11月底前\n"
        "2\n新增家庭养老床位300张\n区卫健局\n老龄健康科\n李华\n10月底前\n"
        "江城区民政局2024年3月\n"
    )
    plan = parse_text(text)
    assert rows(text) == [
        ("新增老年食堂10个", ["区民政局"], ["养老服务科"], []),
        ("新增家庭养老床位300张", ["区卫健局"], ["老龄健康科"], []),
    ]
    assert [t.leaders for t in plan.tasks] == [("张明",), ("李华",)]


def test_rows_under_a_merged_unit_cell_take_the_units_of_the_row_above():
    text = (
        "江城区2024年民生实事进度表\n序号\n民生实事\n牵头单位\n当前进度\n"
        "1\n新增老年食堂10个\n区民政局\n已建成6个\n"
        "2\n新增养老床位300张\n已完成选址\n"
        "3\n建成老年活动中心\n主体已完工\n"
        "江城区人民政府办公室2024年3月\n"
    )
    assert rows(text) == [
        ("新增老年食堂10个", ["区民政局"], [], []),
        ("新增养老床位300张", ["区民政局"], [], []),
        ("建成老年活动中心", ["区民政局"], [], []),
    ]
