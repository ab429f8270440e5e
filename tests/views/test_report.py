"""The report: built from a real store, opened in headless Chromium with the network blocked."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import pandas as pd
import pytest
from _browser import LOCAL_SCHEMES, MAP_CANVAS_INSET
from _sample_graphs import GLOBAL_PAYLOAD, PAYLOAD, TASKS, run_policygraph

from policygraph.graph.analysis.rules import analysis_rules
from policygraph.graph.views import maps, report


@pytest.fixture
def written(sample_store, tmp_path):
    from policygraph.graph.analysis.gaps import gaps_in_store

    index = report.write_report(sample_store, tmp_path / "报告")
    return index, gaps_in_store(sample_store)


def table_rows(text: str, table_id: str) -> int:
    start = text.index(f'id="{table_id}"')
    body = text[text.index("<tbody>", start) : text.index("</tbody>", start)]
    return body.count("<tr")


def test_report_holds_every_section_and_table(written):
    index, gaps = written
    text = index.read_text(encoding="utf-8")
    for anchor in ("overview", "workload", "flags", "centrality", "gaps", "maps"):
        assert f'<section id="{anchor}">' in text
    assert table_rows(text, "plans-table") == 1
    assert table_rows(text, "workload-table") == 5
    assert table_rows(text, "centrality-table") == 5
    assert table_rows(text, "gaps-table") == len(gaps) > 0
    assert text.count('<g class="bar">') == 5
    assert "sample.txt 字符" in text  # gaps carry their provenance
    assert (index.parent / "cooperation.html").exists() and (index.parent / "assignment.html").exists()
    assert f"{len(TASKS)}</b><span>项任务" in text


def test_report_reads_as_chinese_with_aligned_numbers(written):
    index, gaps = written
    text = index.read_text(encoding="utf-8")
    # rules were explained in English inside a Chinese report
    assert "A department is" not in text and "记为过载" in text and "记为核心" in text
    # numeric headers sat left while their numbers sat right, a column apart
    assert '<th class="n">牵头</th>' in text and "<th>牵头</th>" not in text
    labels = maps.style()["gap_labels"]
    assert set(labels) == set(analysis_rules().gaps.severity), "every gap code has a Chinese name"
    assert all(html.escape(labels[g.code]) in text for g in gaps)
    assert all(html.escape(g.title) in text for g in gaps if g.title), "a 督查室 sees which task, by title"
    assert all(
        g.detail_zh and html.escape(g.detail_zh) in text and html.escape(g.detail_en) not in text
        for g in gaps
    )
    # the cell shows the file name; the full path is in its tooltip
    source = gaps[0].source
    assert f'title="{html.escape(source)}"' in text and f">{html.escape(Path(source).name)}" in text
    long_path = dataclasses.replace(
        gaps[0], source="/home/analyst/方案/2024/宜春市实施方案.txt", span_start=5, span_end=9
    )
    assert report._provenance(long_path) == "宜春市实施方案.txt 字符 5–9"


def test_report_runs_no_script_and_escapes_document_text(written):
    text = written[0].read_text(encoding="utf-8")
    assert "<script" not in text
    assert PAYLOAD not in text and GLOBAL_PAYLOAD not in text
    assert html.escape(PAYLOAD) in text
    assert GLOBAL_PAYLOAD in html.unescape(text)  # shown, as text
    assert "script-src &#39;none&#39;" in text


@pytest.mark.browser
def test_report_opens_offline_with_maps_drawn(written, chromium):
    index, _ = written
    page = chromium.open(index)
    try:
        assert page.evaluate("document.title").endswith(PAYLOAD)
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('#workload-chart rect').length") >= 5
        page.evaluate("document.querySelector('#maps iframe').scrollIntoView()")
        assert page.drawn_share("#maps iframe", 0.01, inset=MAP_CANVAS_INSET) >= 0.01, (
            "the embedded map is blank"
        )
        frames = [url for url in page.requests if url.endswith((".html",)) and "cooperation" in url]
        assert frames, f"the cooperation map was not loaded: {page.requests}"
        leaving = [url for url in page.requests if not url.startswith(LOCAL_SCHEMES)]
        assert not leaving and not page.blocked
        assert page.dialogs == [] and page.evaluate("window.__pwned === undefined")
    finally:
        page.close()


def test_report_command_and_its_errors(sample_store, store_config, tmp_path, capsys):
    code, err = run_policygraph(capsys, store_config, "report", "--top", "3", "-o", str(tmp_path / "r"))
    assert code == 0, err
    text = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert table_rows(text, "centrality-table") == 3
    code, err = run_policygraph(
        capsys, store_config, "report", "--plan", "无此方案", "-o", str(tmp_path / "none")
    )
    assert code == 1 and "无此方案" in err and not (tmp_path / "none").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, err = run_policygraph(capsys, store_config, "report", "-o", str(blocker / "r"))
    assert code == 1 and f"{blocker} is a file, not a folder" in err and "reading" not in err, (
        "checked before any work"
    )


def test_workload_bars_count_roles_not_tasks():
    # 宜春市's plan makes 市科协 lead an action (牵头) and share each of its tasks (负责): 15 + 29 roles
    # on 29 tasks. "44 项" read as 44 tasks.
    frame = pd.DataFrame(
        [{"department": "市科学技术协会", "lead": 15, "support": 0, "joint": 29, "load": 32.4}]
    )
    assert report.workload_chart(frame)["bars"][0]["total"] == "44 项分工 · 负荷 32.4"


def test_report_of_the_seed_plans(seeded_store, tmp_path):
    from policygraph.graph.analysis.gaps import gaps_in_store
    from policygraph.graph.analysis.queries import run_builtin

    index = report.write_report(seeded_store, tmp_path / "seeds")
    text = index.read_text(encoding="utf-8")
    plans = run_builtin(seeded_store, "plan_overview", plan=None).records()
    assert table_rows(text, "plans-table") == len(plans) == 5
    gaps = gaps_in_store(seeded_store)
    assert table_rows(text, "gaps-table") == min(len(gaps), report.GAP_ROWS)
    counts = {s: sum(g.severity == s for g in gaps) for s in ("high", "medium", "low")}
    assert all(counts.values())
    summary = f"高 {counts['high']} 项 · 中 {counts['medium']} 项 · 低 {counts['low']} 项。"
    assert summary in text, "severities summed up from high to low (they came high, low, medium)"


def test_gap_summary_counts_each_plan_and_reason(written):
    index, gaps = written
    text = index.read_text(encoding="utf-8")
    summary = report.gap_summary(
        gaps, [{"plan_id": gaps[0].plan_id, "jurisdiction": "宜春市", "title": "方案"}]
    )
    assert summary.columns[0] == "方案" and summary.columns[-1] == "合计"
    assert len(summary.rows) == 1 and summary.rows[0][-1] == len(gaps)
    labels = maps.style()["gap_labels"]
    for gap_code in {g.code for g in gaps}:
        column = summary.columns.index(labels[gap_code])
        assert summary.rows[0][column] == sum(g.code == gap_code for g in gaps)
    assert table_rows(text, "gap-summary-table") == 1
    two = report.gap_summary(
        [*gaps, dataclasses.replace(gaps[0], plan_id="other")],
        [{"plan_id": gaps[0].plan_id, "jurisdiction": "宜春市", "title": "方案"}],
    )
    assert [row[0] for row in two.rows] == ["other", "宜春市 方案", "合计"] and two.rows[-1][-1] == len(
        gaps
    ) + 1


def test_report_compares_two_plans_when_asked(sample_store, store_config, tmp_path, capsys):
    from _sample_graphs import sample_plan

    from policygraph.graph.analysis.compare import COMPARE_COLUMNS, compare_in_store
    from policygraph.graph.store.load import load_plans

    parent = sample_plan()
    child = dataclasses.replace(
        sample_plan(title=f"袁州区落实方案{PAYLOAD}"),
        id="plan-child-0002",
        jurisdiction="袁州区",
        source="child.txt",
        tasks=parent.tasks[:3],
    )
    load_plans(sample_store, [child], compact=False)
    code, err = run_policygraph(
        capsys, store_config, "report", "--compare", parent.id, "袁州区", "-o", str(tmp_path / "cmp")
    )
    assert code == 0, err
    text = (tmp_path / "cmp" / "index.html").read_text(encoding="utf-8")
    rows = compare_in_store(sample_store, parent.id, "袁州区")
    assert '<section id="compare">' in text and table_rows(text, "compare-table") == len(rows) > 0
    assert "仅 A 有" in text and "对应" in text  # status in Chinese
    assert PAYLOAD not in text
    section = report.comparison_section(
        "A", "B", (*COMPARE_COLUMNS, "new_column"), [(*r.row(), [1, 2]) for r in rows]
    )
    assert section.table.columns[-1] == "new_column" and section.table.rows[0][-1] == "1、2"
    plain = (tmp_path / "plain").as_posix()
    code, _ = run_policygraph(capsys, store_config, "report", "-o", plain)
    assert code == 0 and '<section id="compare">' not in (tmp_path / "plain" / "index.html").read_text(
        "utf-8"
    )


@pytest.mark.browser
def test_report_maps_are_large_enough_to_read(written, chromium):
    page = chromium.open(written[0], width=1600, height=1000)
    try:
        size = page.evaluate(
            "(() => { const r = document.querySelector('#maps iframe').getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
        assert size[0] >= 1500 and size[1] >= 760, size  # wider than the text column (1180 px)
        colours = page.evaluate(
            "Array.from(document.querySelectorAll('#workload-chart circle')).map(c => c.getAttribute('fill'))"
        )
        assert maps.type_colour("science_association") in colours  # the palette, as in the maps
    finally:
        page.close()
