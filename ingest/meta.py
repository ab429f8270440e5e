"""Plan metadata from the cleaned text: title, jurisdiction and level, period, document number,
cited parent policies. Pure functions; cost: a few regular expressions over the preamble."""

from __future__ import annotations

import re

from policygraph.ingest.clean import fold, nest_angle_brackets, without_pinyin
from policygraph.ingest.knowledge import Division, knowledge
from policygraph.ingest.places import (
    PLACE_OPENINGS,
    PlaceMention,
    division_level,
    divisions_named,
    find_places,
    find_short_places,
    innermost,
    parent_name_of,
    short_division_at,
)
from policygraph.ingest.segment import CHAPTER_MARK, heading_numeral

_PLAN_WORDS = re.compile(r"方案|计划|要点|纲要|规划|意见|通知|办法|清单|分工|分解|任务表")
_PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,7}?(?:自治区|特别行政区|省|市|自治州|州|盟|区|县|旗))")
_INNER_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治州|自治县|自治旗|市|州|盟|区|县|旗))")
_GENERIC_AREAS = ("主城区", "老城区", "新城区", "中心城区", "高新区", "开发区", "全城区", "各城区")
_NOT_PLACE_END = (
    "社区",
    "园区",
    "小区",
    "景区",
    "片区",
    "城区",
    "校区",
    "街区",
    "新区",
    "辖区",
    "地区",
    "山区",
    "牧区",
    "林区",
    "库区",
)
# Where a title line stops: text glued after it (一、总体要求), a sentence end, a label's colon.
_TITLE_END = re.compile(rf"{CHAPTER_MARK}|。|[:：]")
_ISSUED = re.compile(r"关于印发(.+?)的通知")
_YEARS = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~～至－]+\s*(20\d\d)")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[\[〔(（]\s*(?:19|20)\d\d\s*[\]〕)）]\s*\d{1,4}\s*号")
_NATIONAL = re.compile(r"全国|国务院|中国科协|我国")


# plan_title reads the first 15 lines and the one after; doc_number_of the first 12.
_HEAD_LINES = 16


def head_lines(text: str) -> list[str]:
    r"""The first lines of `text` holding more than whitespace, as many as plan_title and
    doc_number_of read: found line by line, not by splitting the whole text for a few of them.

    >>> head_lines("标题\n\n  \n第二行\n")
    ['标题', '第二行']
    """
    lines: list[str] = []
    start, n = 0, len(text)
    while start <= n and len(lines) < _HEAD_LINES:
        end = text.find("\n", start)
        end = n if end == -1 else end
        if not text[start:end].isspace() and end > start:
            lines.append(text[start:end])
        start = end + 1
    return lines


def plan_title(lines: list[str]) -> str:
    """First line of the head naming a plan (方案/计划/要点…), joined with a short continuation line
    (吉林省…纲要 / 实施方案（2016—2020年）); text glued after it (一、…) is cut off."""
    for i, line in enumerate(lines[:15]):
        head = _TITLE_END.split(line, maxsplit=1)[0]
        if (
            not _PLAN_WORDS.search(fold(head))
            or len(head) > 80
            or re.search(r"[，,]", head)
            or head.strip() == "特此通知"
        ):
            continue  # a sentence citing a plan (根据《…方案》，现将…) is not the title
        title = head.strip()
        if i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            if (
                len(nxt) <= 30
                and _PLAN_WORDS.search(fold(nxt))
                and heading_numeral(nxt) is None
                and not re.match(r"[(（\d]", nxt)
                and not re.search(r"[。，,：:]", nxt)
            ):
                title += nxt
        return title
    return lines[0].strip()[:80] if lines else ""


def _is_inner_place(name: str) -> bool:
    """越城区, 浦东新区 are districts; 主城区, 高新区 and the like are areas, not jurisdictions."""
    if name in _GENERIC_AREAS:
        return False
    return not name.endswith(_NOT_PLACE_END) or (name.endswith(("城区", "新区")) and len(name) >= 3)


