"""Segmentation: cleaned text -> heading blocks (chapters 一、, sections (一), items 1. / 1、, dash
bullets ——, labels 任务:/措施:, assignment paragraphs) with their place in the hierarchy.

Headings are found at line starts and, for scrapes that ran paragraphs together, inline after a
sentence end or glued to a heading title, where an inline item must also carry the expected next
number (so a stray `1、` inside a paragraph is text). Page damage is read too: a section heading
garbled by one-byte-off GBK decoding (?。…), a paywall notice (its text after is an unnumbered
item), a table of contents (目录/提纲: not the outline). Pure functions; cost linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from policygraph.ingest.grammar import grammar, leftmost
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.pattern_words import WordsTest, word_tree

NUMERAL_CHARS = "一二三四五六七八九十"
_NUMERALS = {c: i for i, c in enumerate(NUMERAL_CHARS, start=1)}
_CN = f"[{NUMERAL_CHARS}]{{1,3}}"
CHAPTER_MARK = f"{_CN}、"  # 一、 十二、: a chapter numeral, also where text glued to a title starts
# The one pattern of a heading numeral at the start of a line or cell (raw or folded text): 一、 (一)
# 1. 1、 (1) —— ; every module that asks "does this open a heading?" uses it.
HEADING_START = re.compile(
    rf"\s*(?:(?P<chapter>{_CN})、|[(（](?P<section>{_CN})[)）]|(?P<item>\d{{1,2}})[.、．](?!\d)"
    r"|[(（](?P<paren>\d{1,2})[)）]|(?P<dash>——|--(?![->])))\s*"
)
_SENTENCE_END = "。;!?"


def chinese_numeral(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    if "十" not in text:
        return _NUMERALS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)


def heading_numeral(text: str) -> tuple[str, str] | None:
    """(level, marker as used in paths) of the heading numeral opening `text`, else None.

    >>> heading_numeral("一、以政务公开助力稳增长"), heading_numeral("（一）加强预期引导")
    (('chapter', '一'), ('section', '(一)'))
    >>> heading_numeral("3.抓好工业节水"), heading_numeral("2021年")
    (('item', '3'), None)
    """
    m = HEADING_START.match(text)
    if not m:
        return None
    level = m.lastgroup
    assert level is not None  # every alternative of HEADING_START is a named group
    value = m.group(level)
    marker = {"section": f"({value})", "paren": f"({value})", "dash": "——"}.get(level, value)
    return level, marker


def numeral_text(value: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三 (the inverse of chinese_numeral).

    >>> [numeral_text(n) for n in (1, 10, 12, 23)]
    ['一', '十', '十二', '二十三']
    """
    digits = "一二三四五六七八九"
    if value < 10:
        return digits[value - 1]
    tens, ones = divmod(value, 10)
    return (digits[tens - 1] if tens > 1 else "") + "十" + (digits[ones - 1] if ones else "")


class Block(NamedTuple):
    """One heading and the text it governs, up to the next heading.

    kind: chapter | section | item (1. 1、) | paren ((1) at a line start, or after a sentence's end or a
    closing bracket) | dash | label | assign.
    marker: the numeral as used in paths (三, (一), 1, (1), ——); value: its number (0 if none).
    start: heading start; body: where the text after the marker starts; end: block end.
    label: for kind label, 'goal' or 'measure'.
    (A named tuple: made several times faster than a frozen dataclass, whose __init__ sets each
    field through object.__setattr__; a text has a block per heading.)
    """

    kind: str
    marker: str
    value: int
    start: int
    body: int
    end: int
    inline: bool = False
    label: str = ""


