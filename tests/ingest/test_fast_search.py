"""The fast forms of search must find exactly what `re` finds (the parser's output depends on it):
grammar.leftmost = pattern.search, segment._markers = the marker pattern's finditer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph.ingest.clean import clean, fold
from policygraph.ingest.grammar import _start_chars, grammar, leftmost
from policygraph.ingest.readers import read_document
from policygraph.ingest.segment import _marker_pattern, _markers

SHARED = Path(__file__).resolve().parents[3] / "shared"

PATTERNS = [
    *grammar().values(),
    re.compile(r"(?:ab|c)?(?:d|e)f"),
    re.compile(r"(?m:^)[ \t]*(?:x|yz)+"),
    re.compile(r"(?=q)[a-c]{0,2}d"),
    re.compile(r"(?<=,)(?:甲|乙)单位"),
]
TEXTS = [
    "",
    "abdf cef df ef",
    "  yz\n\tx xyz",
    "qd qad aqd",
    "甲单位,乙单位",
    "各单位要落实。排在首位的为牵头单位,下同。牵头部门排在第一位",
    "(A、B负责。列第一位者为牵头单位,下同)以下各项不再列出",
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_same_match_as_search(pattern):
    for text in TEXTS:
        expected, found = pattern.search(text), leftmost(pattern, text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_start_characters_read_or_refused():
    assert _start_chars(re.compile(r"(?:ab|c)?(?:d|e)f")).pattern == "[acde]"
    assert _start_chars(re.compile(r"a?b*")) is None  # can match the empty string
    assert _start_chars(re.compile(r"\s*a")) is None  # a category: not read, search is used
    assert _start_chars(re.compile(r"(?i)a")) is None  # case folding


@pytest.mark.skipif(not (SHARED / "dev" / "docs").is_dir(), reason="../shared/dev/docs is absent")
def test_same_match_on_real_plans():
    files = sorted((SHARED / "dev" / "docs").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    texts = [fold(clean(read_document(p))) for p in files]
    for pattern in grammar().values():
        for text in texts:
            expected, found = pattern.search(text), leftmost(pattern, text)
            assert (found and found.span()) == (expected and expected.span())


def _marker_spans(matches):
    return [(m.lastgroup, m.span()) for m in matches]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "一、总体要求\n(一)目标\n1.推进X。2.推进Y\n——做好Z\n(1)细化\n牵头单位:市教育局\n",
        "2021年一、二季度(三)1、2.5亿元\n?。ㄒ唬\n以上任务由市科协牵头",
        "第一章\n十二、保障\n(十一)强化\n99.9%",
    ],
)
def test_markers_same_as_finditer(text):
    assert _marker_spans(_markers(text)) == _marker_spans(_marker_pattern().finditer(text))


@pytest.mark.skipif(not (SHARED / "dev" / "docs").is_dir(), reason="../shared/dev/docs is absent")
def test_markers_same_on_real_plans():
    files = sorted((SHARED / "dev" / "docs").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    for path in files:
        text = fold(clean(read_document(path)))
        assert _marker_spans(_markers(text)) == _marker_spans(_marker_pattern().finditer(text)), path.name
