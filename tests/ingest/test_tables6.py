"""Task tables in the layouts of unseen plan pages: a project table flattened one cell per line
whose project names read like units and whose support cell stacks a district's towns one per line,
a bordered table listing units with spaces in a cell, a progress report's rows 24-26 with a
leader's name and progress columns after the units, a project table with investment and place
columns cut inside its last row, a progress list whose ①② sub-rows lost their merged cells on
both sides, and a table whose row-number column has a header no list names. Each text is written
for these tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_text


def test_a_project_name_that_reads_as_units_stays_a_text_cell_and_stacked_towns_are_support():
    text = (
        "江城区2024年民生实事任务分解方案\n序号\n事项分类\n事项名称\n项目内容\n牵头单位\n协同单位\n"
        "1\n教育提质工程\n新(改、扩)建一批幼儿园\n新建幼儿园3所。\n区教育局\n"
        "东城街道\n青石镇\n白沙镇\n柳溪乡\n区发改局\n区建设集团\n区资规分局\n"
        "2\n儿童关爱工程\n青少年宫\n新建1个青少年活动中心。\n团区委\n各乡镇(街道)\n区教育局\n"
        "3\n中小学食堂改造提升\n改造中小学食堂6个。\n区教育局\n/\n"
    )
    assert rows(text) == [
        (
            "新建幼儿园3所",
            ["区教育局"],
            ["东城街道", "青石镇", "白沙镇", "柳溪乡", "区发改局", "区建设集团", "区资规分局"],
            [],
        ),
        ("新建1个青少年活动中心", ["团区委"], ["区教育局"], []),
        ("改造中小学食堂6个", ["区教育局"], [], []),
    ]
    assert parse_text(text).tasks[1].vague == ("各乡镇(街道)",)


def test_units_separated_by_spaces_in_a_bordered_cell_are_several_units():
    text = (
        "青山镇2023年安全生产专项整治安排\n"
        "专项整治行业名称 | 时间安排 | 责任单位 |\n"
        "烟花爆竹 | 1月份 | 安监站 派出所 |\n"
        "校园周边 | 2月份 | 文化站 交警三中队 |\n"
        "网吧 | 3月份 | 派出所市场监管所 |\n"
        "特种设备 | 4月份 | 市场监管所 |\n"
    )
    assert rows(text) == [
        ("烟花爆竹", [], [], ["安监站", "派出所"]),
        ("校园周边", [], [], ["文化站", "交警三中队"]),
        # a name run together with one the other rows list on its own
        ("网吧", [], [], ["派出所", "市场监管所"]),
        ("特种设备", [], [], ["市场监管所"]),
    ]


def test_rows_of_a_progress_report_opening_at_row_24_with_progress_columns_after_the_units():
    text = (
        "2023年区政府重点民生实事项目推进情况(1-9月)\n"
        "序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n责任主体与协同单位 |\n"
        "1-8月推进情况 |\n1-9月推进情况 |\n是否达序 |\n说明 |\n"
        "24 |\n改造提升背街小巷30条。 |\n王建华 |\n城管局 |\n市政局、相关街道 |\n"
        "已完成设计。 |\n已进场施工,完成40%。 |\n是 |\n||\n"
        "25 |\n新建垃圾分类亭100个。 |\n王建华 |\n城管局 |\n环卫中心、各街道 |\n"
        "正在选址。 |\n已建成60个。 |\n否 |\n招标滞后一个月,后期将加快推进。 |\n|\n"
        "26 |\n新增公共停车泊位500个。 |\n李清 |\n交通局 |\n公安分局 |\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.lead, t.support, t.vague) for t in plan.tasks] == [
        ("改造提升背街小巷30条", ["城管局"], ["市政局"], ("相关街道",)),
        ("新建垃圾分类亭100个", ["城管局"], ["环卫中心"], ("各街道",)),
        ("新增公共停车泊位500个", ["交通局"], ["公安分局"], ()),
    ]
    # the leaders are people, never units; the progress cells are no task
    assert [t.leaders for t in plan.tasks] == [("王建华",), ("王建华",), ("李清",)]


def test_a_project_table_with_investment_and_place_columns_cut_inside_its_last_row():
    text = (
        "江城县2024年十大民生实事项目清单\n"
        "序号 |\n项目名称 |\n建设地点 |\n建设时间 |\n2024年建设内容 |\n年度投资金额 (万元) |\n责任单位 |\n"
        "1 |\n城区学校操场改造项目 |\n相关镇 (街道) |\n2024 |\n改造学校运动场地5处。 |\n300 |\n教体局 |\n"
        "2 |\n老旧小区改造项目 |\n城关街道 |\n2024 |\n改造老旧小区3个。 |\n1200 |\n住建局 |\n"
        "3 |\n职教中心分校区建设项目 |\n石门镇 |\n2024 |\n改造现有教学楼和学生宿舍等,"
    )
    assert rows(text) == [
        ("改造学校运动场地5处", [], [], ["教体局"]),
        ("改造老旧小区3个", [], [], ["住建局"]),
        # cut inside its content cell: no unit visible, none carried from the row above, and the
        # place (石门镇) is no unit
        ("改造现有教学楼和学生宿舍等,", [], [], []),
    ]


def test_sub_rows_of_a_progress_list_keep_the_merged_leader_and_lead_unit_of_their_task():
    text = (
        "江城区城市管理局\n2024年区政府重点工作任务落实清单推进情况(1-6月)\n"
        "年度重点工作 | 细化任务及目标 | 二季度目标 | 分管领导 | 牵头单位 | 落实情况(1-6月) | 是否达序 | 说明 |\n"
        "31.推进垃圾分类,建成餐厨垃圾处置中心。新建分类小区100个。 | ①建成餐厨垃圾处置中心。 | "
        "完成主体建设。 | 王建华 | 城管局 | 主体已封顶。 | 是 | |\n"
        "②新建分类小区100个。 | 开工建设50个。 | 已建成42个。 | 是 | ||||\n"
        "32.开展违建治理,削减存量违建30%以上。 | 削减存量违建至20%。 | 王建华 | 城管局 | 已削减25%。 | 是 | ||\n"
    )
    assert rows(text) == [
        ("建成餐厨垃圾处置中心", ["城管局"], [], []),
        ("新建分类小区100个", ["城管局"], [], []),
        ("开展违建治理,削减存量违建30%以上", ["城管局"], [], []),
    ]


def test_a_numbering_column_with_an_unlisted_header_and_units_joined_by_ji():
    text = (
        "江城区城管局2024年第三季度重点工作任务完成情况\n"
        "任务项\n重点工作内容\n牵头责任单位\n三季度任务分解\n三季度进展情况\n完成状况\n"
        "1\n开展市容秩序专项整治行动。\n区城管大队法制办及街道城管中队\n"
        "启动专项整治。\n清理卫生死角30余处。\n已完成\n"
        "2\n深入推进生活垃圾分类工作。\n区环卫所\n开展督查考核1次。\n开展督查考核2次。\n已完成\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.lead) for t in plan.tasks] == [
        ("开展市容秩序专项整治行动", ["区城管大队法制办", "街道城管中队"]),
        ("深入推进生活垃圾分类工作", ["区环卫所"]),
    ]
    assert [t.path for t in plan.tasks] == ["1", "2"]


def test_a_last_row_cut_inside_its_sentence_takes_no_merged_units_from_the_row_above():
    text = (
        "江城县2024年重点工作任务分解表\n序号\n类别\n工作任务\n责任单位\n"
        "1\n教育\n新建幼儿园2所。\n县教育局\n"
        "2\n建成县中学体育馆。\n"
        "3\n推进县人民医院迁建工程,完成"
    )
    assert rows(text) == [
        ("新建幼儿园2所", [], [], ["县教育局"]),
        # inside the group of row 1: its merged unit cell applies
        ("建成县中学体育馆", [], [], ["县教育局"]),
        # the text ends inside this row's sentence: its cells were cut, not merged
        ("推进县人民医院迁建工程,完成", [], [], []),
    ]


def test_units_separated_by_spaces_in_a_tab_separated_cell_are_several_units():
    text = (
        "青山镇2023年安全生产专项整治安排\n"
        "专项整治行业名称\t时间安排\t责任单位\n"
        "交通运输\t1月份\t超限站 公路站 交警三中队\n"
        "林产品加工\t2月份\t林业站\n"
    )
    assert rows(text) == [
        ("交通运输", [], [], ["超限站", "公路站", "交警三中队"]),
        ("林产品加工", [], [], ["林业站"]),
    ]


def test_a_progress_sentence_after_the_units_is_no_task_cell_of_a_row_with_merged_cells():
    text = (
        "江城区2024年民生项目推进表\n序号\n类别\n项目名称\n项目内容\n牵头单位\n进展情况\n"
        "1\n教育\n幼儿园建设\n新建幼儿园2所。\n区教育局\n已开工。\n"
        "2\n改造中小学食堂\n区教育局\n已完成。\n"
        "3\n文化\n书房建设\n新建城市书房5个。\n区文旅局\n已完成选址。\n"
    )
    assert rows(text) == [
        ("新建幼儿园2所", ["区教育局"], [], []),
        ("改造中小学食堂", ["区教育局"], [], []),
        ("新建城市书房5个", ["区文旅局"], [], []),
    ]


def test_rows_without_numbers_whose_project_names_read_as_units():
    text = (
        "江城区2024年民生实事任务分解方案\n事项分类\n事项名称\n项目内容\n牵头单位\n协同单位\n"
        "教育提质工程\n新(改、扩)建一批幼儿园\n新建幼儿园3所。\n区教育局\n区发改局\n"
        "医疗服务工程\n新(改)建村卫生室\n新建村卫生室8家。\n区卫健局\n各乡镇(街道)\n"
        "献血屋建设\n建设献血屋1个。\n区卫健局\n区红十字会\n"
    )
    assert rows(text) == [
        ("新建幼儿园3所", ["区教育局"], ["区发改局"], []),
        ("新建村卫生室8家", ["区卫健局"], [], []),
        ("建设献血屋1个", ["区卫健局"], ["区红十字会"], []),
    ]
