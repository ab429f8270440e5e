"""The fast forms of cleaning and segmentation must answer exactly what their plain forms answer
(the parser's output depends on it): the page-chrome test against one fullmatch of every chrome
pattern, the inline openings of headings against the alternation they are written from, the
page-number runs against a line-by-line walk."""

from __future__ import annotations

import random
import re

import pytest
from _shared import real_text_paths, requires_dev

from policygraph.ingest.clean import (
    _PAGE_NUMBER,
    _SENTENCE_END,
    _alternation,
    _chrome_test,
    _chrome_tests,
    _glued_page_number_runs,
    _plain_lines,
)
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.pattern_words import word_tree
from policygraph.ingest.readers import read_document
from policygraph.ingest.segment import _CN, _inline_starts, _marker_pattern, _markers

CHROME_LINES = [
    "当前位置：首页 > 政务公开",
    "来源:包头市科协 发布日期:2017-09-29 点击量: 995",
    "发布时间：2024-01-02 浏览次数：12",
    "浏览次数：",
    "本页浏览次数:3 次",  # the tail must reach the line's end
    "Copyright 版权所有 某某市人民政府",
    "某某网",
    "一、某某网",
    "- 3 -",
    "推进科学教育,版权所有者的权益得到保护。",
    "加强领导。",
    "",
]


def _slow_chrome(line: str) -> bool:
    return re.fullmatch("|".join(f"(?:{p.pattern})" for p in knowledge().chrome), line) is not None


def test_chrome_tails_are_the_patterns_opening_with_any_characters():
    tails = {t.pattern for t in _chrome_tests().tails}
    assert any("版权所有" in p for p in tails) and all(p.endswith(r"\Z") for p in tails)
    assert "当前位置" not in "".join(tails)


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_test_same_as_one_fullmatch(line):
    text = "\n".join(CHROME_LINES)
    assert bool(_chrome_test(text)(line)) == _slow_chrome(line)


def test_chrome_test_on_random_lines():
    pieces = [
        "点击量",
        ":",
        "：",
        "12",
        " ",
        "版权所有",
        "网",
        "首页",
        ">",
        "一、",
        "浏览",
        "ICP备",
        "。",
        "x",
    ]
    rng = random.Random(3)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))).strip() for _ in range(3000)]
    is_chrome = _chrome_test("\n".join(lines))
    assert [bool(is_chrome(line)) for line in lines] == [_slow_chrome(line) for line in lines]
    assert any(is_chrome(line) for line in lines) and not all(is_chrome(line) for line in lines)


@requires_dev
def test_chrome_test_same_on_real_plans():
    files = real_text_paths()
    for path in files:
        lines = [line.strip() for line in _plain_lines(read_document(path)) if line.strip()]
        is_chrome = _chrome_test("\n".join(lines))
        assert [bool(is_chrome(line)) for line in lines] == [_slow_chrome(line) for line in lines], path.name


def test_alternation_reads_brackets_classes_and_escapes():
    assert not _alternation("(版权所有|ICP备).*")
    assert _alternation("a|b") and _alternation("[]|]a|b") and _alternation(r"a\\|b")
    assert not _alternation("a[|]b") and not _alternation(r"a\|b") and not _alternation("[^]|]x")


def test_inline_starts_hold_every_start_of_the_inline_forms():
    plain = re.compile(rf"{_CN}、|\({_CN}\)|\d{{1,2}}[.、]|\(\d{{1,2}}\)")
    alphabet = "一二十三、()（）1234.5年统(、"
    rng = random.Random(11)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(4000)]
    texts += ["二十三、", "(十一)", "12.5亿", "2024年一、二季度(三)1、", "一二三四、", "١٢.x"]
    for text in texts:
        starts = set(_inline_starts(text))
        assert {pos for pos in range(len(text)) if plain.match(text, pos)} <= starts, text
        assert all(pos < len(text) for pos in starts)


def test_markers_same_as_finditer_on_random_texts():
    pieces = [
        "一、",
        "十二、",
        "(一)",
        "(三))",
        "1.",
        "12、",
        "2.5",
        "(1)",
        "——",
        "--",
        "\n",
        "\n\n",
        "。",
        "统一、",
        "牵头单位:",
        "(责任单位:",
        "任务:",
        "以上任务由",
        "?。ㄒ",
        " ",
        "第二、三",
        "推进",
    ]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14)))
        fast = [(m.lastgroup, m.span()) for m in _markers(text)]
        assert fast == [(m.lastgroup, m.span()) for m in _marker_pattern().finditer(text)], text