def place_of(title: str, folded: str | None = None) -> str:
    """The jurisdiction a title opens with (宜春市, 内蒙古自治区), or ''; the innermost of nested
    places (北京市顺义区 -> 顺义区, the issuing district). Matched on the folded title (新竹縣 as
    新竹县; `folded`: fold(title) when the caller has it), returned as written."""
    folded = fold(title) if folded is None else folded
    inner = _ISSUED.search(folded)
    offsets = [0] + ([inner.start(1) + (folded[inner.start(1)] == "《")] if inner else [])
    for offset in offsets:
        m = _PLACE.match(folded[offset:])
        if (opening := _short_opening(folded[offset:])) is not None:
            start = offset + len(opening)  # 泾县…, 中共萧县县委…: a one-character county
            end = start + 2
        elif m and not m.group(1).endswith(_NOT_PLACE_END) and "关于" not in m.group(1):
            start, end = offset + m.start(1), offset + m.end(1)
        else:
            continue
        while inner_place := _inner_place(folded, end):
            start, end = end, end + len(inner_place)
        return title[start:end]
    return ""


def _short_opening(folded: str) -> str | None:
    """What stands before a two-character division opening the text ('' or 中共), or None."""
    return next((o for o in PLACE_OPENINGS if short_division_at(folded, len(o))), None)


def _inner_place(folded: str, at: int) -> str:
    """The place nested right after the one ending at `at`, or '': a known division under that one
    (宿州市|萧县, 鞍山市|立山区, however its name ends), else a district-shaped name (北京市|顺义区)."""
    outer = _outer_name(folded, at)
    if outer:
        for length in range(12, 2, -1):
            name = folded[at : at + length]
            if len(name) == length and any(parent_name_of(d) == outer for d in divisions_named(name)):
                return name
        if short_division_at(folded, at, outer):
            return folded[at : at + 2]
    m = _INNER_PLACE.match(folded[at:])
    return m.group(1) if m and _is_inner_place(m.group(1)) else ""


def _outer_name(folded: str, at: int) -> str:
    """The known division name ending at `at` (宿州市 in 安徽省宿州市萧县), or ''."""
    for length in range(min(at, 12), 1, -1):
        if divisions_named(folded[at - length : at]):
            return folded[at - length : at]
    return ""


def level_of(jurisdiction: str) -> str:
    """The plan level of a jurisdiction: the gazetteer's for a known province, prefecture, district
    or county (上海市 -> province, 海曙区 -> district), else by its ending (江城市 -> city).
    A county-level city (醴陵市, 宣威市) is a county-level division: district, as the gold schema has it.

    >>> level_of("上海市"), level_of("宁波市海曙区"), level_of("雲嶺省"), level_of("全国"), level_of("醴陵市")
    ('province', 'district', 'province', 'national', 'district')
    """
    jurisdiction = fold(jurisdiction)
    if jurisdiction == "全国":
        return "national"
    known = division_level(jurisdiction)
    if known:
        return known
    if jurisdiction.endswith(("自治区", "省", "特别行政区")):
        return "province"
    if jurisdiction.endswith(("市", "自治州", "州", "盟")):
        return "city"
    if jurisdiction.endswith(("区", "县", "旗")):
        return "district"
    return "unknown"


def plan_level(jurisdiction: str, text: str, characters: str | None = None) -> str:
    """level_of the jurisdiction; for a plan whose place is not named (anonymised copies, page
    openings) the level its words speak from (我市, 各县(市、区) -> city), else 'unknown'.
    `characters`: clean.fold_characters(text) when the caller has it (folding is per character,
    so its opening is the opening's: only the angle brackets are left to pair).

    >>> plan_level("", "结合我市实际,全市水环境质量"), plan_level("宁波市海曙区", ""), plan_level("", "")
    ('city', 'district', 'unknown')
    """
    level = level_of(jurisdiction)
    if level == "unknown":
        cut = _HEAD_CHARS * 4
        opening = fold(text[:cut]) if characters is None else nest_angle_brackets(characters[:cut])
        level = level_signal(opening) or "unknown"
    return level


