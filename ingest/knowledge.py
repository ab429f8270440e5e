"""The knowledge files in ingest/data/, loaded once.

Everything a parser needs to know about wording (markers, placeholders, unit aliases and types,
OCR slips, page chrome) lives in those files so users can extend them;
this module only reads them. Cost: a few milliseconds on first use, cached afterwards.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache


def data_lines(name: str) -> list[str]:
    """The lines of the knowledge file ingest/data/`name`, without blank and comment (#) lines."""
    text = importlib.resources.files("policygraph.ingest").joinpath("data").joinpath(name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_lines(name)]


@dataclass(frozen=True)
class UnitEntry:
    """A row of units.tsv: a department stem's canonical stem, type and (when reformed away) successor."""

    canonical_stem: str
    unit_type: str
    current_stem: str = ""


@dataclass(frozen=True)
class NationalBody:
    """A row of national_bodies.tsv: official name, type, kind of body, successor after a reform."""

    official: str
    unit_type: str
    kind: str
    successor: str = ""


@dataclass(frozen=True)
class Division:
    """A row of divisions.tsv: an administrative division down to county level.

    level: province / city / district (the plan levels of records.LEVELS); parent: its code or ''.
    """

    code: str
    name: str
    level: str
    parent: str

    @property
    def stem(self) -> str:
        """The name without its generic ending (宁波市 -> 宁波, 海曙区 -> 海曙, 内蒙古自治区 -> 内蒙古)."""
        for ending in DIVISION_ENDINGS:
            if self.name.endswith(ending) and len(self.name) - len(ending) >= 2:
                return self.name[: -len(ending)]
        return self.name


# Generic endings of division names, longest first; what is left is a place's short name, provided
# it keeps two characters (和县 stays 和县). Ethnic autonomous names drop the whole 族…自治 part.
DIVISION_ENDINGS = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "省",
    "市",
    "盟",
    "州",
    "区",
    "县",
    "旗",
)


@dataclass(frozen=True)
class Knowledge:
    """All data files, parsed. Phrase lists are sorted longest first so alternations prefer them."""

    markers: dict[str, tuple[str, ...]]
    section_kinds: dict[str, str]
    units: dict[str, UnitEntry]
    suffix_types: tuple[tuple[str, str], ...]
    listed_suffixes: frozenset[str]
    stem_words: dict[str, str]
    placeholders: frozenset[str]
    placeholder_starts: tuple[str, ...]
    placeholder_contains: tuple[str, ...]
    people_titles: tuple[str, ...]
    prefixes: tuple[tuple[str, str], ...]
    self_standing: tuple[str, ...]
    prefix_words: tuple[str, ...]
    periods: dict[str, str]
    ocr_slips: tuple[tuple[str, str], ...]
    chrome: tuple[re.Pattern, ...]
    fold_table: dict[int, int]
    national_bodies: dict[str, NationalBody]
    divisions: dict[str, Division]
    divisions_by_name: dict[str, tuple[Division, ...]]

    def division_named(self, name: str) -> tuple[Division, ...]:
        """Divisions of that full name (鼓楼区 -> four of them), or ()."""
        return self.divisions_by_name.get(name, ())

    def parent_of(self, division: Division) -> Division | None:
        return self.divisions.get(division.parent)

    def phrases(self, kind: str) -> tuple[str, ...]:
        return self.markers.get(kind, ())

    def alternation(self, *kinds: str) -> str:
        """A regex alternation of the phrases of `kinds`, longest first."""
        words = sorted({w for k in kinds for w in self.phrases(k)}, key=len, reverse=True)
        return "|".join(re.escape(w) for w in words)


def _width_table() -> dict[int, int]:
    """Full-width ASCII (！ to ～) -> half-width, ideographic space -> space, the bracket forms -> [].
    (Traditional -> simplified comes from OpenCC: clean._fold_table.)"""
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = 0x20
    for wide, narrow in {"【": "[", "】": "]", "〔": "[", "〕": "]", "﹝": "[", "﹞": "]", "︰": ":"}.items():
        table[ord(wide)] = ord(narrow)
    return table


# 处室/科室/股室: a department's own divisions
LABEL_NOUNS = ("单位", "部门", "机构", "处室", "科室", "股室")