def _garbled_non_numerals() -> str:
    """The characters that follow the stray 。 of a garbled （ when the bracket did not open with a
    numeral: GBK decoded one byte off pairs the second byte of （ (A3 A8) with the first byte of the
    next character, so the character after 。 is A8 + that byte, from GBK's A8 row (pinyin letters
    and bopomofo). Those of 一…十 (ㄒ for 一, ǘ for 二 …) stay headings; the rest are other words.

    >>> "ㄉ" in _garbled_non_numerals(), "ㄒ" in _garbled_non_numerals()
    (True, False)
    """
    numerals = {bytes([0xA8, c.encode("gbk")[0]]) for c in NUMERAL_CHARS}
    row = []
    for second in range(0xA1, 0xFF):
        pair = bytes([0xA8, second])
        if pair not in numerals:
            try:
                row.append(pair.decode("gbk"))
            except UnicodeDecodeError:
                continue
    return re.escape("".join(row))


@lru_cache(maxsize=2)
def _marker_pattern(gaps: bool = True) -> re.Pattern:
    """gaps: with the paywall-gap form, which scans every line it is tried on; a text that holds
    no gap words anywhere (one fast search) is read without it."""
    k = knowledge()
    labels = word_tree(k.phrases("goal_label") + k.phrases("measure_label"))
    assign = word_tree(
        [
            w
            for kind in ("section_label", "lead_label", "support_label", "joint_label", "leader_label")
            for w in k.phrases(kind)
        ]
    )
    return re.compile(
        rf"(?P<chapter>{_CN})、"
        rf"|\((?P<section>{_CN})\)\)?"
        r"|(?P<item>\d{1,2})[.、](?!\d)"
        r"|\((?P<paren>\d{1,2})\)"
        r"|(?m:^)(?P<dash>——|--(?![->]))"
        rf"|(?m:^)(?P<label>{labels})\s*:"
        rf"|(?m:^)\(?(?P<assign>{assign})\s*(?::|为(?!主))"
        # A section heading whose （N） a one-byte-off GBK decoding garbled into ?。ㄒ唬┩…: the
        # stray 。 is the only trace of it; not a bracket garbled around other words (?。ㄉ虾…).
        rf"|(?m:^)[ \t]*\?(?P<garbled>)。(?![{_garbled_non_numerals()}])"
        + (rf"|(?m:^)(?P<gap>[^\n]*(?:{grammar()['gap_line'].pattern})[^\n]*)(?:\n|$)" if gaps else "")
        + rf"|(?m:^)(?P<summary>{word_tree(k.phrases('summary_opener'))})(?=由)"
    )


# Where a marker can start inside a line (一、 十二、 (一) 1. 12、 (1)): before a 、 or . that follows
# a numeral or a digit, at a ( before one. Each of the three patterns opens with its fixed
# character, which `re` finds by a fast search; a class of the forms' opening characters (the
# numerals, the bracket, the digits), or the marker pattern with no fixed opening, is tested at
# every character of the text, several times slower.
_NUMERAL_COMMA = re.compile(rf"、(?<=[{NUMERAL_CHARS}\d]、)")
_DIGIT_POINT = re.compile(r"\.(?<=\d\.)")
_NUMERAL_BRACKET = re.compile(rf"\((?=[{NUMERAL_CHARS}\d])")


def _inline_starts(folded: str) -> list[int]:
    """Every position where a marker found inside a line can start, and a few more (some twice,
    some before the text's start): the three characters before such a 、 (a numeral runs to
    three), the two before such a ."""
    return [
        *(m.start() for m in _NUMERAL_BRACKET.finditer(folded)),
        *(m.start() - back for m in _NUMERAL_COMMA.finditer(folded) for back in (3, 2, 1)),
        *(m.start() - back for m in _DIGIT_POINT.finditer(folded) for back in (2, 1)),
    ]


def _line_starts(f: str) -> list[int]:
    r"""0 and each position after a newline (the lengths of the lines, summed up in C).

    >>> _line_starts("ab\ncd\n")
    [0, 3, 6]
    """
    return list(accumulate(map((1).__add__, map(len, f.split("\n")[:-1])), initial=0))


