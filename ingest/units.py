"""Unit names: the stage that turns a name as a plan writes it into a Unit.

A small name grammar reads a unit: [place prefix] stem [(alias)] [residue], where the place prefix
is a level word (省, 市, 区 …) or a division's name (东胜区, 潍坊), the stem is looked up in the
knowledge files (units.tsv for local departments, national_bodies.tsv for national ones,
unit_suffix_types.tsv by ending) and the residue is list words that are not part of a name
(等单位, 按职责). National bodies never take a prefix, and in a national plan unprefixed names are
read as national bodies. Pure functions over strings; cached, so a name met again costs a dictionary
probe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from policygraph.ingest.clean import fold, fold_name
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.places import place_at_start, stem_of
from policygraph.ingest.records import Unit

_LEVEL_CHARS = "省市区县旗州盟"
_YOUTH_SHORT = re.compile(rf"团([{_LEVEL_CHARS}])委")
_YOUTH_LONG = re.compile(r"共青团(.+)委员会")
_SPACES = re.compile(r"\s+")
_PLACE_OR_ITS_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,8}?(自治县|自治旗|特区|市|区|县|旗)(人民政府)?")
# 等, 等部门, 等有关单位, 等和各省级人民政府, 按职责分工: list words after the last name. 等 inside a
# word (高等, 中等, 同等, 平等) is not one.
_RESIDUE = re.compile(
    r"(?:(?<![高中初同平对均上])等(?:[0-9一二三四五六七八九十]+个?)?(?:有关|相关|其他)?"
    r"(?:部门|单位|机构|成员单位|部门单位)*(?:[和及与、].*)?"
    r"|按职责.*|分别$|共同$)$"
)
# A bracket opening so is a note on the list, not a second name (除标注“分别牵头”外, 含区属国企).
_NOTE_OPENERS = ("除", "含", "包括", "不含", "其中", "下同", "以下")
_ALIAS = re.compile(r"^(.+?)\((.+)\)$")
# A named zone's administrative committee (医药高新区管委会) is a body of its own; a bare one
# (经开区管委会) belongs to the list's jurisdiction.
_NAMED_ZONE = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:高新区|开发区|经开区|园区|产业园|新区|试验区|合作区|示范区)(?:管委会|管理委员会|党工委)?$"
)
_NATIONAL = "全国"
# Endings of a department inside a body (教育部科技司, 公安局交警支队, 卫健委医政科).
_INNER_ENDINGS = ("司", "局", "部", "处", "科", "室", "办", "中心", "支队", "大队", "中队", "所", "站", "队")


class UnitName(NamedTuple):
    """A written unit name taken apart: the unit, a parenthetical alias, and trailing list words."""

    unit: str
    alias: str = ""
    residue: str = ""


def compact(name: str) -> str:
    """The name with line wraps and spaces removed (names broken across lines are rejoined).

    >>> compact("市教育\\n 体育局")
    '市教育体育局'
    """
    return _SPACES.sub("", name)


@lru_cache(maxsize=8192)
def split_name(name: str) -> UnitName:
    """The unit, its alias and the residue of a written name, each as written.

    >>> split_name("省发改委（省能源局）")
    UnitName(unit='省发改委', alias='省能源局', residue='')
    >>> split_name("全国总工会等和各省级人民政府")
    UnitName(unit='全国总工会', alias='', residue='等和各省级人民政府')
    >>> split_name("市人社局等5部门").unit
    '市人社局'
    >>> split_name("石碶街道（列第一位者为牵头单位，下同）").unit
    '石碶街道'
    >>> split_name("市卫健委按职责分工"), split_name("高等学校")
    (UnitName(unit='市卫健委', alias='', residue='按职责分工'), UnitName(unit='高等学校', alias='', residue=''))
    """
    written = compact(name)
    folded = fold_name(written)
    residue = ""
    m = _RESIDUE.search(folded)
    if m and m.start() >= 2:
        residue, written, folded = written[m.start() :], written[: m.start()], folded[: m.start()]
    alias = ""
    m = _ALIAS.match(folded)
    if m and _reads_as_unit(m.group(2)):
        alias, written = written[m.start(2) : m.end(2)], written[: m.end(1)]
    elif m and (re.search(r"[,;:“”\"]", m.group(2)) or m.group(2).startswith(_NOTE_OPENERS)):
        # a note closing the item (石碶街道（列第一位者为牵头单位，下同）) is not part of the name
        residue, written = written[m.end(1) :] + residue, written[: m.end(1)]
    return UnitName(written, alias, residue)


def strip_residue(name: str) -> str:
    """The name without trailing list words (等单位, 按职责分工): what a list item names.

    >>> strip_residue("市场监管总局等部门单位")
    '市场监管总局'
    """
    written = compact(name)
    return written[: len(written) - len(split_name(name).residue)]


def _reads_as_unit(folded: str) -> bool:
    k = knowledge()
    _prefix, stem = _split(folded, "")
    return (
        folded in k.national_bodies
        or stem in k.units
        or any(folded.endswith(suffix) for suffix, _type in k.suffix_types)
        or _ends_like_department(folded)
    ) and not folded.startswith("各")


def jurisdiction_prefix(jurisdiction: str) -> str:
    """The prefix units of `jurisdiction` carry: 宜春市 -> 市, 内蒙古自治区 -> 自治区, 全国 -> ''.

    >>> jurisdiction_prefix("宜春市"), jurisdiction_prefix("宁波市海曙区"), jurisdiction_prefix("全国")
    ('市', '区', '')
    """
    jurisdiction = fold_name(jurisdiction)
    for prefix, _level in knowledge().prefixes:
        if jurisdiction.endswith(prefix) and len(jurisdiction) > len(prefix):
            return prefix
    return ""


def _is_national_plan(jurisdiction: str) -> bool:
    return fold_name(jurisdiction) == _NATIONAL


@lru_cache(maxsize=8192)
def _leading_prefix(folded: str) -> str:
    """The level prefix a folded name opens with (市教育局 -> 市), never the first character of a
    word (市场监管局, 区域…: see jurisdiction_prefixes.tsv `word:` rows) nor of a known name that
    reads worse with the prefix taken off (市场监管总局)."""
    k = knowledge()
    if folded.startswith(k.prefix_words):
        return ""
    for prefix, _level in k.prefixes:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            rest = folded[len(prefix) :]
            if (folded in k.units or folded in k.national_bodies) and rest not in k.units:
                continue
            return prefix
    return ""


def _is_national_form(folded: str, jurisdiction: str) -> bool:
    """A national body's name: always for forms no local department shares (教育部, 全国总工会),
    and in a national plan also for shared ones (发展改革委, 医保局)."""
    k = knowledge()
    if folded not in k.national_bodies:
        return False
    return _is_national_plan(jurisdiction) or (folded not in k.units and not _leading_prefix(folded))


@lru_cache(maxsize=8192)
def stands_alone(name: str, jurisdiction: str = "") -> bool:
    """True when `name` never takes a prefix from its list: it already has one, names a place
    (南沙区政府, 海曙自然资源规划分局), is a national body (教育部, 中国科协), a youth-league
    committee (团市委), a town or street (古林镇), a named zone's committee (医药高新区管委会) or a
    school/company.

    >>> stands_alone("市场监管总局"), stands_alone("南沙区政府"), stands_alone("科协")
    (True, True, False)
    """
    f = fold_name(split_name(name).unit)
    k = knowledge()
    if _leading_prefix(f) or f.startswith(k.self_standing) or _YOUTH_SHORT.fullmatch(f):
        return True
    if f.startswith(k.prefix_words):  # 市场监管局 is complete as written
        return True
    if _is_national_form(f, jurisdiction) or place_at_start(f, jurisdiction):
        return True
    stem = stem_of(jurisdiction)
    if stem and stem in f:  # 人民银行锡林郭勒盟分行: the place is already named
        return True
    if _PLACE_OR_ITS_GOVERNMENT.fullmatch(f) or _NAMED_ZONE.fullmatch(f):
        return True  # 钟山区, 盘州市人民政府: a place below, not a department
    return any(f.endswith(suffix) and suffix not in k.listed_suffixes for suffix, _type in k.suffix_types)


def inherit_prefix(names: list[str], jurisdiction: str = "") -> list[str]:
    """Give abbreviated units the jurisdiction prefix of their list's first unit, when that one
    has a prefix (a list opened by an unprefixed name gives none; a national plan's units take none).

    >>> inherit_prefix(["自治区教育厅", "科协", "团委"])
    ['自治区教育厅', '自治区科协', '自治区团委']
    >>> inherit_prefix(["人力资源社会保障部", "市场监管总局"], "全国")
    ['人力资源社会保障部', '市场监管总局']
    >>> inherit_prefix(["自治區教育廳", "財政廳"])
    ['自治區教育廳', '自治區財政廳']
    >>> inherit_prefix(["无锡国税局", "地税局"])
    ['无锡国税局', '无锡地税局']
    """
    if not names:
        return []
    prefix = _list_prefix(names[0], jurisdiction)
    if not prefix:
        return _inherit_parent_body(names)
    return [names[0]] + [name if stands_alone(name, jurisdiction) else prefix + name for name in names[1:]]


@lru_cache(maxsize=8192)
def _list_prefix(first: str, jurisdiction: str) -> str:
    """The prefix a list opened by `first` gives its abbreviated units, as the list writes it; ''
    for none. Once per distinct name: plans open many lists with the same unit."""
    unit = split_name(first).unit
    prefix = (
        "" if _is_national_plan(jurisdiction) else _leading_prefix(fold_name(unit)) or _place_prefix(unit)
    )
    # the prefix as the list writes it (自治區 in a plan in traditional script): folding keeps positions
    return unit[: len(prefix)] if prefix and fold_name(unit).startswith(prefix) else prefix


def _place_prefix(name: str) -> str:
    """The place a department's name opens with (无锡国税局 -> 无锡, 宁波市财政局 -> 宁波市), which the
    abbreviated units listed after it share; '' for a place or its government (南沙区政府)."""
    f = fold_name(name)
    place = place_at_start(f)
    rest = f[len(place) :]
    if not place or rest in ("政府", "人民政府") or _PLACE_OR_ITS_GOVERNMENT.fullmatch(rest):
        return ""
    return place


@lru_cache(maxsize=4)
def _parent_patterns(parents: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """(a parent-body suffix anywhere, a name cut after its first one), built once, not per list."""
    alternation = "|".join(map(re.escape, parents))
    return re.compile(alternation), re.compile(rf"(.+?(?:{alternation}))(.+)")


def _inherit_parent_body(names: list[str]) -> list[str]:
    """Inner departments written bare after one named in full take its parent body:
    ['教育部职业教育与成人教育司', '科技司'] -> ['教育部职业教育与成人教育司', '教育部科技司']."""
    k = knowledge()
    inner, parents = k.phrases("inner_unit_suffix"), k.phrases("parent_unit_suffix")
    if not names or not inner or not parents:
        return list(names)
    first = fold_name(names[0])
    parent, after_parent = _parent_patterns(parents)
    m = after_parent.match(first)
    if not m or not m.group(2).endswith(inner):
        return list(names)
    body = names[0][: len(m.group(1))]
    return [names[0]] + [
        name
        if not fold_name(name).endswith(inner) or parent.search(fold_name(name)) or stands_alone(name)
        else body + name
        for name in names[1:]
    ]


def _split(folded: str, jurisdiction: str) -> tuple[str, str]:
    """(prefix, stem) of a folded name; a leading full jurisdiction name, or a place of the same
    level, becomes its level prefix (东胜区教育局 -> 区, 教育局)."""
    jurisdiction = fold_name(jurisdiction)
    if jurisdiction and folded.startswith(jurisdiction) and len(folded) > len(jurisdiction):
        return jurisdiction_prefix(jurisdiction), folded[len(jurisdiction) :]
    youth = _YOUTH_SHORT.fullmatch(folded)
    if youth:
        return youth.group(1), "团委"
    own = stem_of(jurisdiction)
    if own and folded.startswith(own) and folded[len(own) :] in knowledge().units:
        return jurisdiction_prefix(jurisdiction), folded[len(own) :]
    prefix = _leading_prefix(folded)
    return prefix, folded[len(prefix) :]


def _youth_league(prefix: str, jurisdiction: str) -> str:
    if jurisdiction and jurisdiction_prefix(jurisdiction) == prefix:
        return f"共青团{fold(jurisdiction)}委员会"
    return f"{prefix}团委"


@lru_cache(maxsize=8192)
def normalize_unit(name: str, jurisdiction: str = "") -> Unit:
    """Unit(name as written, canonical name within `jurisdiction`, functional type, alias, current).

    Residue (等单位, 按职责) is dropped from the name; an alias in brackets is kept on the name and
    recorded. Types come from national_bodies.tsv and units.tsv by stem, else unit_suffix_types.tsv
    by ending, else 'unknown'.

    >>> normalize_unit("市教体局", "宜春市")
    Unit(name='市教体局', canonical='市教育体育局', unit_type='education', alias='', current='')
    >>> normalize_unit("建设局", "新昌县").canonical, normalize_unit("发展改革委", "全国").canonical
    ('县建设局', '国家发展和改革委员会')
    >>> normalize_unit("市场监管总局", "全国").unit_type
    'market_regulation'
    >>> normalize_unit("扶贫办", "全国").current, normalize_unit("县环保局", "灵璧县").current
    ('国家乡村振兴局', '县生态环境局')
    >>> normalize_unit("省发改委（省能源局）", "广东省")
    Unit(name='省发改委（省能源局）', canonical='省发展和改革委员会', unit_type='development_reform', alias='省能源局', current='')
    """
    k = knowledge()
    parts = split_name(name)
    written = compact(name)
    written = written[: len(written) - len(parts.residue)]
    folded = fold(parts.unit)
    if _YOUTH_LONG.fullmatch(folded):
        return Unit(written, folded, "youth_league", parts.alias)
    if _is_national_form(folded, jurisdiction):
        body = k.national_bodies[folded]
        return Unit(written, body.official, body.unit_type, parts.alias, body.successor)
    prefix, stem = _split(folded, jurisdiction)
    entry = k.units.get(stem) if prefix else None
    if entry is None and folded in k.units:
        # written without a prefix in a local plan: the plan's own department (建设局 in a county's
        # table is 县建设局), so that both spellings are one department
        prefix, entry = jurisdiction_prefix(jurisdiction), k.units[folded]
    if entry is not None:
        if entry.canonical_stem == "团委" and prefix:
            return Unit(written, _youth_league(prefix, jurisdiction), entry.unit_type, parts.alias)
        current = prefix + entry.current_stem if entry.current_stem else ""
        return Unit(written, prefix + entry.canonical_stem, entry.unit_type, parts.alias, current)
    inner = _inner_unit(folded, prefix, stem, jurisdiction)
    if inner is not None:
        return Unit(written, inner[0], inner[1], parts.alias)
    for suffix, unit_type in k.suffix_types:
        if folded.endswith(suffix):
            return Unit(written, folded, unit_type, parts.alias)
    if _PLACE_OR_ITS_GOVERNMENT.fullmatch(folded) or (
        place_at_start(folded) and folded[len(place_at_start(folded)) :] in ("政府", "人民政府")
    ):
        return Unit(written, folded, "government", parts.alias)
    return Unit(
        written, folded, _type_by_words(stem) if _ends_like_department(folded) else "unknown", parts.alias
    )


def _inner_unit(folded: str, prefix: str, stem: str, jurisdiction: str) -> tuple[str, str] | None:
    """(canonical, type) of a department inside a known body: the longest known body the name opens
    with, followed by an inner unit (教育部科技司 -> 教育部 + 科技司; 市公安局交警支队 -> 市公安局 + 交警支队)."""
    k = knowledge()
    for cut in range(len(folded) - 2, 1, -1):
        head, rest = folded[:cut], folded[cut:]
        if rest.endswith(_INNER_ENDINGS) and _is_national_form(head, jurisdiction):
            return k.national_bodies[head].official + rest, k.national_bodies[head].unit_type
    for cut in range(len(stem) - 2, 1, -1):
        head, rest = stem[:cut], stem[cut:]
        if rest.endswith(_INNER_ENDINGS) and head in k.units:
            entry = k.units[head]
            return prefix + entry.canonical_stem + rest, entry.unit_type
    return None


def _ends_like_department(folded: str) -> bool:
    """Whether a name ends like a department, so that its words may tell its type (markers.tsv
    unit_suffix and division_suffix: 局, 委 …, and 处, 科, 股, 室)."""
    k = knowledge()
    return folded.endswith(k.phrases("unit_suffix") + k.phrases("division_suffix"))


def _type_by_words(stem: str) -> str:
    """The type of the first word of unit_stem_words.tsv the stem contains, longest word first at
    each position (文化广电旅游体育局 -> culture_tourism); 'unknown' when none.

    >>> _type_by_words("文化广电旅游体育局"), _type_by_words("科技工业和信息化局"), _type_by_words("某某局")
    ('culture_tourism', 'science_technology', 'unknown')
    """
    words = knowledge().stem_words
    for i in range(len(stem)):
        for length in range(min(6, len(stem) - i), 1, -1):
            unit_type = words.get(stem[i : i + length])
            if unit_type:
                return unit_type
    return "unknown"
