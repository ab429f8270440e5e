"""Cleaning: raw document text -> the cleaned text every span refers to (pure functions).

What goes: web-page chrome lines, HTML / SQL-dump markup, docx scrape noise (bookmarks, page
numbers glued in as `2、` at line starts or `1、` before a preview's title, PAGE / `- 1 -` footers),
spaces that split words (after space-separated tables are rewritten as tab rows), line wraps after
a list's 、, hard wraps of text copied from a PDF or a preview page (one width, mid-sentence), known
OCR slips. Pages flattened onto one line are split again at their headings and labels; a label
alone on its line takes the next line as its value. What stays: the original
script and punctuation (traditional characters are kept; `fold` gives a same-length simplified,
half-width view for matching, from OpenCC).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.pattern_words import WordsTest, word_tree

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_BOOKMARK = re.compile(r"[\[［]bookmark\s*[:：][^\]］]*[\]］]")
_PAGE_NUMBER = re.compile(r"(\d{1,3})、")
_SENTENCE_END = '。；;！!？?…”"）)】'
# Markup left in scraped pages and database dumps: block tags end a line, cell tags separate cells
# (as the .docx reader does), inline tags go; the escaped quotes of a SQL dump (\") are unescaped.
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|tr|h[1-6]|table|tbody|ul|ol)\b[^<>]{0,300}>", re.I)
_CELL_TAG = re.compile(r"<\s*/\s*t[dh]\s*>\s*(?=<\s*t[dh]\b)", re.I)
_INLINE_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]{0,10}\b[^<>]{0,300}>")
_WIDE = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"
# Spaces between wide characters. The pattern opens with the space it removes, not with the
# look-behind, so `re` jumps from space to space instead of trying every character of the text.
_SPLIT_SPACE = re.compile(rf"[ \u3000\u00a0](?<=[{_WIDE},;:][ \u3000\u00a0])[ \u3000\u00a0]*(?=[{_WIDE}])")


@lru_cache(maxsize=1)
def _fold_table() -> list[int]:
    """Character table of `fold`: OpenCC's one-character traditional -> simplified mappings,
    full-width ASCII -> half-width, 【】〔〕﹝﹞［］ -> [].
    Built once (~10 ms) by converting every CJK character on its own line. A list indexed by code
    point (str.translate reads it 2-3 times faster than a dict; characters beyond it stay as they are)."""
    import opencc

    chars = [chr(code) for code in range(0x3400, 0xA000)] + [chr(code) for code in range(0xF900, 0xFB00)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {}
    if len(converted) == len(chars):
        table = {ord(t): ord(s) for t, s in zip(chars, converted) if len(s) == 1 and s != t}
    # knowledge's table: full-width -> half-width and the brackets.
    table.update(knowledge().fold_table)
    # Small form variants (1﹒ ﹐ ﹔ ﹙﹚) as typed by some editors.
    table.update({ord(a): ord(b) for a, b in zip("﹐﹑﹒﹔﹕﹖﹗﹙﹚﹛﹜", ",、.;:?!(){}")})
    folded = list(range(0x10000))
    for code, target in table.items():
        if code < 0x10000:
            folded[code] = target
    return folded


def fold(text: str) -> str:
    """Same-length matching view: traditional -> simplified, full-width -> half-width.

    Positions in the result equal positions in `text`. Cost: one str.translate.

    >>> fold("（牽頭單位：市經貿委；配合單位：國土房管局）")
    '(牵头单位:市经贸委;配合单位:国土房管局)'
    >>> fold("〔2024〕【责任单位】［A］")
    '[2024][责任单位][A]'
    >>> fold("(A局,各县<市、区>政府)")
    '(A局,各县(市、区)政府)'
    """
    return nest_angle_brackets(fold_characters(text))


def fold_characters(text: str) -> str:
    """`fold` character by character only (no bracket pairing): what a plan's id is a digest of.

    str.translate looks every character up in the table (~30 ns each), while a simplified text
    changes only its full-width punctuation, and a few other characters at most: those are
    replaced one by one (each str.replace a fast scan), after one search for any other character
    the table changes. A text with many such (a traditional one) is translated.

    >>> fold_characters("（一）推進，落實：苧〔2024〕")
    '(一)推进,落实:苎[2024]'
    """
    if len(text) < _SHORT_TEXT:
        return text.translate(_fold_table())
    plan = _fold_plan()
    for wide, narrow in plan.punctuation:
        if wide in text:
            text = text.replace(wide, narrow)
    first = plan.others.search(text)
    if first is None:
        return text
    others = set(plan.others.findall(text, first.start()))
    if len(others) > _FEW_OTHERS or not others.isdisjoint(plan.chained):
        return text.translate(_fold_table())
    for char in others:
        text = text.replace(char, chr(_fold_table()[ord(char)]))
    return text


_SHORT_TEXT = 200  # characters: a shorter text is translated (the searches would cost more)
_FEW_OTHERS = 12  # distinct characters replaced one by one, beyond the punctuation


class _FoldPlan(NamedTuple):
    """How fold_characters reads the table: `punctuation`, (full-width, half-width) pairs of the
    punctuation of nearly every plan; `others`, a class of every other character the table
    changes; `chained`, those whose replacement the table changes too (a replacement made one
    at a time would be changed again: such texts are translated)."""

    punctuation: tuple[tuple[str, str], ...]
    others: re.Pattern
    chained: frozenset[str]


@lru_cache(maxsize=1)
def _fold_changes() -> dict[str, str]:
    """The characters `fold_characters` changes, each with what it becomes (one pass over the table,
    for the readers of the table that need only these)."""
    return {chr(code): chr(target) for code, target in enumerate(_fold_table()) if target != code}


@lru_cache(maxsize=1)
def _fold_plan() -> _FoldPlan:
    changes = _fold_changes()
    punctuation = tuple((char, changes[char]) for char in "，（）：；？！％〔〕【】")
    others = [char for char in changes if char not in dict(punctuation)]
    chained = frozenset(char for char, target in changes.items() if target in changes)
    return _FoldPlan(punctuation, re.compile("[" + "".join(map(re.escape, others)) + "]"), chained)


def nest_angle_brackets(folded: str) -> str:
    """The second step of `fold`: angle brackets pairing around a short run of words become
    parentheses (same length, positions kept)."""
    if "<" in folded or "〈" in folded:
        return _ANGLE_PAIR.sub(r"(\1)", folded)
    return folded


# Angle brackets around a short run of words, no figure in it, are a name's nested parentheses
# (各县<市、区>人民政府, 各区人民政府〈含开发区管委会,下同〉); comparisons (浓度<35微克, 得分<60分…>90分)
# hold figures and stay as they are.
_ANGLE_PAIR = re.compile(r"[<〈]([^<>〈〉()\n\d]{1,16})[>〉]")


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """`fold` for short strings met again and again (unit names, list items); cached."""
    return fold(name)


class _ChromeTests(NamedTuple):
    """The page-chrome patterns as tests of a line (one without a newline): `whole`, the patterns
    that must match from the line's start, as one alternation fullmatched (one scan per line, not
    one per pattern); `tails`, each pattern that opens with `.*` (…点击量:12, …版权所有…) without
    it, searched for a match running to the line's end. That is the same question (`.*` takes any
    characters before the rest), and `search` jumps in C to where the rest can begin, where a
    fullmatch backs off from the line's end one character at a time, trying the rest at each.
    `tails_may_match`: which tails a text may match at all (their words, pattern_words)."""

    whole: re.Pattern
    tails: tuple[re.Pattern, ...]
    tails_may_match: WordsTest


@lru_cache(maxsize=1)
def _chrome_tests() -> _ChromeTests:
    whole, tails = [], []
    for pattern in knowledge().chrome:
        rest = pattern.pattern[2:]
        if pattern.pattern.startswith(".*") and not rest.startswith(("?", "+")) and not _alternation(rest):
            tails.append(re.compile(rf"(?:{rest})\Z"))
        else:
            whole.append(f"(?:{pattern.pattern})")
    return _ChromeTests(re.compile("|".join(whole) or "(?!)"), tuple(tails), WordsTest(tails))


def _alternation(pattern: str) -> bool:
    """Whether a pattern is an alternation as a whole (a | outside brackets and classes), so that
    a `.*` opening it belongs to its first branch only.

    >>> _alternation("(版权所有|ICP备).*"), _alternation("[]|]a|b"), _alternation("a[|]b"), _alternation("a[.]|b")
    (False, True, False, True)
    """
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # a ] first in a class is one of its characters
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


def _is_chrome(line: str) -> bool:
    tests = _chrome_tests()
    return tests.whole.fullmatch(line) is not None or any(tail.search(line) for tail in tests.tails)


def _chrome_test(text: str) -> Callable[[str], object]:
    """_is_chrome for the lines of `text` (stripped, as parts of it), its answer truthy for a
    chrome line: a tail whose words the text holds nowhere (pattern_words) is not tried on its
    lines; without tails, the fullmatch itself (no wrapper called per line)."""
    tests = _chrome_tests()
    whole = tests.whole.fullmatch
    tails = [tail.search for tail, may in zip(tests.tails, tests.tails_may_match(text)) if may]
    if not tails:
        return whole
    return lambda line: whole(line) or any(search(line) for search in tails)


def _glued_page_number_runs(lines: list[str]) -> set[int]:
    """Indexes of lines whose leading `N、` is a page number, not a list item.

    Page numbers come as a run of >= 3 lines numbered N, N+1, N+2 … where most breaks fall
    mid-sentence (the line before does not end a sentence); real numbered items end sentences.
    """
    # the number opening each line that has one (a digit first: the pattern is tried on few lines)
    numbers = {
        k: int(m.group(1))
        for k, line in enumerate(lines)
        if line[:1].isdecimal() and (m := _PAGE_NUMBER.match(line))
    }
    found: set[int] = set()
    for i, n in numbers.items():
        if numbers.get(i - 1) == n - 1:
            continue  # inside the run of the line before
        run = [i]
        while numbers.get(run[-1] + 1) == n + len(run):
            run.append(run[-1] + 1)
        if len(run) >= 3:
            mid_sentence = sum(1 for k in run[1:] if not lines[k - 1].rstrip().endswith(tuple(_SENTENCE_END)))
            if mid_sentence * 2 >= len(run) - 1:
                found.update(run)
    return found


_FILE_NAME = re.compile(r"(.{6,}?)(?:\(\d+页\))?\.(?:docx?|pdf|wps|txt)\s*$", re.I)
# the site's header naming the file in book-title marks (《X.docx》由会员分享…): the name without the
# book-title marks it holds, as the page prints the title
_QUOTED_FILE_NAME = re.compile(r"《《?(.{6,}?)\.(?:docx?|pdf|wps|txt)》", re.I)


def _preview_page_lines(lines: list[str], head: list[str]) -> set[int]:
    """Indexes of the lines of a document-sharing site's preview that its page numbers open.

    The preview numbers its pages 1、 2、 … glued to the text, and its first page opens with the
    file's title: `1、` before the title named by the page's file-name line (《X.docx》…,
    X(18页).docx) is page 1, not item 1, and the lines numbered 2、 3、 … after it, in order, are
    the next pages (however few an excerpt kept: the run rule of _glued_page_number_runs needs 3).
    head: the document's first lines before page chrome was dropped (the site's header is chrome).
    """
    names = [
        m.group(1)
        for line in head
        if len(line) <= 150 and line.rstrip().lower().endswith((".doc", ".docx", ".pdf", ".wps", ".txt"))
        for m in [_FILE_NAME.search(line.strip())]
        if m
    ] + [m.group(1) for line in head if len(line) <= 400 for m in [_QUOTED_FILE_NAME.search(line)] if m]
    if not names:
        return set()
    for k, line in enumerate(lines[:40]):
        if line.startswith("1、") and any(line[2:].startswith(name[:6]) for name in names):
            pages, expected = {k}, 2
            for j in range(k + 1, len(lines)):
                if lines[j].startswith(f"{expected}、"):
                    pages.add(j)
                    expected += 1
            return pages
    return set()


_BARE_LABEL_KINDS = ("lead_label", "support_label", "joint_label", "leader_label", "deadline_label")


@lru_cache(maxsize=1)
def _bare_label() -> re.Pattern:
    k = knowledge()
    labels = word_tree([word for kind in _BARE_LABEL_KINDS for word in k.phrases(kind)])
    return re.compile(rf"\s*(?:{labels})\s*:?\s*")


@lru_cache(maxsize=1)
def _label_openings() -> frozenset[str]:
    """The characters a line that is a bare label opens with (after spaces), as written: those
    `fold` turns into the first character of a label (fold keeps spaces spaces)."""
    k = knowledge()
    firsts = {word[0] for kind in _BARE_LABEL_KINDS for word in k.phrases(kind) if word}
    openings = {char for char, target in _fold_changes().items() if target in firsts}
    if "(" in firsts:
        openings.update("<〈")  # angle brackets that fold pairs into parentheses
    return frozenset(openings | firsts)


def _labels_joined_to_values(lines: list[str]) -> list[str]:
    """An assignment label alone on its line (牵头单位 / 市教育局 on the next) gets its value:
    `牵头单位:市教育局`, the form every reader knows — after a line of text or another label, not
    inside a table header written one cell per line (主要内容 / 责任单位 / 一、…)."""
    # most texts have no label alone on a line: one look at the short lines settles it
    bare_label, openings = _bare_label().fullmatch, _label_openings()
    if not any(
        bare_label(fold(line)) for line in lines[:-1] if len(line) <= 12 and line.lstrip()[:1] in openings
    ):
        return lines
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        # cheap tests first: this runs on every line, and few are short enough to be a label
        if (
            len(line) <= 12
            and k + 1 < len(lines)
            and _after_text(fold(out[-1]).rstrip() if out else "")
            and _bare_label().fullmatch(fold(line))
            and not _bare_label().fullmatch(fold(lines[k + 1]))
            and len(lines[k + 1]) <= 200
        ):
            out.append(line.strip().rstrip(":：") + ":" + lines[k + 1].strip())
            k += 2
            continue
        out.append(line)
        k += 1
    return out


def _after_text(previous: str) -> bool:
    """Whether a (folded) line is text or a label, after which a label alone on its line is one."""
    return len(previous) > 12 or ":" in previous or previous.endswith(("。", ";"))


def _space_separated_units(cell: str) -> str:
    """A table cell or line listing units with spaces (国家医保局 国家卫生健康委) gets 、 between
    them, so that removing spaces that split words does not fuse the names."""
    if " " not in cell and "\u3000" not in cell:
        return cell
    parts = cell.split()
    suffixes = knowledge().phrases("unit_suffix")
    if len(parts) < 2 or not all(len(p) >= 3 and p.isalpha() and fold(p).endswith(suffixes) for p in parts):
        return cell
    return "、".join(parts)


@lru_cache(maxsize=1)
def _flat_break() -> re.Pattern:
    """Spaces standing for lost line breaks in a page flattened onto one line: before a heading
    numeral (一、 (一) 1.) or an assignment label (责任单位:)."""
    k = knowledge()
    labels = k.alternation("lead_label", "support_label", "joint_label", "leader_label")
    return re.compile(
        r"[ ]+(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?!\d)"
        rf"|(?:{labels})\s*:)"
    )


_BRACKET_CHARS = re.compile(r"[()\[\]]")


def bracket_groups(f: str, open_at_end: bool = True) -> list[tuple[int, int]]:
    """(start, end) of top-level (…) and […] groups of a folded text, brackets included
    (【】〔〕［］ fold to [ ]); with open_at_end, also a group the text's end left open (an excerpt cut
    inside its bracket), running to the end.

    >>> bracket_groups("推进X(A负责)。做好Y[B牵头,C配合]")
    [(3, 8), (12, 21)]
    >>> bracket_groups("做好Y(牵头单位:市发"), bracket_groups("做好Y(牵头单位:市发", open_at_end=False)
    ([(3, 11)], [])
    """
    groups, depth, start = [], 0, 0
    for m in _BRACKET_CHARS.finditer(f):
        if m.group() in "([":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, m.end()))
    if open_at_end and depth and f[start:].strip():
        groups.append((start, len(f.rstrip())))
    return groups


_FLAT_LINE = 200  # characters: a shorter line is no page flattened onto one line


def _unflatten(line: str) -> list[str]:
    """A page flattened onto one long line, split again where its line breaks were."""
    if len(line) < _FLAT_LINE or line.count(" ") < 3:
        return [line]
    folded = fold(line)
    cuts = [m.start() for m in _flat_break().finditer(folded)]
    if len(cuts) < 2:
        return [line]  # (before reading the brackets: they only take cuts away)
    # a label inside a bracket ((牵头单位:A 责任单位:B)) stays in its bracket: no break there
    inside = bracket_groups(folded, open_at_end=False)
    cuts = [cut for cut in cuts if not any(a < cut < b for a, b in inside)]
    if len(cuts) < 2:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in pairwise(bounds) if line[a:b].strip()]


# Pinyin printed in brackets after characters (經(jīng)貿(mào)委, 國務(wu)院(yuan), 負(fù)責(zé)): a reading aid
# some sites add, not part of the words. A bracketed run of latin letters after a character is taken
# for it when, tone marks aside, it is one syllable of Mandarin (initial + final). The cleaned text
# keeps it (titles are quoted as published); readers of names and places drop it.
# (opening with the bracket, the character before it tested by a look-behind over both: `re` jumps
# from bracket to bracket instead of trying every character)
_BRACKETED_LATIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6})[)）]")
_TONELESS = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_SYLLABLE = re.compile(
    r"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:i(?:a(?:o|ng?)?|ong|ng?|e|u)?|u(?:a(?:i|ng?)?|o|i|n|e)?|[üv](?:e|n)?|a(?:i|o|ng?)?|o(?:u|ng)?|e(?:i|r|ng?)?)"
)


def pinyin_readings(text: str) -> list[tuple[int, int]]:
    """(start, end) of each pinyin reading bracketed after a character of `text`, brackets included.

    >>> pinyin_readings("負(fù)責(zé)；附件(data)")
    [(1, 5), (6, 10)]
    """
    return [
        m.span()
        for m in _BRACKETED_LATIN.finditer(text)
        if _SYLLABLE.fullmatch(m.group(1).translate(_TONELESS))
    ]


def without_pinyin(text: str) -> str:
    """`text` without pinyin readings bracketed after its characters.

    >>> without_pinyin("國務(wu)院(yuan)辦公廳；各區(qū)、市政府負(fù)責(zé)落實；附件(data)")
    '國務院辦公廳；各區、市政府負責落實；附件(data)'
    """
    pieces, kept_from = [], 0
    for start, end in pinyin_readings(text):
        pieces.append(text[kept_from:start])
        kept_from = end
    return "".join(pieces) + text[kept_from:] if pieces else text


def _plain_lines(raw: str) -> list[str]:
    """The raw text's lines without markup, invisible characters and edge spaces."""
    if any(chr(code) in raw for code in _INVISIBLE):
        raw = raw.translate(_INVISIBLE)
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    if "bookmark" in text:
        text = _BOOKMARK.sub("", text)
    if "<" in text and _INLINE_TAG.search(text):
        text = _CELL_TAG.sub("\t", text.replace('\\"', '"'))
        text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", text))
        text = html.unescape(text)
    lines = [line.strip(" \u3000") for line in text.replace("\u00a0", " ").split("\n")]
    if "\t" in text:
        lines = [
            line.lstrip("\t \u3000")  # indentation, not an empty first table cell
            if line.startswith("\t") and "\t" not in line.lstrip("\t \u3000")
            else line
            for line in lines
        ]
    return lines


