"""Task tables whose header words no list names but whose cells have the general form of header
cells: a role word before a unit column's ending (负责科室), a task column's ending (民生实事,
项目内容), columns of people (负责人), deadlines (计划完成时间) and columns read as nothing (当前进度).
Each text is written for these tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_text


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


def test_a_group_title_ending_like_a_task_column_after_the_unit_column_opens_the_first_row():
    text = (
        "江城區2021年民生實事進展表\n項目名稱\n內容\n牽頭單位\n進展情況\n"
        "助老服務項目\n新增老年食堂10個。\n區民政局\n已完成6個。\n"
    )
    assert rows(text) == [("新增老年食堂10個", ["區民政局"], [], [])]


def test_a_space_separated_table_without_row_numbers():
    text = (
        "江城市基本公共服务清单\n"
        "项目名称 服务对象 服务内容 支出责任 牵头负责单位\n"
        "困难救助 本市困难群众 发放临时救助金。 市财政负担 市民政局\n"
        "就业服务 本市失业人员 提供职业技能培训。 市与区财政分别负担 市人力资源社会保障局、市财政局\n"
    )
    assert rows(text) == [
        ("发放临时救助金", ["市民政局"], [], []),
        ("提供职业技能培训", ["市人力资源社会保障局", "市财政局"], [], []),
    ]


def test_pipe_rows_under_a_merged_number_and_unit_cell_are_sub_tasks_of_the_row_above():
    text = (
        "江城区2022年民生实事进展情况表\n"
        "序号 | 项目内容 | 进展情况 | 责任单位 |\n"
        "1 | 新建幼儿园3所。 | 已建成2所。 | 教育局 |\n"
        "新增学位900个。 | 已新增学位600个。 | ||\n"
        "2 | 新增公交线路3条。 | 已开通2条。 | 交通运输局 |\n"
        "江城区人民政府办公室\n"
    )
    plan = parse_text(text)
    assert [(t.path, t.title, t.joint) for t in plan.tasks] == [
        ("1", "新建幼儿园3所", ["教育局"]),
        ("1b", "新增学位900个", ["教育局"]),
        ("2", "新增公交线路3条", ["交通运输局"]),
    ]


def test_units_stacked_one_per_line_in_a_cell_and_a_row_under_a_merged_number_and_unit():
    text = (
        "江城县2016年民生实事目标任务分解表\n序号\n民生实事\n责任单位\n完成时限\n"
        "1\n建设城区滨河公园。\n县水务局\n县住建局\n县园林处\n12月底前\n"
        "2\n开工建设县养护楼。\n县民政局\n5月底前\n开工建设县老年大学。\n12月底前\n"
        "3\n新建农贸市场1个。\n县商务局\n10月底前\n"
        "江城县人民政府办公室\n"
    )
    plan = parse_text(text)
    assert [(t.path, t.title, t.joint) for t in plan.tasks] == [
        ("1", "建设城区滨河公园", ["县水务局", "县住建局", "县园林处"]),
        ("2", "开工建设县养护楼", ["县民政局"]),
        ("2b", "开工建设县老年大学", ["县民政局"]),
        ("3", "新建农贸市场1个", ["县商务局"]),
    ]
    assert [t.deadline for t in plan.tasks] == ["12月底前", "5月底前", "12月底前", "10月底前"]


def test_a_pipe_row_cut_after_its_task_cell_keeps_its_number_and_task():
    text = (
        "江城区2022年民生实事进展情况表\n"
        "序号 | 项目内容 | 进展情况 | 责任单位 |\n"
        "1 | 新建幼儿园3所。 | 已建成2所。 | 教育局 |\n"
        "2 | 新增公交线路3条。 | 已开通2条,剩余\n"
    )
    plan = parse_text(text)
    assert [(t.path, t.title, t.joint) for t in plan.tasks] == [
        ("1", "新建幼儿园3所", ["教育局"]),
        ("2", "新增公交线路3条", []),
    ]


def test_a_pipe_row_under_a_merged_number_cut_by_the_end_of_the_excerpt_is_a_sub_task_with_no_unit():
    text = (
        "江城区2022年民生实事进展情况表\n"
        "序号 | 项目内容 | 进展情况 | 责任单位 |\n"
        "1 | 新建幼儿园3所。 | 已建成2所。 | 教育局 |\n"
        "新增学位900个。 | 已新增学位600个。 | ||\n"
        "新增托位300个。 | 已新增托位200个,剩余的年底前完成。\n"
    )
    plan = parse_text(text)
    assert [(t.path, t.title, t.joint) for t in plan.tasks] == [
        ("1", "新建幼儿园3所", ["教育局"]),
        ("1b", "新增学位900个", ["教育局"]),
        ("1c", "新增托位300个", []),
    ]


def test_a_pipe_row_broken_over_lines_at_its_numbered_notes_and_labels_is_one_row():
    text = (
        "江城市2023年重点工作半年度完成情况汇总表\n"
        "序号 | 工作任务 | 进展情况 | 存在问题和下步计划 | 责任单位 |\n"
        "5 | 提高公共文化服务水平,加快推进市图书馆新馆建设。 |\n"
        "1.深入实施公共文化设施提升工程,总体进度正常。\n"
        "2.完成建设城市书房20个。 | 下步计划:指导县(市、区)查漏补缺。 |\n"
        "牵头单位:市文广旅游局\n"
        "责任单位:市财政局、市住建局 |\n"
        "6 | 加大文物保护力度。 | 完成文物普查。 | 无。 | 市文广旅游局 |\n"
    )
    assert rows(text) == [
        ("提高公共文化服务水平,加快推进市图书馆新馆建设", ["市文广旅游局"], ["市财政局", "市住建局"], []),
        ("加大文物保护力度", [], [], ["市文广旅游局"]),
    ]


def test_a_table_whose_cells_ran_together_one_row_a_line_with_notes_after_the_units():
    text = (
        "江城区2020年民生实事进展表\n"
        "实事内容工作任务责任单位进展情况\n"
        "一季度二季度三季度四季度\n"
        "助老服务新建老年食堂10个。区民政局,相关镇街1.完成选址; 2.完成招标。\n"
        "2.完成主体建设。\n"
        "新增养老床位300张。区卫健局,相关镇街目前已完成120张。\n"
        "江城区人民政府办公室\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint, t.vague) for t in plan.tasks] == [
        ("助老服务新建老年食堂10个", ["区民政局"], ("相关镇街",)),
        ("新增养老床位300张", ["区卫健局"], ("相关镇街",)),
    ]