def _markers(folded: str, forms: frozenset[str] | None = None, line_starts: list[int] | None = None):
    """_marker_pattern().finditer(folded), the same matches, trying the pattern only where one can
    start: at a line start or where a form found inside a line can (_inline_starts). forms: the
    text's _rare_forms, line_starts: its _line_starts, when known."""
    forms = _rare_forms(folded) if forms is None else forms
    gaps = "gap_line" in forms and leftmost(grammar()["gap_line"], folded) is not None
    pattern = _marker_pattern(gaps=gaps)
    line_starts = _line_starts(folded) if line_starts is None else line_starts
    size, pos = len(folded), 0
    for candidate in sorted([*line_starts, *_inline_starts(folded)]):
        if candidate < pos:
            continue  # before the text, inside the last match, or tried already
        if candidate > size:
            return
        pos = candidate + 1
        m = pattern.match(folded, candidate)
        if m is None:
            continue
        if m.end() == m.start():
            yield from pattern.finditer(folded, m.start())  # an empty match: finditer's own rules
            return
        yield m
        pos = m.end()


_RARE_FORMS = ("gap_line", "outline_line", "attachment_list")


def _rare_forms(folded: str) -> frozenset[str]:
    """The rare forms a text may hold (a paywall gap, a table of contents, an attachment list):
    those whose required words (pattern_words) it holds, or that have none."""
    return frozenset(kind for kind, may in zip(_RARE_FORMS, _rare_forms_test()(folded)) if may)


@lru_cache(maxsize=1)
def _rare_forms_test() -> WordsTest:
    return WordsTest([grammar()[kind] for kind in _RARE_FORMS])


_RUN_ON_LINE = 400  # characters: longer than any heading line or ordinary paragraph of a plan