# Hard wraps: text copied from a PDF or a document site's preview breaks every line at one width,
# mid-sentence. Seen at 29 to 46 characters; a line of 100 or more is a paragraph, never a wrap.
_WRAP_WIDTHS = range(15, 100)
_PARAGRAPH_END = ("。", "；", ";", "：", ":", "！", "!", "？", "?", "”", "）", ")")


def wrap_width(lines: list[str]) -> int:
    """The width a text was hard-wrapped at, or 0: the line length (±1) most lines of 15 or more
    characters share, when at least 8 lines and 40% of them have it and most of those stop mid-sentence.

    >>> wrap_width(["一、总体要求", *["为深入贯彻落实国务院关于促进就业的决策部署，进一步做好"] * 8, "稳就业工作。"])
    27
    >>> wrap_width(["推进科学教育。", "建设科普基地。"])
    0
    """
    all_lengths = Counter(map(len, lines))
    lengths = {n: count for n, count in all_lengths.items() if n >= _WRAP_WIDTHS.start}
    total = sum(lengths.values())
    if total < 8:
        return 0
    # The lines within 1 of a width are at most those of the three commonest lengths (and the
    # lines of 14 for a width of 15): most texts, whose lengths spread, stop here.
    if sum(sorted(lengths.values())[-3:]) + all_lengths[_WRAP_WIDTHS.start - 1] < max(8, 0.4 * total):
        return 0
    count = lengths.get
    width = max(lengths, key=lambda n: (count(n - 1, 0) + lengths[n] + count(n + 1, 0), n))
    if width not in _WRAP_WIDTHS:
        return 0
    at_width = [line for line in lines if abs(len(line) - width) <= 1]
    mid_sentence = sum(1 for line in at_width if not line.endswith(_PARAGRAPH_END))
    if len(at_width) < 8 or len(at_width) < 0.4 * total or mid_sentence < 0.8 * len(at_width):
        return 0
    return width


