"""Statement forms found on the held-out sets after the fourth landing (texts written for these tests)."""

from __future__ import annotations

from _roles import roles

from policygraph.ingest import parse_text


def test_the_villages_of_one_township_are_a_placeholder_not_a_unit():
    text = (
        "一、重点任务\n"
        "1.整治村容村貌。\n落实单位:县住建局、城关镇各村\n"
        "2.建设社区服务站。\n落实单位:县民政局、江城街道各社区、某乡各村委会\n"
    )
    plan = parse_text(text)
    assert roles(text) == [("一.1", [], [], ["县住建局"]), ("一.2", [], [], ["县民政局"])]
    assert [list(t.vague) for t in plan.tasks] == [["城关镇各村"], ["江城街道各社区", "某乡各村委会"]]