# A local plan may name a national event once (组织全国科普日活动); a national one speaks of the
# country in its opening or throughout.
NATIONAL_MENTIONS = 2


# How a plan speaks of its own level: 我县 / 全县 (its own place), 县委 / 县政府 (its own bodies),
# 各乡 / 各镇 (the level below it, which it addresses). Weights: own place 3, addressees 2, bodies 1.
# A rank or a comparison (全省第1, 在全省排名靠前, 高于全市平均) speaks of the level above the
# plan's, not of its own.
# Each scan opens with one fixed character: re finds such a pattern's candidates with a fast
# character search, where a pattern opening with a set of characters (我省|全省|本省) is tried
# position by position, ~10x slower. Each capturing group of a scan is one (level, weight); no match
# of a scan can start inside another of its matches, so counting each group's matches of the one
# scan counts what a separate pattern per group would find.
_RANKED = r"(?!第|排名|排位|前列|前\d|领先|平均|之首|首位)"
_BODIES = r"(?:委|政府|人民政府)"
_LEVEL_SCANS = (
    (
        re.compile(
            r"各(?:(省[、,]自治区[、,]直辖市)|(市[、,(（]|地级以上市|市州|设区的?市)"
            r"|((?:县|区|市辖区)(?![属域级]))|(乡|镇|街道|苏木))"
        ),
        (("national", 3), ("province", 2), ("city", 2), ("district", 2)),
    ),
    (re.compile(r"国务院各(?:部委|直属机构)"), (("national", 3),)),
    (re.compile(r"我(?:(省)|(市)|([县区旗]))"), (("province", 3), ("city", 3), ("district", 3))),
    (
        re.compile(rf"全(?:(省){_RANKED}|(市){_RANKED}|([县旗]))"),
        (("province", 3), ("city", 3), ("district", 3)),
    ),
    (re.compile(r"本(?:(省)|(市)|([县区]))"), (("province", 3), ("city", 3), ("district", 3))),
    (re.compile(rf"省{_BODIES}"), (("province", 1),)),
    (re.compile(rf"市{_BODIES}"), (("city", 1),)),
    (re.compile(rf"县{_BODIES}"), (("district", 1),)),
    (re.compile(rf"区{_BODIES}"), (("district", 1),)),
    (re.compile(r"旗(?:委|政府)"), (("district", 1),)),
)


def _chinese_except(ends: str) -> str:
    """A character class of the Chinese characters (U+4E00-U+9FFF) but `ends`."""
    codes = sorted(ord(c) for c in ends)
    ranges, low = [], 0x4E00
    for code in codes:
        if low < code:
            ranges.append(f"\\u{low:04x}-\\u{code - 1:04x}")
        low = code + 1
    ranges.append(f"\\u{low:04x}-\\u9fff")
    return "[" + "".join(ranges) + "]"


# A unit's name: one or more (up to 10) Chinese characters, then the first of its ending characters
# (X{1,10}?[局委办], written as a greedy run of the others, X[^局委办]{0,9}[局委办]: the same match,
# found without trying the ending after each character).
_UNIT_TAIL = (
    rf"\s*(?:((?:省|自治区)(?!级)[\u4e00-\u9fff]{_chinese_except('厅局委办')}{{0,9}}[厅局委办])"
    rf"|(市(?![场级域直])[\u4e00-\u9fff]{_chinese_except('局委办')}{{0,9}}[局委办])"
    rf"|([区县旗](?![域级直])[\u4e00-\u9fff]{_chinese_except('局委办')}{{0,9}}[局委办]))"
)
# The plan's own units in its lists (牵头单位:区发改局、区财政局 …): they tell which place of several
# is the issuer, not whether a plan that names no place is national. One scan per punctuation mark
# that opens a list entry, for the speed above.
_UNIT_LEVEL_SCANS = tuple(
    (re.compile(re.escape(mark) + _UNIT_TAIL), (("province", 1), ("city", 1), ("district", 1)))
    for mark in "、:(,"
)
# Page metadata naming the issuer or the source (发文机关：…, 来源：…).
# Labels are often spaced out to align them (发 文 机 关, 标　　题).
_ISSUER_LABELS = (
    "发文机关",
    "发布机构",
    "发文单位",
    "发布单位",
    "所属机构",
    "来源",
    "文章来源",
    "信息来源",
    "标题",
    "名称",
    "信息名称",
)
_ISSUER_LINE = re.compile(
    "(?:" + "|".join(r"\s*".join(label) for label in _ISSUER_LABELS) + r")\s*[:：]\s*(\S+)"
)
_HEAD_CHARS = 1500
# Page-metadata labels run together with a place-like word are no place (发布机构区, 来源市).
_METADATA_WORDS = re.compile(r"发布|机构|来源|索引|名称|发文|主题|分类|时间|日期|单位|文号|浏览")


