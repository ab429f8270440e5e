"""Task tables of unseen plan pages: a joint random-inspection plan flattened one cell per line whose
header cells a narrow column broke over two lines, with many value columns (type, share, method,
dates) between the task and the unit columns and empty cells dropped; and the same kind of plan
exported as a pipe table one cell per line, each row opening with its border, its row codes and
unit names masked by the portal. Each text is written for these tests; the real pages are scored
in the held-out sets."""

from __future__ import annotations

from _roles import rows

from policygraph.ingest import parse_text

_BROKEN_HEADER = (
    "2024年农业农村部门联合双随机抽查计划\n"
    "序号\n任务名称\n抽查事项\n检查对\n范围\n抽取\n类型\n抽查\n户数\n抽查\n比例\n检查\n方式\n"
    "抽取\n日期\n抽取\n日期至\n抽查\n完成时限\n牵头部门\n参与部门\n备注\n"
    "1\n种子市场\n种子标签标注情况\n农资经营\n种子经营门店\n5\n10%\n现场检查\n"
    "20243\n20244\n20246\n农业农村局\n市场监管局\n林业局\n"
    "2\n肥料市场\n登记证落实情况\n全市肥料经营户\n8\n15%\n现场抽查、抽样检测\n"
    "20245\n20246\n20248\n农业农村局\n市场监管局\n"
    "3\n兽药市场\n兽药经营质量规范执行情况\n兽药经营企业\n2\n20%\n现场抽查\n"
    "20247\n20248\n202410\n农业农村局\n市场监管局\n生态环境局\n"
)


def test_a_header_broken_over_lines_and_rows_short_of_their_empty_cells():
    assert rows(_BROKEN_HEADER) == [
        ("种子标签标注情况", ["农业农村局"], ["市场监管局", "林业局"], []),
        ("登记证落实情况", ["农业农村局"], ["市场监管局"], []),
        ("兽药经营质量规范执行情况", ["农业农村局"], ["市场监管局", "生态环境局"], []),
    ]


def test_a_broken_header_cell_is_no_task_and_the_rows_keep_their_numbers():
    tasks = parse_text(_BROKEN_HEADER).tasks
    assert [(task.path, task.title) for task in tasks] == [
        ("1", "种子标签标注情况"),
        ("2", "登记证落实情况"),
        ("3", "兽药经营质量规范执行情况"),
    ]


_BORDER_OPENED = (
    "**市部门联合抽查计划表(2025年度)\n"
    "| 计划编号 |\n任务名称 |\n抽查类型 |\n抽查对象 |\n发起部门 |\n参与部门 |\n抽查比例 |\n"
    "检查方式 |\n起止时间 |\n抽查事项 |\n"
    "| **** |\n校外培训机构收费检查 |\n****培训学校 |\n****教育局 |\n****发改部门 |\n5% |\n"
    "现场检查 |\n2025年3月-2025年10月 |\n对校外培训机构收费公示和退费情况的检查 |\n|\n"
    "| ****002 |\n建筑工地扬尘治理检查 |\n定向抽查 |\n在建房屋建筑工地 |\n****住房和城乡建设局 |\n"
    "****生态环境局、**市城管局 |\n10% |\n现场检查 |\n2025年4月-2025年9月 |\n"
    "在建房屋建筑工地扬尘防治措施落实情况的检查 |\n"
    "| ****003 |\n药品零售企业检查 |\n定向抽查 |\n药品零售企业"
)


def test_rows_opened_by_their_border_with_masked_codes_and_names():
    assert rows(_BORDER_OPENED) == [
        ("校外培训机构收费检查", ["****教育局"], ["****发改部门"], []),
        ("建筑工地扬尘治理检查", ["****住房和城乡建设局"], ["****生态环境局", "**市城管局"], []),
        ("药品零售企业检查", [], [], []),
    ]


def test_the_details_column_after_the_unit_columns_is_no_task_title():
    tasks = parse_text(_BORDER_OPENED).tasks
    assert [(task.title, task.deadline) for task in tasks] == [
        ("校外培训机构收费检查", "2025年3月-2025年10月"),
        ("建筑工地扬尘治理检查", "2025年4月-2025年9月"),
        ("药品零售企业检查", ""),
    ]


def test_bold_markup_around_a_name_is_still_dropped():
    text = (
        "序号\t工作任务\t牵头单位\t配合单位\n"
        "1\t建成智慧停车平台。\t**县城管局**\t县公安局\n"
        "2\t新增公共停车位800个。\t县住建局\t**县城管局**、县公安局\n"
    )
    assert rows(text) == [
        ("建成智慧停车平台", ["县城管局"], ["县公安局"], []),
        ("新增公共停车位800个", ["县住建局"], ["县城管局", "县公安局"], []),
    ]
