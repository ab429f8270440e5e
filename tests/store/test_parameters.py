"""Parameters reach the engine as the same values, whatever their text: on FalkorDB they travel as a
`CYPHER name=value` header written by falkordb_store._literal, so text that looks like JSON keys,
quotes, backslashes and control characters must come back unchanged (and never run as Cypher)."""

from __future__ import annotations

import pytest

TRICKY = [
    "plain",
    'a"b',
    '{"id":1}',
    'x,"name":"y"',
    "ends with backslash \\",
    '\\"key\\":',
    "tab\there, newline\nhere, bell\x07",
    "`backtick` $param {brace}",
    "中文：牵头单位，市科协",
    "",
]
MAPS = [
    {"id": "a", "aliases": ['"q"', "{x}"], "n": 3, "ok": True, "none": None},
    {"weird key": 1, "x-y": 2},
    {"nested": {"inner": [{"k": 'v":'}, {"k": "w"}]}},
    {"1": "digit key"},
    [{"id": '{"id":"fake"}'}, ["a", ["b", {"c": "d,"}]]],
]


@pytest.mark.parametrize("value", TRICKY + MAPS, ids=range(len(TRICKY) + len(MAPS)))
def test_a_parameter_comes_back_unchanged(empty_store, value):
    assert empty_store.run("RETURN $value AS v", {"value": value}).rows == [(value,)]


def test_text_that_looks_like_a_map_is_stored_as_text(empty_store):
    row = {"id": "n1", "title": '"},`id`:"hijacked', "text": '{"title":"x"}'}
    empty_store.run("CREATE (n:Probe) SET n = $row", {"row": row})
    assert empty_store.run("MATCH (n:Probe) RETURN n").rows == [(row,)]