class _LineLengths:
    """The length of the line holding a position, from the text's line starts."""

    def __init__(self, f: str, starts: list[int]):
        self.size, self.starts = len(f), starts

    def at(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else self.size
        return end - self.starts[i]


def _run_on_heading(f: str, end: int, kind: str, value: int, prev: str) -> bool:
    """Whether a marker inside a run-on line may open a heading: not a numeral inside words
    (三、四级医院, 第二、三产业, 合一、一照一码); a first chapter only after a colon, a bracket or a
    sentence's end (统一、 is a word)."""
    following = f[end : end + 1]
    if following and (following in NUMERAL_CHARS or following.isdigit()):
        return False
    if prev == "第" or prev in NUMERAL_CHARS or prev.isdigit():
        return False
    return not (kind == "chapter" and value == 1 and prev not in ":)]" + _SENTENCE_END)


def _inside_item(accepted: list[Block]) -> bool:
    """Whether the last numbered heading so far is an item (1. 1、), whose sub-points (1)(2) may be."""
    last = next((b for b in reversed(accepted) if b.kind in ("chapter", "section", "item")), None)
    return last is not None and last.kind == "item"


def _prev_char(f: str, pos: int) -> str:
    i = pos - 1
    while i >= 0 and f[i] in " \t":
        i -= 1
    return f[i] if i >= 0 else "\n"


def find_blocks(folded: str) -> list[Block]:
    """Accepted heading blocks of a folded cleaned text, in order (text before the first is preamble)."""
    k = knowledge()
    measure_words = set(k.phrases("measure_label"))
    accepted: list[Block] = []  # end is filled in once the next heading is known
    last_chapter = last_section = 0
    last_item = 0  # -1 after a gap: the next item's number is unknown
    line_starts = _line_starts(folded)
    line_lengths = _LineLengths(folded, line_starts)
    forms = _rare_forms(folded)
    for m in _markers(folded, forms, line_starts):
        kind = m.lastgroup
        pos, body = m.span()
        if kind == "garbled":
            last_section, last_item = last_section + 1, 0
            marker = f"({numeral_text(last_section)})"
            accepted.append(Block("section", marker, last_section, pos, body, body))
            continue
        if kind == "gap":
            # Text after a paywall gap is an item whose number was left out with the gap.
            line_end = folded.find("\n", body)
            after = folded[body : line_end if line_end != -1 else len(folded)].strip()
            if len(after) < 4 or HEADING_START.match(after):
                continue  # nothing of an item after it (a footer), or the next item is numbered
            accepted.append(Block("item", "…", 0, pos, body, body))
            last_item = -1
            continue
        if kind == "summary":
            kind = "assign"  # 以上任务由X牵头: an assignment paragraph like 分工：由X牵头
        at_line = pos == 0 or folded[pos - 1] == "\n"
        if kind in ("dash", "label", "assign") and not at_line:
            continue
        if kind in ("label", "assign"):
            label = ""
            if kind == "label":
                label = "measure" if m.group("label") in measure_words else "goal"
            accepted.append(Block(kind, "", 0, pos, body, body, False, label))
            continue
        if kind == "dash":
            accepted.append(Block("dash", "——", 0, pos, body, body))
            continue
        if kind == "paren":
            if not at_line and (_prev_char(folded, pos) not in "。)]" or not _inside_item(accepted)):
                continue  # (1) inside a sentence enumerates; after one, inside an item, it opens a sub-point
            value = int(m.group("paren"))
            accepted.append(Block("paren", f"({value})", value, pos, body, body, not at_line))
            continue
        text = m.group(kind)
        value = int(text) if kind == "item" else chinese_numeral(text)
        if not at_line:
            prev = _prev_char(folded, pos)
            # an item run on after the bracket that closed the one before (…（A、B）2.制订…); on a
            # page that lost its line breaks (a 范文 site's one paragraph, a document preview), a
            # heading continuing the numbering after any character
            after_sentence = (
                prev in _SENTENCE_END
                or (prev == ":" and kind != "chapter")
                or (prev in ")]" and kind == "item")
                or (
                    value == {"chapter": last_chapter, "section": last_section}.get(kind, last_item) + 1
                    and _run_on_heading(folded, body, kind, value, prev)
                    and line_lengths.at(pos) > _RUN_ON_LINE
                )
            )
            glued = False
            if accepted:
                last = accepted[-1]
                deeper = {"chapter": (), "section": ("chapter",), "item": ("chapter", "section")}[kind]
                # (finds in the text between, not a copy of it: a run-on page holds pages of it)
                glued = (
                    last.kind in deeper
                    and folded.find("。", last.body, pos) == -1
                    and folded.find("\n", last.body, pos) == -1
                )
            if not (after_sentence or glued):
                continue
            if kind == "section" and value != last_section + 1:
                continue
            if kind == "item" and value != last_item + 1 and not (last_item == -1 and value > 1):
                continue
        if kind == "chapter":
            last_chapter, last_section, last_item = value, 0, 0
        elif kind == "section":
            last_section, last_item = value, 0
        else:
            last_item = value
        marker = text if kind == "chapter" else f"({text})" if kind == "section" else str(value)
        accepted.append(Block(kind, marker, value, pos, body, body, not at_line))
    if "outline_line" in forms:
        accepted = _without_outline(folded, accepted)
    accepted = _without_notice(folded, _without_attachment_list(folded, accepted, "attachment_list" in forms))
    blocks = []
    ends = [block.start for block in accepted[1:]]
    ends.append(len(folded))
    for (kind, marker, value, start, body, _, inline, label), end in zip(accepted, ends):
        while end > body and folded[end - 1] in " \t\n":
            end -= 1
        # the constructor, not _replace (which goes through every field by name): one per heading
        blocks.append(Block(kind, marker, value, start, body, max(end, body), inline, label))
    return blocks


_FILE_NAME_LINE = 100  # characters: a file's name, not a run-on page ending in a download link


def _names_a_file(f: str, body: int) -> bool:
    """Whether the short line a heading opens (at the line's start) is a file's name (17.X清单.docx)."""
    end = f.find("\n", body, body + _FILE_NAME_LINE)
    if end == -1:
        if len(f) - body > _FILE_NAME_LINE:
            return False
        end = len(f)
    return grammar()["attachment_file"].search(f, body, end) is not None


def _without_attachment_list(folded: str, accepted: list[Block], listed_may_be: bool = True) -> list[Block]:
    """Headings minus the numbered lines of a notice's attachment list (附件:1.X表 / 2.Y表): from
    the label's line on, while the lines are short file names (no 。, at most 60 characters); and
    minus a numbered line that is a file's name (17.X清单.docx: a page's download link).

    >>> [b.marker for b in find_blocks("17.某某政策清单.docx\\n一、总体要求\\n二、重点任务\\n")]
    ['一', '二']
    """
    accepted = [b for b in accepted if b.inline or not _names_a_file(folded, b.body)]
    listed: list[tuple[int, int]] = []
    for m in grammar()["attachment_list"].finditer(folded) if listed_may_be else ():
        start = end = m.end()
        while end < len(folded):
            line_end = folded.find("\n", end)
            line_end = len(folded) if line_end == -1 else line_end
            line = folded[end:line_end].strip()
            if not line or "。" in line or len(line) > 60 or (end > start and not HEADING_START.match(line)):
                break
            end = line_end + 1
        listed.append((start, end))
    if not listed:
        return accepted
    return [b for b in accepted if not any(a <= b.start < z for a, z in listed)]


def notice_span(folded: str, accepted: list[Block]) -> tuple[int, int] | None:
    """The numbered paragraphs of a covering notice (印发通知) wrapped around the plan, or None.

    A notice hands the plan on in one sentence (现将《X》印发给你们 / 经…同意,现印发) written before the
    plan's first heading. When its own requirements follow it at once (the next heading right after
    that paragraph), they are one flat run of headings numbered from 1 (一、二、三…), which ends at
    the first of: the notice's close (此通知 / its date line / 附件), the plan's title line (X again),
    the run's numbering starting over (the plan's 一、), or the text's end (an excerpt cut inside the
    notice). None where structure cannot tell: prose after the sentence, the notice closed (dated) on
    the sentence's own line (a page run together), or a deeper heading ((一), 1.) under the run before
    it ends, which is how a plan's own chapters look.

    >>> text = "各县人民政府:\\n现将《某某实施方案》印发给你们,请认真贯彻执行。\\n一、加强领导。各地要重视。\\n二、细化方案。要细化。\\n某市人民政府\\n2024年3月1日\\n某某实施方案\\n一、推进改革\\n"
    >>> [(b.marker, b.start > text.index("2024年")) for b in find_blocks(text)]
    [('一', True)]
    """
    if not accepted:
        return None
    issue = grammar()["notice_issue"].search(folded, 0, accepted[0].start)
    if issue is None:
        return None
    line_end = folded.find("\n", issue.end())
    start = len(folded) if line_end == -1 else line_end
    if grammar()["signed_date"].search(folded, issue.end(), start):
        return None  # the notice closed on its own line (a page run together): the plan follows
    after = [b for b in accepted if b.start >= start]
    if not after or after[0].value != 1 or folded[start : after[0].start].strip():
        return None
    ends = [len(folded)]
    close = grammar()["notice_close"].search(folded, start)
    if close is not None:
        ends.append(close.start())
    title = _issued_title(folded, issue)
    if title:
        ends.extend(_title_line_starts(folded, start, title))
    end = min(ends)
    run = after[0]
    for block in after[1:]:
        if block.start >= end:
            break
        if block.kind == run.kind and block.value == run.value + 1:
            run = block
        elif block.kind == run.kind:
            return start, block.start  # the numbering starts over: the plan's first chapter
        elif block.kind in ("chapter", "section", "item"):
            return None  # (一) or 1. under the run: a plan's chapters, or no telling which
    return start, end


_NOT_TITLE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]")


