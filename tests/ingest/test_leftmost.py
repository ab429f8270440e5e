"""grammar.leftmost must find exactly what pattern.search finds: the parser's output depends on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph.ingest.clean import clean, fold
from policygraph.ingest.grammar import _start_chars, grammar, leftmost
from policygraph.ingest.readers import read_document

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
