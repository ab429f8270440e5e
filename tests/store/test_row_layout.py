"""The loader's row layout and cypher/load/replace_plans.cypher agree: every field of EdgeRow,
PairRow and TaskProperties is read at its own index, for what its name says, and nothing else is read."""

from __future__ import annotations

import re

from _plans import make_plan

from policygraph.graph.store import statement
from policygraph.graph.store.load import EdgeRow, PairRow, TaskProperties, plan_parameters

# What each field feeds in the statement; {i} is the field's index in the row.
EDGE_USES = {
    "department": r"ds\[row\[{i}\]\] AS d\b",
    "task": r"ts\[row\[{i}\]\] AS t\b",
    "as_written": r"r\.as_written = row\[{i}\]",
    "inherited": r"r\.inherited = row\[{i}\]",
}
PAIR_USES = {
    "department_a": r"ds\[row\[{i}\]\] AS a\b",
    "department_b": r"ds\[row\[{i}\]\] AS b\b",
    "task_paths": r"weight: size\(row\[{i}\]\), tasks: row\[{i}\]",
    "plan": r"ps\[row\[{i}\]\] AS p\b",
}


def blocks(text: str, parameter: str) -> list[str]:
    """The CALL blocks of the statement that UNWIND `parameter`."""
    return [block for block in text.split("CALL {") if f"UNWIND ${parameter} AS row" in block]


def test_edge_rows_are_read_field_by_field():
    text = statement("replace_plans")
    assert list(EDGE_USES) == list(EdgeRow._fields)
    for parameter in ("leads", "supports", "joints"):
        (block,) = blocks(text, parameter)
        for i, field in enumerate(EdgeRow._fields):
            assert re.search(EDGE_USES[field].format(i=i), block), (parameter, field)
        read = {int(n) for n in re.findall(r"row\[(\d+)\]", block)}
        assert read == set(range(len(EdgeRow._fields))), (parameter, read)


def test_pair_rows_are_read_field_by_field():
    (block,) = blocks(statement("replace_plans"), "pairs")
    assert list(PAIR_USES) == list(PairRow._fields)
    for i, field in enumerate(PairRow._fields):
        assert re.search(PAIR_USES[field].format(i=i), block), field
    assert {int(n) for n in re.findall(r"row\[(\d+)\]", block)} == set(range(len(PairRow._fields)))


def test_task_properties_are_stored_under_their_names():
    (block,) = blocks(statement("replace_plans"), "tasks")
    for i, field in enumerate(TaskProperties._fields):
        assert re.search(rf"\b{field}: row\.props\[{i}\]", block), field
    read = {int(n) for n in re.findall(r"row\.props\[(\d+)\]", block)}
    assert read == set(range(len(TaskProperties._fields)))


def test_the_loader_sends_those_rows():
    params = plan_parameters(make_plan(tasks=3), "2026-01-01T00:00:00Z")
    edges = params["leads"] + params["supports"] + params["joints"]
    assert edges and all(isinstance(row, EdgeRow) for row in edges)
    assert all(isinstance(row, PairRow) for row in params["pairs"])
    assert all(isinstance(row["props"], TaskProperties) for row in params["tasks"])
    row = edges[0]
    assert row.as_written in params["departments"][row.department]["aliases"]
    assert 0 <= row.task < len(params["tasks"])