def unwrapped(lines: list[str]) -> list[str]:
    """Lines of a hard-wrapped text (wrap_width) rejoined into paragraphs: a line filled to the
    width that does not end a sentence goes on in the next, unless that one opens a heading
    (一、 (一) 1.). Other texts are returned as they are."""
    from policygraph.ingest.segment import HEADING_START  # segment reads folded text, as made here

    width = wrap_width(lines)
    if not width:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and not HEADING_START.match(fold(line[:8])):
            out[-1] += line
        else:
            out.append(line)
        joining = len(line) >= width - 1 and not line.endswith(_PARAGRAPH_END)
    return out


PAGE_HEAD_CHARS = 4000


def page_metadata(raw: str) -> str:
    """The page-chrome lines of a raw text's head (来源:包头市科协 发布日期:… ), one per line: `clean`
    drops them, yet they name the plan's issuer.

    >>> page_metadata("来源:包头市科协 发布日期:2017-09-29 点击量: 995\\n关于印发方案的通知")
    '来源:包头市科协 发布日期:2017-09-29 点击量: 995'
    """
    lines = _plain_lines(raw[:PAGE_HEAD_CHARS])
    # only a labelled line (来源:…) can name the issuer
    return "\n".join(line for line in lines if (":" in line or "：" in line) and _is_chrome(line.strip()))


