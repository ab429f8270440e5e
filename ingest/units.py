"""Unit names: jurisdiction-prefix inheritance and normalization to a canonical name and a type.

Pure functions over strings, driven by ingest/data/units.tsv, unit_suffix_types.tsv and
jurisdiction_prefixes.tsv. Cost: dictionary look-ups per name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policygraph.ingest.clean import fold, fold_name
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.records import Unit

_LEVEL_CHARS = "省市区县旗州盟"
_YOUTH_SHORT = re.compile(rf"团([{_LEVEL_CHARS}])委")
_YOUTH_LONG = re.compile(r"共青团(.+)委员会")
_SPACES = re.compile(r"\s+")
_PLACE_OR_ITS_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,8}?(自治县|自治旗|特区|市|区|县|旗)(人民政府)?")


def compact(name: str) -> str:
    """The name with line wraps and spaces removed (names broken across lines are rejoined)."""
    return _SPACES.sub("", name)


def jurisdiction_prefix(jurisdiction: str) -> str:
    """The prefix units of `jurisdiction` carry: 宜春市 -> 市, 内蒙古自治区 -> 自治区, 全国 -> ''."""
    jurisdiction = fold_name(jurisdiction)
    for prefix, _level in knowledge().prefixes:
        if jurisdiction.endswith(prefix) and len(jurisdiction) > len(prefix):
            return prefix
    return ""


def _place_stem(jurisdiction: str) -> str:
    jurisdiction = fold_name(jurisdiction)
    prefix = jurisdiction_prefix(jurisdiction)
    return jurisdiction[: len(jurisdiction) - len(prefix)] if prefix else ""


def _leading_prefix(folded: str) -> str:
    for prefix, _level in knowledge().prefixes:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return prefix
    return ""


def stands_alone(name: str, jurisdiction: str = "") -> bool:
    """True when `name` never takes a prefix from its list: it already has one, names the place,
    is a national body (中科院…), a youth-league committee (团市委) or a school/company."""
    f = fold_name(name)
    k = knowledge()
    if _leading_prefix(f) or f.startswith(k.self_standing) or _YOUTH_SHORT.fullmatch(f):
        return True
    stem = _place_stem(jurisdiction)
    if stem and stem in f:  # 东胜区教育局, 人民银行锡林郭勒盟分行: the place is already named
        return True
    if _PLACE_OR_ITS_GOVERNMENT.fullmatch(f):  # 钟山区, 盘州市人民政府: a place below, not a department
        return True
    return any(f.endswith(suffix) for suffix, _type in k.suffix_types)


def inherit_prefix(names: list[str], jurisdiction: str = "") -> list[str]:
    """Give abbreviated units the jurisdiction prefix of their list's first prefixed unit.

    ['自治区教育厅', '科协', '团委'] -> ['自治区教育厅', '自治区科协', '自治区团委'].
    """
    prefix = ""
    for name in names:
        prefix = _leading_prefix(fold_name(name))
        if prefix:
            break
    if not prefix:
        return _inherit_parent_body(names)
    return [name if stands_alone(name, jurisdiction) else prefix + name for name in names]


def _inherit_parent_body(names: list[str]) -> list[str]:
    """Inner departments written bare after one named in full take its parent body:
    ['教育部职业教育与成人教育司', '科技司'] -> ['教育部职业教育与成人教育司', '教育部科技司']."""
    k = knowledge()
    inner, parents = k.phrases("inner_unit_suffix"), k.phrases("parent_unit_suffix")
    if not names or not inner or not parents:
        return list(names)
    first = fold_name(names[0])
    m = re.match(rf"(.+?(?:{'|'.join(map(re.escape, parents))}))(.+)", first)
    if not m or not m.group(2).endswith(inner):
        return list(names)
    body = names[0][: len(m.group(1))]
    return [names[0]] + [
        name
        if not fold_name(name).endswith(inner)
        or re.search("|".join(map(re.escape, parents)), fold_name(name))
        or stands_alone(name)
        else body + name
        for name in names[1:]
    ]


def _split(folded: str, jurisdiction: str) -> tuple[str, str]:
    """(prefix, stem) of a folded name; a leading full jurisdiction name becomes its prefix."""
    jurisdiction = fold_name(jurisdiction)
    if jurisdiction and folded.startswith(jurisdiction) and len(folded) > len(jurisdiction):
        return jurisdiction_prefix(jurisdiction), folded[len(jurisdiction) :]
    youth = _YOUTH_SHORT.fullmatch(folded)
    if youth:
        return youth.group(1), "团委"
    prefix = _leading_prefix(folded)
    return prefix, folded[len(prefix) :]


def _youth_league(prefix: str, jurisdiction: str) -> str:
    if jurisdiction and jurisdiction_prefix(jurisdiction) == prefix:
        return f"共青团{fold(jurisdiction)}委员会"
    return f"{prefix}团委"


@lru_cache(maxsize=8192)
def normalize_unit(name: str, jurisdiction: str = "") -> Unit:
    """Unit(name as written, canonical name within `jurisdiction`, functional type).

    Types come from units.tsv by stem, else from unit_suffix_types.tsv by ending, else 'unknown'.
    """
    k = knowledge()
    folded = fold(compact(name))
    if _YOUTH_LONG.fullmatch(folded):
        return Unit(name, folded, "youth_league")
    prefix, stem = _split(folded, jurisdiction)
    entry = k.units.get(stem) if prefix else None
    if entry is None and folded in k.units:
        prefix, entry = "", k.units[folded]
    if entry is not None:
        if entry.canonical_stem == "团委" and prefix:
            return Unit(name, _youth_league(prefix, jurisdiction), entry.unit_type)
        return Unit(name, prefix + entry.canonical_stem, entry.unit_type)
    for suffix, unit_type in k.suffix_types:
        if folded.endswith(suffix):
            return Unit(name, folded, unit_type)
    return Unit(name, folded, "unknown")