# Words that open an addressee or the plan's own place, never a place's name (各县市, 全市, 本区).
_ADDRESSEE_OPENINGS = ("各", "全", "本", "我", "该")
# Words that make a kind of area out of a level word (重点区域 -> 重点区, 试点县, 相关区, 其他县): a
# place the gazetteer does not know is no place when it opens with one.
_AREA_MODIFIERS = ("重点", "试点", "相关", "其他", "核心", "示范", "有关", "部分", "所在", "为此")


# Function words' characters no division's name uses (tests check them against divisions.tsv): a
# place-shaped run holding one (根据区, 成立由市, 为确保我区) is a sentence cut at a level word.
_FUNCTION_CHARS = re.compile("[我由据的对在按把被以及与]")


def _plausible_place(name: str) -> bool:
    """A place the gazetteer does not know is taken only when shaped like one: a short stem (江城市,
    雲嶺省) or an ethnic autonomous name, and no page-metadata label in it (发布机构区) nor a phrase
    ending in a level word (全面推进智慧城市).

    >>> _plausible_place("江城市"), _plausible_place("全面推进智慧城市"), _plausible_place("发布机构区")
    (True, False, False)
    >>> _plausible_place("各縣市"), _plausible_place("为确保我区"), _plausible_place("根据区")
    (False, False, False)
    >>> _plausible_place("重点区"), _plausible_place("试点县")
    (False, False)
    """
    f = fold(innermost(name))
    if divisions_named(f):
        return True
    if _METADATA_WORDS.search(f) or f.startswith(_ADDRESSEE_OPENINGS + _AREA_MODIFIERS):
        return False
    if _FUNCTION_CHARS.search(f):
        return False  # 为确保我区, 根据区, 成立由市: a sentence's words, not a name
    return f.endswith(("自治州", "自治县", "自治旗", "自治区")) or len(Division("", f, "", "").stem) <= 4


def level_scores(text: str, units: bool = True) -> dict[str, int]:
    """Each level's weighted count of the words speaking from it (level_signal's evidence).

    >>> level_scores("本市人民政府、市财政局")
    {'national': 0, 'province': 0, 'city': 5, 'district': 0}
    """
    scores = dict.fromkeys(("national", "province", "city", "district"), 0)
    for pattern, groups in _LEVEL_SCANS + (_UNIT_LEVEL_SCANS if units else ()):
        found = pattern.findall(text)
        if not found:
            continue
        if len(groups) == 1:  # no group: findall gives the matches
            level, weight = groups[0]
            scores[level] += weight * len(found)
            continue
        # a match's tuple holds '' for each group that took no part (none matches empty text)
        for (level, weight), column in zip(groups, zip(*found), strict=True):
            scores[level] += weight * (len(column) - column.count(""))
    return scores


def level_signal(text: str, units: bool = True) -> str:
    """The level a text speaks from, by its words (我县, 各乡镇, 县政府 …), or '' when they do not
    tell; with `units`, the prefixes of the units it lists count too. Cost: a handful of regular
    expressions over the text's head, each opening with a fixed character.

    >>> level_signal("各乡、镇人民政府,县政府有关部门:今年以来,我县发生两起事故")
    'district'
    """
    scores = level_scores(text, units)
    best = max(scores, key=scores.__getitem__)
    tied = [level for level, score in scores.items() if score == scores[best]]
    return best if scores[best] and len(tied) == 1 else ""