def _issued_title(folded: str, issue: re.Match) -> str:
    """The name of the document a notice hands on, bare of marks (《》〈〉<>): the last 《X》 of the
    issuing sentence before its verb, at least 6 characters (not a short form such as 《方案》)."""
    sentence_start = max(folded.rfind("。", 0, issue.start()), folded.rfind("\n", 0, issue.start())) + 1
    names = [
        _NOT_TITLE.sub("", m.group(1))
        for m in re.finditer(r"《((?:[^《》\n]|《[^《》\n]*》)+)》", folded[sentence_start : issue.end()])
    ]
    return next((name for name in reversed(names) if len(name) >= 6), "")


def _title_line_starts(folded: str, start: int, title: str):
    """Starts of lines after `start` that open the plan's title (the title, or its first line at
    least 6 characters long when the page breaks it over lines)."""
    pos = start
    while pos < len(folded):
        line_end = folded.find("\n", pos)
        line_end = len(folded) if line_end == -1 else line_end
        bare = _NOT_TITLE.sub("", folded[pos:line_end])
        if len(bare) >= min(6, len(title)) and title.startswith(bare):
            yield pos
            return
        pos = line_end + 1


def _without_notice(folded: str, accepted: list[Block]) -> list[Block]:
    """Headings minus the numbered paragraphs of a covering notice (see notice_span)."""
    span = notice_span(folded, accepted)
    if span is None:
        return accepted
    start, end = span
    return [b for b in accepted if not start <= b.start < end]


