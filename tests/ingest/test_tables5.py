"""Task tables of forms the fifth held-out set showed: a progress table whose only unit column is
责任单位 and whose task column is named by an indicator word (任务指标), in traditional script with
pinyin readings in its headers; an indicator table flattened one cell per line whose 序号 comes
after a group column, with text cells on both sides of the task cell (考核指标 | 考核内容 | 单位 |
年度目标) and a column naming the body that scores the work (评分部门), read as nothing; two unit
names of one level run together in a cell. Each text is written for these tests; the real pages
are scored in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_text
from policygraph.ingest.tables import _general_column_kind


def test_a_progress_table_whose_only_unit_column_is_zeren_danwei_gives_joint_units_per_row():
    text = (
        "江城区2025年民生实事进度表\n"
        "序号 | 民生项目指标 | 责任单位 | 完成比例 |\n"
        "1 | 新建社区食堂6个。 | 区民政局 | 30% |\n"
        "2 | 改造老旧小区12个。 | 区住建局 | 55% |\n"
        "3 | 新增城市绿道8公里。 | 区城管局、区园林中心 | 100% |\n"
    )
    assert rows(text) == [
        ("新建社区食堂6个", [], [], ["区民政局"]),
        ("改造老旧小区12个", [], [], ["区住建局"]),
        ("新增城市绿道8公里", [], [], ["区城管局", "区园林中心"]),
    ]


def test_traditional_headers_with_pinyin_readings_name_the_same_columns():
    text = (
        "江城區2025年民生實事進度表\n"
        "序號(hào) | 年度任務(wù)指標(biāo) | 責(zé)任單位 | 進展比例 |\n"
        "1 | 新建社區食堂6個。 | 區民政局 | 30% |\n"
        "2 | 培訓(xùn)家政服務人員300人。 | 區人社局 | 80% |\n"
    )
    assert [(t.path, t.joint) for t in parse_text(text).tasks] == [
        ("1", ["區民政局"]),
        ("2", ["區人社局"]),
    ]


def test_header_cells_of_a_checking_body_and_of_an_indicator_are_read_by_their_words():
    kinds = [_general_column_kind(c) for c in ("评分部门", "考核单位", "督查单位", "配合单位", "任务指标")]
    assert kinds == [
        "column_overseer",
        "column_overseer",
        "column_overseer",
        "support_label",
        "column_indicator",
    ]


def test_a_scoring_column_in_a_pipe_table_names_no_unit():
    text = (
        "江城县2025年目标责任清单\n"
        "序号 | 考核内容 | 目标值 | 责任单位 | 考核单位 |\n"
        "1 | 新增市场主体 | 800户 | 县市场监管局 | 市市场监管局 |\n"
        "2 | 新建农村公路 | 40公里 | 县交通局 | 市交通局 |\n"
    )
    assert rows(text) == [
        ("新增市场主体", [], [], ["县市场监管局"]),
        ("新建农村公路", [], [], ["县交通局"]),
    ]


INDICATORS = (
    "江城县2025年农业农村考核清单\n"
    "考核项目\n序号\n考核指标\n考核内容\n单位\n年度目标\n责任部门\n评分部门\n"
    "农业增效\n"
    "1\n稳定粮食生产\n粮食种植面积\n万亩\n1.2\n县农业农村局\n市农业农村局\n"
    "2\n蔬菜产量\n万吨\n3.5\n县农业农村局\n县供销社\n市农业农村局\n"
    "3\n农产品质量抽检合格率\n%\n≥98%\n县市场监管局\n市市场监管局\n"
    "4\n建设数字农场\n2\n县农业农村局\n市农业农村局\n"
    "5\n推进农田建设\n新建高标准农田\n万亩\n0.5\n县自然资源局\n市自然资源局\n"
)


def test_an_indicator_table_flattened_one_cell_per_line_takes_titles_from_its_task_column():
    assert [t.title for t in parse_text(INDICATORS).tasks] == [
        "粮食种植面积",
        "蔬菜产量",
        "农产品质量抽检合格率",
        "建设数字农场",
        "新建高标准农田",
    ]


def test_the_scoring_column_of_a_flattened_table_is_no_unit_and_stacked_units_stay_joint():
    assert [(t.lead, t.support, t.joint) for t in parse_text(INDICATORS).tasks] == [
        ([], [], ["县农业农村局"]),
        ([], [], ["县农业农村局", "县供销社"]),
        ([], [], ["县市场监管局"]),
        ([], [], ["县农业农村局"]),
        ([], [], ["县自然资源局"]),
    ]


def test_a_scoring_column_of_a_flattened_table_without_row_numbers_names_no_unit():
    text = (
        "江城县2025年重点工作考核表\n重点工作\n责任单位\n考核单位\n"
        "一、项目建设\n"
        "推进产业园二期建设。\n县发改局\n县工信局\n市发改委\n"
        "完成供水管网改造。\n县水利局\n市水利局\n"
    )
    assert rows(text) == [
        ("推进产业园二期建设", [], [], ["县发改局", "县工信局"]),
        ("完成供水管网改造", [], [], ["县水利局"]),
    ]


def test_a_value_cell_after_the_task_cell_is_not_part_of_its_title():
    text = (
        "江城区2025年重点任务进展表\n序号\n重点任务\n进展情况\n责任单位\n"
        "1\n建成区级数据中心。\n已完成主体施工\n区大数据局\n"
        "2\n开通定制公交线路5条。\n已开通3条,\n其余2条正在调试。\n区交通局\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.title, t.joint) for t in tasks] == [
        ("建成区级数据中心", ["区大数据局"]),
        ("开通定制公交线路5条", ["区交通局"]),
    ]
    assert "调试" not in tasks[1].text


def test_a_row_cut_in_its_unit_cell_keeps_its_title_and_names_no_unit():
    text = (
        "江城县2025年农业农村考核清单\n序号\n考核内容\n单位\n年度目标\n责任部门\n评分部门\n"
        "1\n粮食种植面积\n万亩\n1.2\n县农业农村局\n市农业农村局\n"
        "2\n推广农业新技术\n项\n5\n县"
    )
    assert rows(text) == [
        ("粮食种植面积", [], [], ["县农业农村局"]),
        ("推广农业新技术", [], [], []),
    ]


def test_two_unit_names_of_one_level_run_together_in_a_cell_are_two_units():
    text = (
        "江城县2025年重点工作清单\n序号\n重点工作\n责任单位\n"
        "1\n推进园区污水处理设施建设。\n县住建局县生态环境分局\n"
        "2\n开展农村人居环境整治。\n县农业农村局\n"
    )
    assert rows(text) == [
        ("推进园区污水处理设施建设", [], [], ["县住建局", "县生态环境分局"]),
        ("开展农村人居环境整治", [], [], ["县农业农村局"]),
    ]


def test_a_level_letter_opening_a_word_starts_no_second_name():
    text = (
        "江城市2025年重点工作清单\n序号\n重点工作\n责任单位\n"
        "1\n规范农贸市场经营秩序。\n市商务局市场运行科\n"
        "2\n开展食品安全抽检。\n市市场监管局\n"
    )
    assert [t.joint for t in parse_text(text).tasks] == [["市商务局市场运行科"], ["市市场监管局"]]


def test_an_indicator_table_flattened_without_row_numbers_places_its_value_cells():
    text = (
        "江城县2025年农业农村考核清单\n考核指标\n考核内容\n单位\n年度目标\n责任部门\n评分部门\n"
        "稳定粮食生产\n粮食种植面积\n万亩\n1.2\n县农业农村局\n市农业农村局\n"
        "蔬菜产量\n万吨\n3.5\n县农业农村局\n县供销社\n市农业农村局\n"
        "农产品质量抽检合格率\n%\n≥98%\n县市场监管局\n市市场监管局\n"
    )
    assert rows(text) == [
        ("粮食种植面积", [], [], ["县农业农村局"]),
        ("蔬菜产量", [], [], ["县农业农村局", "县供销社"]),
        ("农产品质量抽检合格率", [], [], ["县市场监管局"]),
    ]


def test_a_progress_cell_of_a_table_without_row_numbers_is_not_part_of_its_task():
    text = (
        "江城区2025年重点任务进展表\n重点任务\n进展情况\n责任单位\n一、城市建设\n"
        "建成区级数据中心。\n已完成主体施工\n区大数据局\n"
        "开通定制公交线路5条。\n已开通3条,\n其余2条正在调试。\n区交通局\n区城管局\n"
        "二、社会事业\n新增养老床位200张。\n区民政局\n"
    )
    tasks = parse_text(text).tasks
    assert [(t.title, t.joint) for t in tasks] == [
        ("建成区级数据中心", ["区大数据局"]),
        ("开通定制公交线路5条", ["区交通局", "区城管局"]),
        ("新增养老床位200张", ["区民政局"]),
    ]
    assert [t.text for t in tasks[:2]] == ["建成区级数据中心。", "开通定制公交线路5条。"]


def test_a_progress_table_flattened_one_cell_per_line_keeps_its_progress_column_in_the_header():
    text = (
        "江城区2025年民生实事进展表\n序号\n民生项目指标\n责任单位\n完成比例\n"
        "1\n新建社区食堂6个。\n区民政局\n30%\n2\n改造老旧小区12个。\n区住建局\n55%\n"
    )
    assert rows(text) == [
        ("新建社区食堂6个", [], [], ["区民政局"]),
        ("改造老旧小区12个", [], [], ["区住建局"]),
    ]


GROUPED = (
    "江城县2025年农业农村考核清单\n"
    "考核项目 | 序号 | 考核指标 | 考核内容 | 单位 | 年度目标 | 责任部门 | 评分部门 |\n"
    "农业增效 | 1 | 稳定粮食生产 | 粮食种植面积 | 万亩 | 1.2 | 县农业农村局 | 市农业农村局 |\n"
    "2 | 蔬菜产量 | 万吨 | 3.5 | 县农业农村局、县供销社 | 市农业农村局 |\n"
    "3 | 推进农田建设 | 新建高标准农田 | 万亩 | 0.5 | 县自然资源局 | 市自然资源局 |\n"
    "4 | 建设数字农场 | 个 | 2 | 县农业农村局 | 市农业农村局 |\n"
)
GROUPED_ROWS = [
    ("1", "粮食种植面积", ["县农业农村局"]),
    ("2", "蔬菜产量", ["县农业农村局", "县供销社"]),
    ("3", "新建高标准农田", ["县自然资源局"]),
    ("4", "建设数字农场", ["县农业农村局"]),
]


def test_a_bordered_row_whose_merged_group_cells_are_left_out_keeps_its_cells_under_their_columns():
    tasks = parse_text(GROUPED).tasks
    assert [(t.path, t.title, t.joint) for t in tasks] == GROUPED_ROWS
    assert all(not t.lead and not t.support for t in tasks)


def test_a_tab_separated_row_whose_merged_group_cells_are_left_out_keeps_its_cells_under_their_columns():
    text = GROUPED.replace(" | ", "\t").replace(" |\n", "\n")
    assert [(t.path, t.title, t.joint) for t in parse_text(text).tasks] == GROUPED_ROWS


def test_two_unit_names_of_one_level_run_together_in_a_bordered_cell_are_two_units():
    text = (
        "江城县2025年重点工作清单\n序号 | 重点工作 | 责任单位 |\n"
        "1 | 推进园区污水处理设施建设。 | 县住建局县生态环境分局 |\n"
        "2 | 规范农贸市场经营秩序。 | 县商务局市场运行股 |\n"
        "江城县人民政府办公室\n"
    )
    assert [t.joint for t in parse_text(text).tasks] == [
        ["县住建局", "县生态环境分局"],
        ["县商务局市场运行股"],
    ]


def test_a_space_separated_progress_table_keeps_its_progress_cells_out_of_the_task_and_unit_cells():
    text = (
        "江城區2025年民生實事進度表\n序號  年度任務指標  責任單位  進展比例\n"
        "1  新建社區食堂6個。  區民政局  30%\n2  培訓家政服務人員300人。  區人社局  80%\n"
    )
    assert rows(text) == [
        ("新建社區食堂6個", [], [], ["區民政局"]),
        ("培訓家政服務人員300人", [], [], ["區人社局"]),
    ]


def test_a_space_separated_checking_body_cell_is_no_unit():
    text = (
        "江城县2025年目标责任清单\n序号  考核内容  目标值  责任单位  考核单位  备注\n"
        "1  新增市场主体  800户  县市场监管局  市市场监管局  已完成\n"
        "2  新建农村公路  40公里  县交通局  市交通局\n"
    )
    assert rows(text) == [
        ("新增市场主体", [], [], ["县市场监管局"]),
        ("新建农村公路", [], [], ["县交通局"]),
    ]


def test_a_header_repeated_at_a_page_break_is_no_row_when_its_number_column_was_read_first():
    lines = GROUPED.split("\n")
    text = "\n".join([*lines[:4], lines[1], *lines[4:]])
    assert [(t.path, t.title, t.joint) for t in parse_text(text).tasks] == GROUPED_ROWS
