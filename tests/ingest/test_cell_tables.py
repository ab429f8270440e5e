"""Task tables flattened one cell per line (a .docx or HTML table copied as text, every cell on its
own line), in the layouts published pages give them: full-width group rows between the header and
the rows, header cells over two lines, header words of internal offices and names, merged cells
that leave no line, leaders' names and deadlines among the cells. Each text is written for these
tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_file, parse_text


def test_a_group_title_between_the_header_and_the_first_row_and_between_rows():
    text = (
        "江城市2012年政府工作任务分解表\n序号\n名称\n工作任务\n责任单位\n"
        "主要预期目标分解(2项)\n"
        "1\n地区生产总值\n地区生产总值增长8%\n市发改委、统计局\n"
        "2\n外贸\n进出口总额增长6%\n市商务局\n"
        "重点工作任务分解(1项)\n"
        "3\n城市建设\n新建城市公园2座\n市住建局\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint) for t in plan.tasks] == [
        ("地区生产总值增长8%", ["市发改委", "市统计局"]),
        ("进出口总额增长6%", ["市商务局"]),
        ("新建城市公园2座", ["市住建局"]),
    ]
    # a group title is the section of the rows under it, never a task
    assert [t.section for t in plan.tasks] == ["主要预期目标分解(2项)"] * 2 + ["重点工作任务分解(1项)"]


def test_a_chapter_row_naming_its_leaders_is_a_group_row_not_a_task():
    text = (
        "江城区2024年工作目标任务落实责任分解表\n序号\n目标任务\n牵头单位\n责任单位\n责任人\n"
        "一、主要经济指标、发改、财政、金融、营商环境、安全生产等工作目标(牵头领导:王明、李华)\n"
        "1\n地区生产总值增长7%。\n区发改局\n区统计局\n赵强\n"
        "二、城乡建设、交通等工作目标(牵头领导:陈刚)\n"
        "2\n完成国省道改造10公里。\n区交通局\n区住建局、区财政局\n孙丽\n"
    )
    plan = parse_text(text)
    assert rows(text) == [
        ("地区生产总值增长7%", ["区发改局"], ["区统计局"], []),
        ("完成国省道改造10公里", ["区交通局"], ["区住建局", "区财政局"], []),
    ]
    assert [t.leaders for t in plan.tasks] == [("赵强",), ("孙丽",)]
    assert plan.tasks[1].section == "城乡建设、交通等工作目标"


def test_a_header_cell_with_its_note_on_the_next_line_and_office_columns():
    # 责任科室 / (单位): one header cell over two lines; 科 and 室 name a bureau's internal offices.
    text = (
        "江城市文化和旅游局2020年重点工作任务分解表\n序号\n工作任务\n责任科室\n(单位)\n备注\n"
        "1\n举办文化惠民演出30场。\n公共服务科\n2\n完成文物普查。\n文物科、办公室\n"
    )
    assert rows(text) == [
        ("举办文化惠民演出30场", [], [], ["公共服务科"]),
        ("完成文物普查", [], [], ["文物科", "办公室"]),
    ]


def test_leader_and_deadline_cells_are_no_units_and_a_unit_cell_may_span_lines():
    text = (
        "江城县文广局2021年工作任务分解表\n序号\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n备注\n"
        "1\n公共文化\n图书馆接待读者增长10%。\n11月底前\n刘 伟\n公共文化股\n县图书馆\n县文化馆\n"
        "2\n文化市场\n开展文化市场检查20次。\n6月底\n周建国\n综合执法大队\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint, t.leaders, t.deadline) for t in plan.tasks] == [
        ("图书馆接待读者增长10%", ["公共文化股", "县图书馆", "县文化馆"], ("刘伟",), "11月底前"),
        ("开展文化市场检查20次", ["综合执法大队"], ("周建国",), "6月底"),
    ]


def test_merged_cells_carry_down_inside_their_group_only():
    # Rows 2 and 3 have no group cell of their own: they sit in the merged 指标 cell of row 1, and
    # their missing unit cells are its merged unit cell. Row 4 opens a group with no unit cell: none.
    # Row 5 is in row 4's group and names its own unit.
    text = (
        "江城县文广局2021年工作任务分解表\n序号\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n备注\n"
        "1\n旅游发展\n新建旅游厕所5座。\n10月底前\n周建国\n旅游股\n"
        "2\n提升景区服务水平。\n"
        "3\n办好乡村旅游节。\n"
        "4\n文物保护\n完成古塔修缮方案。\n"
        "5\n开展文物安全巡查。\n文物股\n"
        "注:各股室每季度末报送进展情况。\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint, t.leaders) for t in plan.tasks] == [
        ("新建旅游厕所5座", ["旅游股"], ("周建国",)),
        ("提升景区服务水平", ["旅游股"], ("周建国",)),
        ("办好乡村旅游节", ["旅游股"], ("周建国",)),
        ("完成古塔修缮方案", [], ()),
        ("开展文物安全巡查", ["文物股"], ()),
    ]


def test_a_row_whose_task_reads_like_a_unit_list_keeps_it_as_its_task():
    text = (
        "江城县文广局2021年工作任务分解表\n序号\n指标\n工作任务\n责任股室\n"
        "1\n公共文化\n开展送戏下乡活动。\n公共文化股\n"
        "2\n推进县文化馆、图书馆总分馆制建设。\n"
        "江城县文化和广电局办公室 2021年2月印发\n"
    )
    assert rows(text) == [
        ("开展送戏下乡活动", [], [], ["公共文化股"]),
        ("推进县文化馆、图书馆总分馆制建设", [], [], ["公共文化股"]),
    ]


def test_a_main_unit_column_alone_is_joint_and_leads_beside_a_cooperating_column():
    alone = "江城市任务分解表\n序号\n工作任务\n主要责任单位\n1\n新建学校3所\n市教育局、财政局\n"
    assert rows(alone) == [("新建学校3所", [], [], ["市教育局", "市财政局"])]
    beside = "江城市任务分解表\n序号\n工作任务\n主要责任单位\n配合单位\n1\n新建学校3所\n市教育局\n市财政局\n"
    assert rows(beside) == [("新建学校3所", ["市教育局"], ["市财政局"], [])]


def test_a_web_table_row_under_cells_spanning_rows_takes_them(tmp_path):
    # rowspan: the cells of row 1 that span row 2 are not in row 2 at all, so its two cells are
    # placed by what they hold and the spanning cells are row 1's.
    page = tmp_path / "plan.html"
    page.write_text(
        "<html><body><p>江城县文广局2021年工作任务分解表</p><table>"
        "<tr><td>序号</td><td>指标</td><td>工作任务</td><td>完成时限</td><td>责任领导</td><td>责任股室</td></tr>"
        '<tr><td>1</td><td rowspan="2">旅游发展</td><td>新建旅游厕所5座。</td><td rowspan="2">10月底前</td>'
        '<td rowspan="2">周建国</td><td rowspan="2">旅游股</td></tr>'
        "<tr><td>2</td><td>提升景区服务水平。</td></tr>"
        "<tr><td>3</td><td>文物保护</td><td>完成古塔修缮方案。</td><td></td><td></td><td>文物股</td></tr>"
        "</table><p>江城县文广局办公室</p></body></html>",
        encoding="utf-8",
    )
    plan = parse_file(page)
    assert [(t.title, t.joint, t.leaders, t.deadline) for t in plan.tasks] == [
        ("新建旅游厕所5座", ["旅游股"], ("周建国",), "10月底前"),
        ("提升景区服务水平", ["旅游股"], ("周建国",), "10月底前"),
        ("完成古塔修缮方案", ["文物股"], (), ""),
    ]


def test_a_tab_table_with_merged_cells_left_empty_carries_them_inside_the_group():
    text = (
        "江城县文广局2021年工作任务分解表\n序号\t指标\t工作任务\t责任股室\n"
        "1\t旅游发展\t新建旅游厕所5座。\t旅游股\n"
        "2\t\t提升景区服务水平。\t\n"
        "3\t文物保护\t完成古塔修缮方案。\t\n"
        "江城县文广局办公室\n"
    )
    assert rows(text) == [
        ("新建旅游厕所5座", [], [], ["旅游股"]),
        ("提升景区服务水平", [], [], ["旅游股"]),
        ("完成古塔修缮方案", [], [], []),
    ]


def test_a_header_label_no_list_knows_between_known_ones_is_a_column_read_as_nothing():
    text = (
        "江城市2023年重点工作任务分解表\n序号\n工作任务\n考核标准\n责任单位\n"
        "1\n新建学校3所\n按期建成投用\n市教育局\n"
        "2\n新建公园2座\n市住建局\n"
        "江城市人民政府办公室\n"
    )
    assert rows(text) == [
        ("新建学校3所", [], [], ["市教育局"]),
        ("新建公园2座", [], [], ["市住建局"]),  # the signature after the table is no unit cell
    ]


def test_a_table_without_row_numbers_places_group_task_leader_and_unit_cells():
    # No 序号 column: a row opens with its text lines (指标 and 工作任务, or the task alone when the
    # 指标 cell is merged), then its deadline, leader and unit cells in column order.
    text = (
        "江城县文广局2021年工作任务分解表\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n"
        "公共文化\n图书馆接待读者增长10%。\n11月底前\n刘 伟\n公共文化股\n县图书馆\n"
        "举办全民读书节。\n公共文化股\n"
        "文化市场\n开展文化市场检查20次。\n6月底\n周建国\n综合执法大队\n"
        "江城县文广局办公室\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint, t.leaders, t.deadline) for t in plan.tasks] == [
        ("图书馆接待读者增长10%", ["公共文化股", "县图书馆"], ("刘伟",), "11月底前"),
        ("举办全民读书节", ["公共文化股"], ("刘伟",), "11月底前"),
        ("开展文化市场检查20次", ["综合执法大队"], ("周建国",), "6月底"),
    ]


def test_a_task_cell_over_two_lines_stays_one_cell_before_its_units():
    numbered = (
        "江城县2024年重点工作分解表\n序号\n工作任务\n责任单位\n责任人\n完成时间\n"
        "1\n培育数字企业10家;\n开展企业上云行动。\n县工信局\n李四\n"
        "2\n开展营商环境评价。\n县发改局、县市场监管局\n王五、赵六\n6月底前\n"
        "江城县人民政府办公室\n"
    )
    unnumbered = numbered.replace("序号\n", "").replace("\n1\n", "\n").replace("\n2\n", "\n")
    for text in (numbered, unnumbered):
        plan = parse_text(text)
        assert [(t.title, t.joint, t.leaders) for t in plan.tasks] == [
            ("培育数字企业10家;开展企业上云行动", ["县工信局"], ("李四",)),
            ("开展营商环境评价", ["县发改局", "县市场监管局"], ("王五", "赵六")),
        ]


def test_a_unit_cell_whose_lines_ran_together_is_split_at_names_other_rows_list():
    # Row 1 lists 公共文化股 / 县图书馆 one per line; row 2's cell lost the break between them.
    text = (
        "江城县文广局2021年工作任务分解表\n序号\n工作任务\n责任股室\n"
        "1\n图书馆接待读者增长10%。\n公共文化股\n县图书馆\n"
        "2\n举办全民读书节。\n公共文化股县图书馆\n"
        "3\n开展文化市场检查20次。\n综合执法大队\n"
        "江城县文广局办公室\n"
    )
    assert [t.joint for t in parse_text(text).tasks] == [
        ["公共文化股", "县图书馆"],
        ["公共文化股", "县图书馆"],
        ["综合执法大队"],
    ]


def test_a_two_row_header_flattened_drops_its_spanning_upper_cell():
    # 责任单位 spans 牵头单位 | 配合单位 in the table: flattened, the three are consecutive lines.
    text = (
        "江城市2024年重点工作分解表\n序号\n工作任务\n责任单位\n牵头单位\n配合单位\n"
        "1\n建设数据中心。\n市发改委\n市财政局、市工信局\n"
        "2\n开展营商环境评价。\n市发改委\n市市场监管局\n"
        "江城市人民政府办公室\n"
    )
    assert rows(text) == [
        ("建设数据中心", ["市发改委"], ["市财政局", "市工信局"], []),
        ("开展营商环境评价", ["市发改委"], ["市市场监管局"], []),
    ]


def test_a_header_repeated_after_a_page_break_is_no_group_row():
    text = (
        "江城市2024年重点工作分解表\n序号\n工作任务\n责任单位\n1\n建设数据中心。\n市发改委\n"
        "序号\n工作任务\n责任单位\n2\n开展营商环境评价。\n市发改委\n江城市人民政府办公室\n"
    )
    plan = parse_text(text)
    assert [(t.title, t.joint) for t in plan.tasks] == [
        ("建设数据中心", ["市发改委"]),
        ("开展营商环境评价", ["市发改委"]),
    ]
    assert plan.tasks[0].section == plan.tasks[1].section != "责任单位"
