"""Task tables of forms the fourth held-out set showed: a target table flattened one cell per line
(领域 / 主要目标 / 主要责任单位 / 责任单位) whose numbered targets carry dash sub-targets and stacks of
unit cells, the first unit of a stack in the main-unit column; a pipe table flattened one cell per
line whose group rows name the lead unit and whose project rows have no numbered sub-rows.
Each text is written for these tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_text

TARGETS = (
    "江城市儿童发展规划目标责任分解表\n领域\n主要目标\n主要责任单位\n责任单位\n"
    "1.儿童健康水平提高。\n——婴儿死亡率降低。\n——儿童体质合格率提高。\n"
    "市卫生局\n市教育局\n市体育局\n"
    "2.儿童营养状况改善。\n——低体重率降低。\n市卫生局\n市妇联\n"
    "——贫血患病率降低。\n市卫生局\n市农业局\n市质监局\n2011年12月30日\n"
)


def test_numbered_targets_with_dash_lines_and_stacked_units_are_rows_under_main_and_other_units():
    assert rows(TARGETS) == [
        ("儿童健康水平提高", ["市卫生局"], ["市教育局", "市体育局"], []),
        ("儿童营养状况改善", ["市卫生局"], ["市妇联"], []),
        ("贫血患病率降低", ["市卫生局"], ["市农业局", "市质监局"], []),
    ]


def test_a_second_unit_stack_inside_a_numbered_target_is_its_sub_task():
    assert [t.path for t in parse_text(TARGETS).tasks] == ["1", "2", "2b"]


def test_a_stacked_name_no_list_knows_stays_in_the_unit_column():
    text = (
        "江城市妇女发展规划目标责任分解表\n领域\n主要目标\n主要责任单位\n责任单位\n"
        "1.妇女就业水平提高。\n市人社局\n市统计\n市妇联\n"
        "2.妇女参政比例提高。\n市委组织部\n市妇联\n"
    )
    assert rows(text) == [
        ("妇女就业水平提高", ["市人社局"], ["市统计", "市妇联"], []),
        ("妇女参政比例提高", ["市委组织部"], ["市妇联"], []),
    ]


PROJECTS = (
    "江城区2024年民生实事项目进度表\n序号 |\n牵头单位 |\n项目数量 |\n项目名称 |\n业主单位 |\n进展情况 |\n"
    "一 |\n区交通局 |\n项目(1个) |\n(一)城区道路改造工程 |\n1.滨江路 |\n区城投 |\n已完工 |\n"
    "2.学府路 |\n区住建局 |\n在建 |\n"
    "二 |\n区民政局 |\n项目(2个) |\n(一)老年食堂建设项目 |\n区民政局 |\n已完工 |\n"
    "(二)养老床位建设项目 |\n区福利中心 |\n在建 |\n"
)


def test_the_lead_of_a_group_row_applies_to_its_projects_and_the_owner_column_supports():
    assert rows(PROJECTS) == [
        ("滨江路", ["区交通局"], ["区城投"], []),
        ("学府路", ["区交通局"], ["区住建局"], []),
        ("老年食堂建设项目", ["区民政局"], [], []),
        ("养老床位建设项目", ["区民政局"], ["区福利中心"], []),
    ]


def test_project_rows_without_numbered_sub_rows_are_rows_and_paths_follow_the_groups():
    assert [t.path for t in parse_text(PROJECTS).tasks] == ["一.(一).1", "一.(一).2", "二.(一)", "二.(二)"]


def test_row_numbers_starting_again_under_the_next_group_cell_give_no_path_twice():
    text = TARGETS.replace("2011年12月30日\n", "1.儿童受教育水平提高。\n市教育局\n市财政局\n2011年12月30日\n")
    tasks = parse_text(text).tasks
    assert [t.path for t in tasks] == ["1", "2", "2b", "2.1"]
    assert (tasks[-1].lead, tasks[-1].support) == (["市教育局"], ["市财政局"])


def test_a_bracketed_remark_closing_a_unit_cell_is_no_part_of_the_unit():
    text = (
        "江城县2024年民生实事项目表\n序号\t项目名称\t牵头单位\t业主单位\n"
        "1\t新建城东小学\t县教育局\t江城置业有限公司(开发商配建学校项目)\n"
        "2\t改造老旧小区3个\t县住建局\t县城投公司\n"
    )
    assert rows(text) == [
        ("新建城东小学", ["县教育局"], ["江城置业有限公司"], []),
        ("改造老旧小区3个", ["县住建局"], ["县城投公司"], []),
    ]


def test_two_names_of_one_level_in_an_owner_cell_are_two_units():
    text = PROJECTS.replace(
        "(二)养老床位建设项目 |\n区福利中心 |", "(二)养老床位建设项目 |\n区民政局 区福利中心 |"
    )
    assert rows(text)[-1] == ("养老床位建设项目", ["区民政局"], ["区福利中心"], [])


def test_the_sub_rows_of_a_project_row_have_the_project_as_their_section():
    tasks = parse_text(PROJECTS).tasks
    assert [t.section for t in tasks[:2]] == ["城区道路改造工程", "城区道路改造工程"]
    assert tasks[2].section != "城区道路改造工程"