def test_word_tree_matches_as_the_longest_first_list():
    words = ["牵头单位", "牵头", "牵头单位领导", "责任单位", "责任", "任务", "a", "ab", "abc"]
    listed = re.compile("(" + "|".join(sorted(words, key=len, reverse=True)) + r")(?:\s*:|位)")
    tree = re.compile("(" + word_tree(words) + r")(?:\s*:|位)")
    rng = random.Random(17)
    pieces = ["牵头", "单位", "领导", "责任", "任务", ":", " ", "a", "b", "c", "位"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        for pos in range(len(text) + 1):
            a, b = listed.match(text, pos), tree.match(text, pos)
            assert (a and a.span(1)) == (b and b.span(1)), (text, pos)


def _slow_page_number_runs(lines: list[str]) -> set[int]:
    """The line-by-line walk _glued_page_number_runs replaces."""
    found: set[int] = set()
    i = 0
    while i < len(lines):
        m = _PAGE_NUMBER.match(lines[i])
        if not m:
            i += 1
            continue
        run, n, j = [i], int(m.group(1)), i + 1
        while j < len(lines) and (mj := _PAGE_NUMBER.match(lines[j])) and int(mj.group(1)) == n + 1:
            run.append(j)
            n, j = n + 1, j + 1
        if len(run) >= 3:
            mid = sum(1 for k in run[1:] if not lines[k - 1].rstrip().endswith(tuple(_SENTENCE_END)))
            if mid * 2 >= len(run) - 1:
                found.update(run)
        i = j
    return found


def test_page_number_runs_same_as_a_line_by_line_walk():
    pieces = ["1、", "2、", "3、", "4、", "5、", "６、", "推进", "工作。", "落实", "12、"]
    rng = random.Random(5)
    for _ in range(3000):
        lines = [
            "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4)))
            for _ in range(rng.randrange(0, 12))
        ]
        assert _glued_page_number_runs(lines) == _slow_page_number_runs(lines), lines
    glued = ["1、为深入贯彻落实", "2、国务院的部署", "3、现提出如下", "意见。"]
    assert _glued_page_number_runs(glued) == {0, 1, 2}


def test_fold_characters_same_as_one_translate():
    from policygraph.ingest.clean import _fold_table, fold_characters

    table = _fold_table()
    traditional = [chr(c) for c in range(0x4E00, 0x9FFF) if table[c] != c][:40]
    alphabet = [
        "，",
        "（",
        "）",
        "：",
        "〔",
        "】",
        "Ａ",
        "１",
        "　",
        "薴",
        "苧",
        "推进",
        "工作",
        "a",
        "。",
        "\n",
    ]
    rng = random.Random(9)
    for size in (5, 150, 400, 2000):
        for _ in range(300):
            pool = alphabet + rng.sample(traditional, rng.choice((0, 1, 3, 20)))
            text = "".join(rng.choice(pool) for _ in range(size))
            assert fold_characters(text) == text.translate(table)
    # 薴 -> 苧 -> 苎: one translate changes 薴 once, so must the replacements
    assert fold_characters("推进工作，" * 60 + "薴苧") == ("推进工作," * 60 + "苧苎")


def test_required_words_are_in_every_match():
    from policygraph.ingest.grammar import grammar
    from policygraph.ingest.pattern_words import WordsTest, required_words

    patterns = [*grammar().values(), *_chrome_tests().tails, re.compile(r"a(?:bc|bd)+e?|x(?i:yz)")]
    patterns += [re.compile(r"(?:正式|付费)会员(?:可|才能)阅读"), re.compile(r"(?m:^)\s*附件\s*:")]
    assert required_words(patterns[-1]) == ("附件",) and required_words(patterns[-2]) == ("会员",)
    may_match = WordsTest(patterns)
    pieces = [
        "附件",
        ":",
        "\n",
        " ",
        "会员",
        "付费",
        "可",
        "阅读",
        "abc",
        "bd",
        "e",
        "x",
        "YZ",
        "目录",
        "年",
        "月",
        "日",
    ]
    pieces += [
        "印发给你们",
        "现将",
        "《方案》",
        "点击量",
        "：",
        "12",
        "版权所有",
        "。",
        "下载",
        "全文",
        "省略",
        "3",
        "字",
    ]
    rng = random.Random(19)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        for pattern, may in zip(patterns, may_match(text)):
            if pattern.search(text):
                assert may, (pattern.pattern, text)
    assert required_words(re.compile(r"a?b*")) is None


def _slow_heading_title(folded: str, text: str, block) -> str:
    """heading_title as first written: each opener's place tested for a mark before it."""
    k = knowledge()
    end = block.end
    for stop in ("。", "\n"):
        i = folded.find(stop, block.body, block.end)
        if i != -1:
            end = min(end, i)
    title_f, title = folded[block.body : end], text[block.body : end]
    if len(title_f) > 30 or block.inline:
        cut = None
        if block.kind in ("chapter", "section"):
            for word in k.section_kinds:
                i = title_f.find(word, 2)
                if i != -1 and (cut is None or i + len(word) < cut):
                    cut = i + len(word)
        if cut is None:
            for word in k.phrases("opener"):
                i = title_f.find(word, 4)
                if i != -1 and re.search(r"[,、;:(]", title_f[:i]):
                    i = -1
                if i != -1 and (cut is None or i < cut):
                    cut = i
        if cut is not None:
            title = text[block.body : block.body + cut]
    return title.strip().rstrip("。.;；:：,，、 ")[:200]


def test_heading_title_same_as_first_written():
    from policygraph.ingest.segment import Block, heading_title

    pieces = [
        "推进",
        "落实",
        "工程",
        "行动",
        "围绕",
        "加快",
        ",",
        "、",
        ":",
        "(",
        "。",
        "\n",
        "建设",
        "科普",
        "基地",
        "X",
    ]
    rng = random.Random(23)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        body = rng.randrange(0, len(text) + 1)
        block = Block(
            rng.choice(["chapter", "section", "item"]), "1", 1, 0, body, len(text), rng.random() < 0.3
        )
        assert heading_title(text, text, block) == _slow_heading_title(text, text, block), text


def test_rare_forms_hold_every_form_found():
    from policygraph.ingest.grammar import grammar
    from policygraph.ingest.segment import _RARE_FORMS, _rare_forms

    pieces = [
        "附件",
        "附",
        "件",
        ":",
        "\n",
        " ",
        "目录",
        "目次",
        "提纲",
        "…",
        "省略",
        "余下",
        "32",
        "字",
        "会员",
        "付费",
    ]
    pieces += ["可", "阅读", "查看全文请", "下载", "全文", "完整", "一、", "推进"]
    rng = random.Random(29)
    seen = set()
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        forms = _rare_forms(text)
        for kind in _RARE_FORMS:
            if grammar()[kind].search(text):
                seen.add(kind)
                assert kind in forms, (kind, text)
    assert seen == set(_RARE_FORMS)  # each form was met, so each was tested
    assert _rare_forms("一、总体要求\n推进工作。") == frozenset()


def test_label_openings_hold_every_bare_label_line():
    from policygraph.ingest.clean import _bare_label, _label_openings, fold

    pieces = [
        "牵头单位",
        "牽頭單位",
        "責任單位",
        "责任单位",
        "配合",
        "完成时限",
        " ",
        "\u3000",
        "\t",
        ":",
        "：",
        "<",
        "X",
    ]
    rng = random.Random(31)
    met = 0
    for _ in range(4000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4)))
        if _bare_label().fullmatch(fold(line)):
            met += 1
            assert line.lstrip()[:1] in _label_openings(), line
    assert met > 100


def test_words_that_overlap_are_all_found():
    from policygraph.ingest.pattern_words import WordsTest

    patterns = (re.compile("ab"), re.compile("bc"), re.compile("abcd"), re.compile("c"), re.compile("x"))
    assert WordsTest(patterns)("abc") == [True, True, False, True, False]  # looked for one by one
    more = patterns + tuple(re.compile(f"y{n}") for n in range(6))  # one scan for all
    assert WordsTest(more)("abcy3") == [True, True, False, True, False] + [n == 3 for n in range(6)]