def _known(mentions: list[PlaceMention], level: str) -> list[PlaceMention]:
    return [m for m in mentions if level in {d.level for d in m.divisions}]


def _choose(mentions: list[PlaceMention], level: str) -> PlaceMention | None:
    """The place a plan of `level` is issued by among places its head names: the first of that
    level, else (level unknown) the innermost of the first nested run (宁波市海曙区 -> 海曙区)."""
    if level:
        at_level = _known(mentions, level)
        return at_level[0] if at_level else None
    if not mentions:
        return None
    first = mentions[0]
    for nxt in mentions[1:]:
        if nxt.start != first.end:
            break
        first = nxt
    return first


def _mainland(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Mentions that can name a plan's issuer: the plans read here come from the mainland's
    governments, so a district of Taiwan a sentence happens to spell (建设新社区, 东区) is a word."""
    return [m for m in mentions if any(not d.code.startswith("71") for d in m.divisions)]


_ISSUING = re.compile(r"印发|关于|发布|出台|制定|人民政府|政府|省委|市委|县委|办公厅|办公室")
_YEAR_OPENING = re.compile(r"\s*(?:(?:19|20)\d\d\s*(?:—|-|~|至)?\s*)*年?度?")


def jurisdiction_of(title: str, preamble: str, text: str, metadata: str = "") -> str:
    """The issuing jurisdiction, as written: a known division (divisions.tsv) the title names, else one
    named by the page metadata (发文机关, 来源 …) or the head of the text that fits the level the plan
    speaks from (我县, 各乡镇 …); else a place-shaped name opening the title (a place the gazetteer does
    not know); else 全国 when the plan speaks of the whole country (全国, 国务院, 我国) in its opening
    or at least NATIONAL_MENTIONS times; else ''. `metadata`: page lines the cleaned text lost
    (来源:X 发布日期:…), read as issuer lines before the head's own. Pinyin readings bracketed after
    characters (國務(wu)院) are no part of a name."""
    title = without_pinyin(title)
    folded_title = fold(title)
    titled = place_of(title, folded_title)
    if titled and divisions_named(innermost(titled)):
        return titled
    if folded_title.startswith(("国务院", "中共中央", "中华人民共和国")):
        return "全国"
    in_title = find_places(folded_title)
    # The level the plan speaks from chooses among places its title names; for a title naming none
    # it (and the text's opening it is read from) is wanted only once a place-shaped title opening
    # is ruled out. level is read with text_head, before either is used.
    text_head: str | None = None
    level = ""
    if in_title:
        text_head = _opening_without_pinyin(text, _HEAD_CHARS * 4)  # only a rare test reads further
        level = level_signal(text_head)
        # a place named inside a national plan's title is its subject (支持雄安新区…), not its issuer
        choice = _choose(in_title, level) or (None if level == "national" else _choose(in_title, ""))
        if choice:
            return title[choice.start : choice.end]
    if titled and _plausible_place(titled):
        return titled
    if text_head is None:
        text_head = _opening_without_pinyin(text, _HEAD_CHARS * 4)
        level = level_signal(text_head)
    if level == "national":
        return "全国"
    preamble = without_pinyin(preamble)
    head = fold(preamble[:_HEAD_CHARS]) if preamble else text_head[:_HEAD_CHARS]
    issuers = [m.group(1) for m in _ISSUER_LINE.finditer(fold(metadata) + "\n" + head)]
    body = text_head  # a place the opening pages do not name is not the issuer's
    for source in (*issuers, head, body):
        choice = _choose(_mainland(find_places(source)), level)
        if choice:
            if source is body:
                return choice.name
            if source is head and preamble:  # the preamble's opening, folded: no need to fold it again
                return preamble[choice.start : choice.end]
            return _as_written(preamble, source, choice)
    # 泰州关于印发… / 2023年四川…工作要点: a place written by its short name opens the title (after its
    # year); followed by an issuing word (山东印发通知…) it is the issuer even where the text cites 国务院
    opening = _YEAR_OPENING.match(folded_title)
    assert opening is not None  # every part of _YEAR_OPENING is optional: it matches any title
    short = _choose(find_short_places(folded_title[opening.end() : opening.end() + 4]), "")
    short = short if short and short.start == 0 else None
    if short and _ISSUING.match(folded_title, opening.end() + short.end):
        return short.divisions[0].name
    national = (
        _NATIONAL.search(folded_title)
        or _NATIONAL.search(head)
        or len(_NATIONAL.findall(without_pinyin(text))) >= NATIONAL_MENTIONS
    )
    if national and level_signal(text_head, units=False) in ("", "national"):
        return "全国"
    if short:
        return short.divisions[0].name
    for line in preamble.splitlines()[:5]:
        place = place_of(line)
        if place and _plausible_place(place):
            return place
    return ""


# The longest pinyin reading clean.without_pinyin removes: a bracket, six letters, a bracket.
_READING_MAX = 8


def _opening_without_pinyin(text: str, length: int) -> str:
    """without_pinyin(text)[:length], from the text's head only where that is sure: readings are
    removed from a head a little longer than `length`, and what it leaves is right up to the last
    _READING_MAX characters (a reading cut at the head's end stays in). Only a head so full of
    readings that too little is left makes the whole text be read."""
    cut = length + 8 * _READING_MAX
    if len(text) <= cut:
        return without_pinyin(text)[:length]
    plain = without_pinyin(text[:cut])
    if len(plain) - _READING_MAX >= length:
        return plain[:length]
    return without_pinyin(text)[:length]


def _as_written(preamble: str, source: str, mention: PlaceMention) -> str:
    """The mention in its own script when the folded source is the preamble's head."""
    if source == fold(preamble[: len(source)]):
        return preamble[mention.start : mention.end]
    return mention.name


def period_of(title: str, text: str) -> str:
    """Year range of the title (2021—2025 -> '2021-2025'), else its single year (2024年工作要点 ->
    '2024'), else the five-year plan named in the text (十四五 -> '2021-2025'), else ''."""
    m = _YEARS.search(title)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.search(r"(20\d\d)\s*年", title)
    if m:
        return m.group(1)
    for name, period in knowledge().periods.items():
        if name in text:
            return period
    return ""


def doc_number_of(lines: list[str]) -> str:
    """The plan's own number (宜府发〔2022〕9号): on a short head line or one opening with it,
    never one cited inside a sentence."""
    for line in lines[:12]:
        # 号 first: the pattern opens with a run of any Chinese characters, which re tries at
        # every position of a line that may hold a whole paragraph
        m = _DOC_NUMBER.search(line) if "号" in line else None
        if m and (m.start() <= 1 or len(line) < 40):
            return re.sub(r"\s+", "", m.group())
    return ""


_BOOK_MARKS = re.compile("[《》]")


def parents_of(preamble: str) -> tuple[str, ...]:
    """Titles of the policies cited in the preamble's 根据/贯彻 sentence (《…》, top level only)."""
    if "《" not in preamble:
        return ()  # no title cited (the usual excerpt): no sentence to split out
    # only sentences with a title mark can cite one
    sentences = [s for s in re.split(r"[。\n]", preamble) if "《" in s and "印发给" not in s]
    cited = [s for s in sentences if "根据" in s or "依据" in s] + [
        s for s in sentences if "贯彻" in s or "按照" in s
    ]
    for sentence in cited:
        titles, depth, start = [], 0, 0
        for mark in _BOOK_MARKS.finditer(sentence):  # only the marks, not every character
            i, ch = mark.start(), mark.group()
            if ch == "《":
                if depth == 0:
                    start = i + 1
                depth += 1
            elif ch == "》" and depth:
                depth -= 1
                if depth == 0:
                    titles.append(sentence[start:i])
        titles = [t for t in titles if len(t) > 6]
        if titles:
            return tuple(dict.fromkeys(titles))
    return ()
