"""Task tables of unseen plan pages: a table flattened one cell per line whose header has a cell no
list names wrapped onto two lines (a count or target column left empty in some rows), and a
breakdown table marking the leading unit of a 责任单位 cell with *. Each text is written for these
tests; the real pages are scored in the held-out sets."""

from __future__ import annotations

from _roles import roles, rows

from policygraph.ingest import parse_text

_WRAPPED_HEADER = (
    "青川县2024年政府工作报告重点工作责任分解\n"
    "一、王明县长牵头重点工作\n"
    "序号\n重点工作\n县本级\n目标数\n责任单位\n"
    "1\n全县生产总值增长7%。\n县发改局\n"
    "2\n新增城镇就业3000人。\n2800人\n县人力社保局\n"
    "3\n新建农村公路120公里,完成危桥改造8座。\n100公里\n县交通运输局*、县财政局、县自然资源局\n"
    "4\n建成县域医共体信息平台。\n县卫生健康局\n"
)


def test_a_header_cell_wrapped_onto_two_lines_is_one_column_and_its_empty_cells_shift_nothing():
    assert rows(_WRAPPED_HEADER) == [
        ("全县生产总值增长7%", [], [], ["县发改局"]),
        ("新增城镇就业3000人", [], [], ["县人力社保局"]),
        ("新建农村公路120公里,完成危桥改造8座", ["县交通运输局"], ["县财政局", "县自然资源局"], []),
        ("建成县域医共体信息平台", [], [], ["县卫生健康局"]),
    ]


def test_the_heading_naming_a_leader_is_no_task():
    titles = [task.title for task in parse_text(_WRAPPED_HEADER).tasks]
    assert not any("县长" in title for title in titles)
    assert len(titles) == 4


def test_a_mark_on_every_unit_singles_none_out():
    text = (
        "序号\n工作任务\n责任单位\n完成时限\n"
        "1\n开展河道清淤。\n县水利局*、县农业农村局*\n2024年6月\n"
        "2\n修缮文物保护单位5处。\n县文广旅体局\n2024年12月\n"
    )
    assert rows(text) == [
        ("开展河道清淤", [], [], ["县水利局", "县农业农村局"]),
        ("修缮文物保护单位5处", [], [], ["县文广旅体局"]),
    ]


def test_two_short_lines_between_header_cells_and_a_sentence_make_no_header():
    # the two short lines are followed by a sentence, no header cell: no table, the label form reads
    text = "重点工作\n县本级\n目标数\n全面完成年度目标。\n"
    assert rows(text) == []


def test_a_lead_mark_in_a_tab_table_and_on_a_cell_of_one_unit():
    text = (
        "序号\t工作任务\t责任单位\n"
        "1\t建成智慧停车平台。\t县城管局*\n"
        "2\t新增公共停车位800个。\t县住建局、县城管局*、县公安局\n"
    )
    assert rows(text) == [
        ("建成智慧停车平台", ["县城管局"], [], []),
        ("新增公共停车位800个", ["县城管局"], ["县住建局", "县公安局"], []),
    ]


def test_a_lead_mark_in_a_lead_column_is_dropped():
    text = "序号\t工作任务\t牵头单位\t配合单位\n1\t建成智慧停车平台。\t县城管局*\t县住建局*、县公安局\n"
    assert rows(text) == [("建成智慧停车平台", ["县城管局"], ["县住建局", "县公安局"], [])]


def test_two_wrapped_header_tables_under_leader_headings_and_the_note_on_the_mark():
    text = (
        "县2024年重点工作责任分解\n(带*的为牵头单位)\n"
        "一、王明县长牵头重点工作\n序号\n重点工作\n县本级\n目标数\n责任单位\n"
        "1\n全县生产总值增长7%。\n县发改局\n"
        "2\n新增城镇就业3000人。\n2800人\n县人力社保局*、县财政局\n"
        "二、李华副县长牵头重点工作\n序号\n重点工作\n县本级\n目标数\n责任单位\n"
        "1\n新建公园3个。\n\n县住建局\n"
        "注:带*的为牵头单位。\n"
    )
    assert roles(text) == [
        ("一.1", [], [], ["县发改局"]),
        ("一.2", ["县人力社保局"], ["县财政局"], []),
        ("二.1", [], [], ["县住建局"]),
    ]


def test_a_date_in_a_target_column_of_a_row_placed_by_what_it_holds_keeps_its_units():
    # the last row has no next number to confirm its column order: its cells are placed
    text = (
        "序号\n重点工作\n年度目标\n责任单位\n"
        "1\n新建城市公园3个。\n2024年底前\n县住建局\n"
        "2\n新增城镇就业3000人。\n县人力社保局\n"
        "3\n完成老旧小区改造10个。\n2024年10月底前\n县城投公司、县住建局\n"
    )
    assert rows(text) == [
        ("新建城市公园3个", [], [], ["县住建局"]),
        ("新增城镇就业3000人", [], [], ["县人力社保局"]),
        ("完成老旧小区改造10个", [], [], ["县城投公司", "县住建局"]),
    ]


def test_rows_without_numbers_with_a_wrapped_header_and_a_date_in_its_column():
    text = (
        "县2024年重点工作责任分解\n重点工作\n县本级\n目标数\n责任单位\n"
        "全县生产总值增长7%。\n县发改局\n"
        "新增城镇就业3000人。\n2800人\n县人力社保局*、县财政局\n"
        "完成老旧小区改造10个。\n2024年底前\n县城投公司\n"
    )
    assert rows(text) == [
        ("全县生产总值增长7%", [], [], ["县发改局"]),
        ("新增城镇就业3000人", ["县人力社保局"], ["县财政局"], []),
        ("完成老旧小区改造10个", [], [], ["县城投公司"]),
    ]
