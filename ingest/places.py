"""Places: China's administrative divisions (ingest/data/divisions.tsv) looked up in names and text.

Pure functions over folded (simplified, half-width) strings. The gazetteer is loaded once with the
other knowledge files; look-ups are dictionary probes of the few lengths a division name can have.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from policygraph.ingest.clean import fold_name
from policygraph.ingest.knowledge import Division, knowledge

# A division name is 2 to 9 characters (和县 … 克孜勒苏柯尔克孜自治州 is longer, and found whole).
_NAME_LENGTHS = range(12, 1, -1)
# A bare stem (宁波, 海曙) is only read as a place when it has this many characters and names a
# province or prefecture, or the plan's own place: two-character county stems are ordinary words
# too often (公安县 -> 公安局, 新华区 -> 新华书店).
_STEM_LEVELS = ("province", "city")


class PlaceMention(NamedTuple):
    """A division named in a text: where, as written, and the divisions of that name."""

    start: int
    end: int
    name: str
    divisions: tuple[Division, ...]


@lru_cache(maxsize=1)
def _stems() -> dict[str, tuple[Division, ...]]:
    """Short names of provinces and prefectures (宁波 -> 宁波市, 内蒙古 -> 内蒙古自治区)."""
    out: dict[str, list[Division]] = {}
    for division in knowledge().divisions.values():
        if division.level in _STEM_LEVELS and division.stem != division.name:
            out.setdefault(division.stem, []).append(division)
    return {stem: tuple(ds) for stem, ds in out.items()}


def divisions_named(name: str) -> tuple[Division, ...]:
    """The divisions a full name denotes (folded first): 海曙区 -> (宁波市海曙区,), 鼓楼区 -> four.

    >>> [d.code for d in divisions_named("海曙區")]
    ['330203']
    """
    return knowledge().division_named(fold_name(name))


@lru_cache(maxsize=8192)
def place_at_start(name: str, own: str = "") -> str:
    """The place a unit name opens with, as written in the folded name: a full division name
    (东胜区教育局 -> 东胜区), a province or prefecture short name followed by more
    (潍坊银监分局 -> 潍坊), or the short name of the plan's own place `own`
    (海曙自然资源规划分局 in 海曙区 -> 海曙); else ''.

    >>> place_at_start("南沙区政府"), place_at_start("潍坊银监分局"), place_at_start("公安局")
    ('南沙区', '潍坊', '')
    """
    f = fold_name(name)
    k = knowledge()
    for length in _NAME_LENGTHS:
        if len(f) > length and f[:length] in k.divisions_by_name and length >= 3:
            return f[:length]
    own_stem = stem_of(own)
    if own_stem and f.startswith(own_stem) and len(f) >= len(own_stem) + 2:
        return own_stem
    stems = _stems()
    for length in (4, 3, 2):
        if len(f) >= length + 2 and f[:length] in stems:
            return f[:length]
    return ""


def stem_of(name: str) -> str:
    """A jurisdiction's short name: 宁波市海曙区 -> 海曙, 内蒙古自治区 -> 内蒙古, 江城市 -> 江城.

    >>> stem_of("宁波市海曙区"), stem_of("内蒙古自治区"), stem_of("江城市"), stem_of("全国")
    ('海曙', '内蒙古', '江城', '')
    """
    f = fold_name(name)
    inner = innermost(f)
    known = knowledge().division_named(inner)
    if known:
        return known[0].stem
    return Division("", inner, "", "").stem if inner not in ("全国", "") else ""


def innermost(name: str) -> str:
    """The last division of a nested name: 宁波市海曙区 -> 海曙区, 北京市 -> 北京市.

    >>> innermost("宁波市海曙区"), innermost("黄石市下陸區"), innermost("吉林省")
    ('海曙区', '下陆区', '吉林省')
    """
    f = fold_name(name)
    k = knowledge()
    for start in range(1, len(f) - 1):
        tail = f[start:]
        if tail in k.divisions_by_name and f[:start] in k.divisions_by_name:
            return tail
    return f


@lru_cache(maxsize=1)
def _name_ends() -> re.Pattern:
    """The last characters division names end with (市, 区, 县 …): only there can a name end."""
    ends = {name[-1] for name in knowledge().divisions_by_name}
    return re.compile("[" + "".join(sorted(ends)) + "]")


@lru_cache(maxsize=1)
def _lengths_by_tail() -> dict[str, tuple[int, ...]]:
    """The lengths (longest first, 2 to 12) of the division names ending in each pair of characters
    (州市 -> 6, 5, 4, 3; 萧县 -> …, 2): find_places tries only those at a place a name can end, and
    nothing where no name ends in the pair found there."""
    out: dict[str, set[int]] = {}
    for name in knowledge().divisions_by_name:
        if len(name) in _NAME_LENGTHS:
            out.setdefault(name[-2:], set()).add(len(name))
    return {tail: tuple(sorted(lengths, reverse=True)) for tail, lengths in out.items()}


# A one-character county (泾县, 萧县) or a two-character district (郊区, 城区) is a word as often as a
# place (和县 in 融和县域, 城区 in 主城区): it is read only right after its own parent (宿州市萧县,
# 铜陵市郊区), or as a county or county-level city (not a 区) opening a title or a metadata line
# (泾县人民政府…, 中共萧县县委…) unless its last character starts a word with the next one
# (新县城, 和县域, 芒市级).
_SHORT_NAME = 2
_SHORT_OPENING_ENDS = ("县", "市", "旗")
PLACE_OPENINGS = ("", "中共")
_WORD_AFTER_LEVEL = re.compile(r"[城域级乡镇直属内外际区]")


def short_division_at(text: str, start: int, parent: str = "") -> tuple[Division, ...]:
    """The divisions a two-character name at `start` denotes when it stands as one: after its
    parent `parent` (the mention just before it), or at the opening of `text` (a title, a
    metadata line) followed by no word it could be part of.

    >>> [d.code for d in short_division_at("宿州市萧县人民政府", 3, "宿州市")], short_division_at("萧县城", 0)
    (['341322'], ())
    """
    name = text[start : start + _SHORT_NAME]
    found = knowledge().division_named(name) if len(name) == _SHORT_NAME else ()
    if parent:
        return tuple(d for d in found if parent_name_of(d) == parent)
    if (
        text[:start] in PLACE_OPENINGS
        and name.endswith(_SHORT_OPENING_ENDS)
        and not _WORD_AFTER_LEVEL.match(text, start + _SHORT_NAME)
    ):
        return found
    return ()


def find_places(text: str) -> list[PlaceMention]:
    """Every full division name of three or more characters in a folded text, left to right,
    longest first where two overlap; a two-character one (泾县, 郊区) only as short_division_at
    reads it. Cost: a look-up per length only where a division name can end.

    >>> [m.name for m in find_places("佳木斯市人民政府办公室关于印发同心县方案")]
    ['佳木斯市', '同心县']
    >>> [m.name for m in find_places("泾县人民政府")], [m.name for m in find_places("宿州市萧县和县域")]
    (['泾县'], ['宿州市', '萧县'])
    """
    names = knowledge().divisions_by_name
    by_tail = _lengths_by_tail()
    found: list[PlaceMention] = []
    for m in _name_ends().finditer(text):
        end = m.end()
        if end < _SHORT_NAME:
            continue
        for length in by_tail.get(text[end - 2 : end], ()):
            start = end - length
            if start < 0:
                continue
            if length == _SHORT_NAME:
                parent = found[-1].name if found and found[-1].end == start else ""
                divisions = short_division_at(text, start, parent)
                if divisions and (not found or found[-1].end <= start):
                    found.append(PlaceMention(start, end, text[start:end], divisions))
                break
            if text[start:end] in names:
                while found and found[-1].end > start and found[-1].start >= start:
                    found.pop()  # a shorter name inside this one (市中区 in …)
                if not found or found[-1].end <= start:
                    found.append(PlaceMention(start, end, text[start:end], names[text[start:end]]))
                break
    return found


def find_short_places(text: str) -> list[PlaceMention]:
    """Province and prefecture short names (泰州, 潍坊) at the places a text names one."""
    stems = _stems()
    out, i, n = [], 0, len(text)
    while i < n:
        for length in (4, 3, 2):
            if i + length <= n and text[i : i + length] in stems:
                out.append(PlaceMention(i, i + length, text[i : i + length], stems[text[i : i + length]]))
                i += length
                break
        else:
            i += 1
    return out


def division_level(name: str) -> str:
    """The plan level of a known division (上海市 -> province, 宣威市 -> district), '' when the
    name is unknown or denotes divisions of different levels.

    >>> division_level("上海市"), division_level("宣威市"), division_level("大理白族自治州"), division_level("江城市")
    ('province', 'district', 'city', '')
    """
    levels = {d.level for d in divisions_named(innermost(name))}
    return levels.pop() if len(levels) == 1 else ""


def parent_name_of(division: Division) -> str:
    """The name of the division directly above (萧县 -> 宿州市), '' for a province."""
    up = knowledge().parent_of(division)
    return up.name if up else ""