def _label_noun_variants(phrases: list[str]) -> list[str]:
    """A role label's noun is free: 牵头单位 = 牵头部门 = 牵头机构 = 牵头处室 = 牵头科室, 协办单位 =
    协办部门 …; each label written with one noun is known with the others too.

    >>> _label_noun_variants(["协办单位", "牵头部门单位"])
    ['协办部门', '协办机构', '协办处室', '协办科室', '协办股室']
    """
    known = set(phrases)
    out: list[str] = []
    for phrase in phrases:
        stem, noun = phrase[:-2], phrase[-2:]
        if noun in LABEL_NOUNS and not stem.endswith(LABEL_NOUNS):
            out.extend(v for n in LABEL_NOUNS if (v := stem + n) not in known and v not in out)
    return out


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """Load and cache every file of ingest/data/."""
    markers: dict[str, list[str]] = defaultdict(list)
    section_kinds: dict[str, str] = {}
    for row in _rows("markers.tsv"):
        markers[row[0]].append(row[1])
        if row[0] == "section_kind":
            section_kinds[row[1]] = row[2]
    for kind in ("lead_label", "support_label", "joint_label"):
        markers[kind] += _label_noun_variants(markers[kind])
    units = {row[0]: UnitEntry(row[1], row[2], row[3] if len(row) > 3 else "") for row in _rows("units.tsv")}
    national_bodies = {
        row[0]: NationalBody(row[1], row[2], row[3], row[4] if len(row) > 4 else "")
        for row in _rows("national_bodies.tsv")
    }
    divisions = {
        row[0]: Division(row[0], row[1], row[2], row[3] if len(row) > 3 else "")
        for row in _rows("divisions.tsv")
    }
    by_name: dict[str, list[Division]] = defaultdict(list)
    for division in divisions.values():
        by_name[division.name].append(division)
    placeholder_lines = data_lines("placeholders.txt")
    prefixes, self_standing, prefix_words = [], [], []
    for row in _rows("jurisdiction_prefixes.tsv"):
        if row[0].startswith("self:"):
            self_standing.append(row[0][5:])
        elif row[0].startswith("word:"):
            prefix_words.append(row[0][5:])
        else:
            prefixes.append((row[0], row[1]))
    return Knowledge(
        markers={k: tuple(sorted(v, key=len, reverse=True)) for k, v in markers.items()},
        section_kinds=section_kinds,
        units=units,
        suffix_types=tuple(
            sorted(
                ((r[0], r[1]) for r in _rows("unit_suffix_types.tsv")), key=lambda r: len(r[0]), reverse=True
            )
        ),
        stem_words={r[0]: r[1] for r in _rows("unit_stem_words.tsv")},
        listed_suffixes=frozenset(r[0] for r in _rows("unit_suffix_types.tsv") if r[2:3] == ["listed"]),
        placeholders=frozenset(p for p in placeholder_lines if not p.startswith(("starts:", "contains:"))),
        placeholder_starts=tuple(p[7:] for p in placeholder_lines if p.startswith("starts:")),
        placeholder_contains=tuple(p[9:] for p in placeholder_lines if p.startswith("contains:")),
        people_titles=tuple(data_lines("people_titles.txt")),
        prefixes=tuple(sorted(prefixes, key=lambda p: len(p[0]), reverse=True)),
        self_standing=tuple(self_standing),
        prefix_words=tuple(prefix_words),
        periods={r[0]: r[1] for r in _rows("plan_periods.tsv")},
        ocr_slips=tuple((r[0], r[1]) for r in _rows("ocr_slips.tsv")),
        chrome=tuple(re.compile(line.strip()) for line in data_lines("chrome.txt")),
        fold_table=_width_table(),
        national_bodies=national_bodies,
        divisions=divisions,
        divisions_by_name={name: tuple(ds) for name, ds in by_name.items()},
    )


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A short hash of the parser's code and knowledge files (everything in policygraph.ingest).

    Stored on each Plan so that re-ingesting after an upgrade or an edit of ingest/data/ re-parses
    plans instead of skipping them as unchanged. Cost: reads the package once (~1 MB), cached."""
    digest = hashlib.sha256()
    root = importlib.resources.files("policygraph.ingest")
    pending = [root]
    files = []
    while pending:
        folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    pending.append(entry)
            elif entry.name.endswith((".py", ".tsv", ".txt", ".json")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(entry.name.encode("utf-8"))
        digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]