def _without_outline(folded: str, accepted: list[Block]) -> list[Block]:
    """Headings minus those of a table of contents (目录/提纲 and the headings listed under it, up
    to where its first chapter numeral comes again as the body's)."""
    outline = grammar()["outline_line"].search(folded)
    if outline is None:
        return accepted
    listed = [b for b in accepted if b.start > outline.end()]
    first_chapter = next((b for b in listed if b.kind == "chapter"), None)
    if first_chapter is None:
        return accepted
    again = next(
        (
            b
            for b in listed
            if b.kind == "chapter" and b.marker == first_chapter.marker and b is not first_chapter
        ),
        None,
    )
    if again is None:
        return accepted
    return [b for b in accepted if not outline.start() <= b.start < again.start]


def heading_title(folded: str, text: str, block: Block) -> str:
    """The heading's title as written: its first clause (to 。 or the line end), without the
    numeral; a heading glued to its body (found inline, or a clause over 30 characters) is cut
    before the body starts,
    after an action/project word (工程, 行动) for chapters and sections, else before an opener."""
    body = block.body
    end = block.end
    stop = folded.find("。", body, end)
    if stop != -1:
        end = stop
    stop = folded.find("\n", body, end)  # a line end before the 。 (or the block's end)
    if stop != -1:
        end = stop
    title = text[body:end]
    if end - body > 30 or block.inline:
        k = knowledge()
        title_f = folded[body:end]
        cut = None
        if block.kind in ("chapter", "section"):
            for word in k.section_kinds:
                i = title_f.find(word, 2)
                if i != -1 and (cut is None or i + len(word) < cut):
                    cut = i + len(word)
        if cut is None:
            # the first opener from the 5th character, if no mark (,、;:() comes before it
            opener = _opener_pattern().search(title_f, 4)
            mark = _CLAUSE_MARK.search(title_f, 0, opener.start()) if opener else None
            if opener and not mark:
                cut = opener.start()
        if cut is not None:
            title = text[body : body + cut]
    # A clause running on for pages is no title: keep its opening.
    return title.strip().rstrip("。.;；:：,，、 ")[:200]


_CLAUSE_MARK = re.compile(r"[,、;:(]")


@lru_cache(maxsize=1)
def _opener_pattern() -> re.Pattern:
    return re.compile(word_tree(knowledge().phrases("opener")))