def clean(raw: str) -> str:
    """Cleaned text of a document: one paragraph or table row per line, no blank runs.

    Input: text as read (any newline style). Output: str. Cost: linear in the text.
    """
    plain = _plain_lines(raw)
    is_chrome = _chrome_test("\n".join(plain))
    nonblank = []
    for line in plain:
        stripped = line.strip()
        if not stripped or is_chrome(stripped):
            continue
        if not line.strip(" |｜\t"):
            continue  # a cell border alone on its line (a | table exported one cell per line)
        if len(line) < _FLAT_LINE:
            nonblank.append(line)
        else:
            nonblank.extend(_unflatten(line))  # (its pieces are stripped, none blank)
    # the site's header naming the file is chrome: the first lines as read
    page_numbered = _glued_page_number_runs(nonblank) or _preview_page_lines(nonblank, plain[:12])
    nonblank = _labels_joined_to_values(nonblank)
    merged: list[str] = []
    for k, line in enumerate(nonblank):
        if merged and merged[-1].rstrip().endswith("、") and k not in page_numbered:
            merged[-1] = merged[-1].rstrip() + line  # a list wrapped after 、 goes on
        elif k in page_numbered:
            body = _PAGE_NUMBER.sub("", line, count=1).lstrip(" \u3000")
            if k - 1 in page_numbered:
                merged[-1] += body  # a page break inside a paragraph: rejoin
            else:
                merged.append(body)
        else:
            merged.append(line)
    from policygraph.ingest.tables import tabulate_spaced  # tables reads cells with extract's grammar

    merged = tabulate_spaced(unwrapped(merged))
    text = "\n".join(merged)
    if " " in text or "\u3000" in text or "\u00a0" in text:  # (a fast look: many texts have no space left)
        text = "\n".join(
            "\t".join(map(_space_separated_units, line.split("\t")))
            if " " in line or "\u3000" in line  # a line with no space has no cell to change
            else line
            for line in merged
        )
        text = _SPLIT_SPACE.sub("", text)
    for wrong, right in knowledge().ocr_slips:
        text = text.replace(wrong, right)
    return text
