"""The fast forms of search must find exactly what `re` finds (the parser's output depends on it):
grammar.leftmost = pattern.search, segment._markers = the marker pattern's finditer."""

from __future__ import annotations

import re

import pytest
from _shared import real_text_paths, requires_dev

from policygraph.ingest.clean import clean, fold
from policygraph.ingest.grammar import grammar, leftmost
from policygraph.ingest.pattern_words import start_characters
from policygraph.ingest.readers import read_document
from policygraph.ingest.segment import _marker_pattern, _markers

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
    assert start_characters(re.compile(r"(?:ab|c)?(?:d|e)f")).pattern == "[acde]"
    assert start_characters(re.compile(r"a?b*")) is None  # can match the empty string
    assert start_characters(re.compile(r"\s*a")) is None  # a category: not read, search is used
    assert start_characters(re.compile(r"(?i)a")) is None  # case folding


@requires_dev
def test_same_match_on_real_plans():
    files = real_text_paths()
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


@requires_dev
def test_markers_same_on_real_plans():
    files = real_text_paths()
    for path in files:
        text = fold(clean(read_document(path)))
        assert _marker_spans(_markers(text)) == _marker_spans(_marker_pattern().finditer(text)), path.name


# Patterns written to open with the character they consume (so `re` jumps to it) and the look-behind
# forms they replace: both must match the same spans.
_LOOK_BEHIND_FORMS = {
    "spaces between wide characters": (
        "_SPLIT_SPACE",
        r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’,;:])[ \u3000\u00a0]+"
        r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])",
    ),
    "pinyin after a character": (
        "_BRACKETED_LATIN",
        r"(?<=[\u4e00-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6})[)）]",
    ),
    "ruby brackets": (
        "_RUBY",
        r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]",
    ),
}


@pytest.mark.parametrize("name", list(_LOOK_BEHIND_FORMS))
def test_bracket_and_space_patterns_match_their_look_behind_forms(name):
    import random

    from policygraph.ingest import clean as clean_module
    from policygraph.ingest import extract as extract_module

    attribute, reference = _LOOK_BEHIND_FORMS[name]
    fast = getattr(clean_module, attribute, None) or getattr(extract_module, attribute)
    slow = re.compile(reference)
    alphabet = "负责牵头A、,;:（）() \u3000\u00a0zéxīnhuá“”"
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    texts += ["負(fù)責(zé)", "人(people)", "市 教育局 、 科协", "附件(data)", "（ ）"]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], text
