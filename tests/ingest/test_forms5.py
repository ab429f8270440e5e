"""Statement forms found on a sixth and seventh set of unseen plans (texts written for these tests)."""

from __future__ import annotations

from policygraph.ingest import parse_text


def _roles(text: str) -> list[tuple[str, list[str], list[str], list[str]]]:
    return [(t.path, list(t.lead), list(t.support), list(t.joint)) for t in parse_text(text).tasks]


def test_a_closing_paragraph_assigns_the_items_above_it_with_no_heading():
    # a page opening at item 4: the items sit under no heading, the 以上工作由… paragraph is theirs
    text = (
        "4.加快职业学校建设。3月底前完成部署。\n"
        "5.提升高中办学水平。11月底前完成建设。\n"
        "以上工作由省教育厅、人力资源社会保障厅牵头,会同省财政厅负责。\n"
    )
    assert _roles(text) == [
        ("4", ["省教育厅", "省人力资源社会保障厅"], ["省财政厅"], []),
        ("5", ["省教育厅", "省人力资源社会保障厅"], ["省财政厅"], []),
    ]
