"""The sample plans shipped for `policygraph demo`: every file parses with the roles it was written with."""

from __future__ import annotations

from policygraph.ingest import iter_documents, parse_file


def by_path(plan):
    return {t.path: t for t in plan.tasks}


def test_every_sample_parses_and_the_jiangcheng_plans_share_departments(samples_dir):
    results = list(iter_documents([samples_dir]))
    assert len(results) == 7 and not [p for p, r in results if isinstance(r, Exception)]
    jiangcheng = [r for _, r in results if r.jurisdiction == "江城市"]
    assert len(jiangcheng) == 5
    units_per_plan = [{a.unit.canonical for t in plan.tasks for a in t.assignments} for plan in jiangcheng]
    shared = set.intersection(*units_per_plan[:3])
    assert "市科学技术协会" in shared
    unknown = {
        a.unit.name
        for _, plan in results
        for t in plan.tasks
        for a in t.assignments
        if a.unit.unit_type == "unknown"
    }
    assert unknown == set()


def test_work_points_forms(samples_dir):
    tasks = by_path(parse_file(samples_dir / "jiangcheng_2024_work_points.txt"))
    assert tasks["一.1"].lead == ["市科协"]  # a goal that names a lead is a task
    assert "一.2" not in tasks
    assert (tasks["二.(一).2"].lead, tasks["二.(一).2"].support) == (["市科协"], ["市教育局", "团市委"])
    assert tasks["二.(一).3"].leaders == ("周明副市长",) and "力口" not in tasks["二.(一).3"].text
    assert (tasks["二.(二).1"].lead, tasks["二.(二).1"].support) == (["市科协"], ["市大数据局", "市委网信办"])
    assert tasks["二.(二).2"].support == ["市科协", "市文化和旅游局"]
    assert tasks["二.(二).2"].vague == ("各县（市、区）人民政府",)
    assert tasks["二.(二).3"].joint == ["市科协", "市委宣传部", "市科技局"]


def test_gb18030_youth_plan(samples_dir):
    plan = parse_file(samples_dir / "jiangcheng_youth_plan_gb18030.txt")
    tasks = by_path(plan)
    assert list(tasks) == [
        "二.(一).1",
        "二.(一).2",
        "二.(一).3",
        "二.(二).1",
        "二.(二).2",
        "二.(二).3",
        "二.(三).——1",
        "二.(三).——2",
    ]
    assert all(tasks[p].lead == ["市教育局", "团市委"] for p in ("二.(一).1", "二.(一).3"))
    assert tasks["二.(二).2"].support == ["市委宣传部", "市教育局", "市妇联"]
    assert tasks["二.(二).3"].assignments == ()
    assert tasks["二.(三).——2"].support == ["市科协", "市教育局", "市民政局"]


def test_utf16_district_plan_with_first_listed_lead_and_flattened_table(samples_dir):
    plan = parse_file(samples_dir / "linjiang_task_division_utf16.txt")
    assert (plan.jurisdiction, plan.level) == ("临江区", "district")
    tasks = by_path(plan)
    assert (tasks["一.1"].lead, tasks["一.1"].support) == (["区科协"], ["区文化和旅游局", "区财政局"])
    assert (tasks["一.3"].lead, tasks["一.3"].support) == (["区融媒体中心"], ["区委宣传部", "区科协"])
    assert (tasks["二.2"].lead, tasks["二.2"].support, tasks["二.2"].deadline) == (
        ["区科协"],
        ["区科技局", "团区委"],
        "2024年5月",
    )


def test_traditional_and_html_plans(samples_dir):
    trad = parse_file(samples_dir / "yunling_plan_traditional.txt")
    assert (trad.jurisdiction, trad.level) == ("雲嶺省", "province")
    first = trad.tasks[0]
    assert (first.lead, first.support) == (["省教育廳"], ["省科技廳", "省科協"])
    assert [a.unit.canonical for a in first.assignments] == ["省教育厅", "省科学技术厅", "省科学技术协会"]
    assert trad.tasks[3].support[-1] == "團省委"
    page = parse_file(samples_dir / "jiangcheng_health_plan.html")
    assert page.title == "江城市卫生健康科普行动方案（2024—2025年）"
    assert all(chrome not in page.cleaned_text for chrome in ("当前位置", "扫一扫", "上一篇", "字体"))
    tasks = by_path(page)
    assert tasks["二.(一).1"].lead == ["市卫健委"] and tasks["二.(一).3"].joint == ["市医保局", "市卫健委"]
    assert tasks["二.(二).2"].lead == ["市红十字会"]
