"""Assignment statements: find them in a stretch of text and read who leads, supports, shares.

Forms read (markers from ingest/data/markers.tsv, matched on the folded text):
  (牵头部门:X)  （牵头单位：X，责任单位：Y）  牵头单位：X；配合单位：Y  牵头责任单位: / 协同责任单位:
  由X、Y牵头，Z等单位配合   由X牵头，Z等单位（no verb: support）   X牵头，Y按职责分工负责
  A、B按(照)职责分工负责   由X会同Y、Z负责   （A、B） alone   排在首位的为牵头单位（下同）
  责任单位：X牵头，Y配合   X（牵头）、Y   X为牵头单位，Y为配合单位   牵头单位为X
  以上任务由X牵头，Y配合   （X负责，2024年6月底前完成）   A和B   配合单位：无
  〔…〕【…】［…］[…] like （…）   列第一位者为牵头单位 in any wording (grammar.tsv), 以下…不再列出
  X总牵头 / 牵头落实 / 牵头抓总   1.县公安局负责…（a numbered item opening with its unit）
  A等部门单位 / A等和各省级人民政府 / A按职责 (residues)   X党工委和管委会 (one unit)
  a bracket or list cut by the end of an excerpt (its last, cut name dropped)
  （X负责组织实施） （X牵头，Y参加）  由X承办，Y协办   A、B负责，C配合，强化…（a sentence opening with its roles）
  1、技能培训，牵头单位：X。（a label after an item's short name）   （A牵头督导，B、C、 cut by the excerpt）
  role words split by pinyin readings (負(fù)責(zé)落實(shí)): read without them
  (A、B。列在首位的为牵头单位，有关部门和单位按职责分工负责，下同) / 〔…。具体任务均涉及相关市(州)人民政府，
  不再做分工，下同。〕: the placeholder of a note 下同 carries stands on every later task
  哈尔滨、黑河、绥芬河市政府 (places before one government share it, and its level word)
Names come from the cleaned text (original script, pinyin ruby dropped); people (责任领导…) go to
`leaders`, placeholders (有关成员单位…) to `vague`. Pure functions; cost linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from policygraph.ingest.clean import bracket_groups, fold, fold_name, pinyin_readings
from policygraph.ingest.grammar import grammar, leftmost
from policygraph.ingest.knowledge import LABEL_NOUNS, knowledge
from policygraph.ingest.pattern_words import by_first_character
from policygraph.ingest.places import divisions_named
from policygraph.ingest.records import Role
from policygraph.ingest.segment import HEADING_START
from policygraph.ingest.units import compact, inherit_prefix, split_name, stands_alone

# Pinyin ruby printed after characters (經(jīng)貿(mào)委): not part of a unit's name.
# It opens with the bracket, the character before it tested by a look-behind over both: `re` jumps
# from bracket to bracket (a pattern opening with a look-behind is tried at every character).
_RUBY = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]")
_ROLE_NOTE = re.compile(r"\(([^()]{2,4})\)$")
_INNER_NOTE = re.compile(r"\(([^()]{2,4})\)")


class Statement(NamedTuple):
    """One assignment statement. span: offsets in the cleaned text; names as written.

    responsible: the joint units that were listed under a 责任单位 label (no lead in the statement):
    they support when the task inherits a lead from its section.
    """

    # A named tuple, not a frozen dataclass: one is made per statement read and one more per
    # statement found, and a frozen dataclass's __init__ sets each field through
    # object.__setattr__, several times slower (a tuple is made at once, the same when compiled).

    span: tuple[int, int]
    text: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    joint: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: str = ""
    responsible: tuple[str, ...] = ()

    def at(self, span: tuple[int, int]) -> Statement:
        """The same statement found at `span` (met per statement: the fields passed on at once,
        cheaper than _replace, which goes through keywords)."""
        return Statement(span, *self[1:])

    @property
    def assigns(self) -> bool:
        return bool(self.lead or self.support or self.joint or self.vague or self.leaders)


@dataclass(frozen=True)
class _Patterns:
    label: re.Pattern
    label_word: re.Pattern
    bare_label: re.Pattern
    verb_label: re.Pattern
    verb_colon: re.Pattern
    label_kind: dict[str, str]
    verb: re.Pattern
    verb_kind: dict[str, str]
    verb_words: tuple[str, ...]  # verb_kind's keys, for str.endswith
    sentence_openers: frozenset[str]
    section_label: re.Pattern
    first_lead: re.Pattern
    carry_on: re.Pattern
    list_tail: re.Pattern
    unit_suffix: tuple[str, ...]
    division_suffix: tuple[str, ...]
    nothing: frozenset[str]
    by: re.Pattern
    summary: re.Pattern
    deadline_clause: re.Pattern
    conjunction: re.Pattern
    any_marker: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    k = knowledge()
    by_first = by_first_character
    label_kinds = ("lead_label", "support_label", "joint_label", "leader_label", "deadline_label")
    verb_kinds = ("lead_verb", "support_verb", "joint_verb", "co_verb")
    return _Patterns(
        # 牵头单位：X, and 牵头单位为X as a sentence says it; a label may gloss its noun with another
        # (责任科室(单位)：X, 责任单位（部门）：X).
        label=re.compile(
            rf"({by_first(k.alternation(*label_kinds))})(?:\((?:{'|'.join(LABEL_NOUNS)})\))?\s*(?::|为(?!主))"
        ),
        # A label with no colon opening a bracket, clause or line (（牵头单位 市发改委；配合单位 市财政局）):
        # taken when units follow it (a pattern of its own: the colon form is searched everywhere).
        label_word=re.compile(by_first(k.alternation(*label_kinds))),
        bare_label=re.compile(
            rf"(?:^|(?<=[(\[;,\n]))\s*({by_first(k.alternation(*label_kinds))})(?=\s*[\u4e00-\u9fff])"
        ),
        # 牵头：A；配合：B — a role verb used as a label, where a label may stand (bracket, clause, line start)
        verb_label=re.compile(
            rf"(?:^|(?<=[(\[;,\n]))\s*({by_first(k.alternation('lead_verb', 'support_verb', 'joint_verb'))})\s*:"
        ),
        # verb_label's verb and colon alone, searched first: it opens with the verb, so `re` jumps
        # to the verbs, where verb_label (opening with a look-behind) is tried at every character
        verb_colon=re.compile(
            rf"(?:{by_first(k.alternation('lead_verb', 'support_verb', 'joint_verb'))})\s*:"
        ),
        label_kind={
            **{w: kind.replace("verb", "label") for kind in verb_kinds[:3] for w in k.phrases(kind)},
            **{w: kind for kind in label_kinds for w in k.phrases(kind)},
        },
        verb=re.compile(by_first(k.alternation(*verb_kinds))),
        verb_kind={w: kind for kind in verb_kinds for w in k.phrases(kind)},
        verb_words=tuple({w: None for kind in verb_kinds for w in k.phrases(kind)}),
        # The characters an assignment sentence can open with (_is_assignment_sentence): a label's,
        # a section label's, a role verb's used as a label, a summary opener's, 由.
        sentence_openers=frozenset(
            {"由"}
            | {
                w[0]
                for kind in (*label_kinds, "section_label", "summary_opener", *verb_kinds[:3])
                for w in k.phrases(kind)
                if w
            }
        ),
        section_label=re.compile(rf"\s*({by_first(k.alternation('section_label'))})\s*:"),
        first_lead=grammar()["first_lead"],
        carry_on=grammar()["carry_on"],
        list_tail=re.compile(rf"({k.alternation('list_tail')})\s*$"),
        unit_suffix=k.phrases("unit_suffix"),
        division_suffix=k.phrases("division_suffix"),
        nothing=frozenset(k.phrases("no_unit")),
        by=re.compile(rf"^({k.alternation('summary_opener')})?(由|并由|请)"),
        summary=re.compile(rf"({k.alternation('summary_opener')})(?=由)"),
        conjunction=re.compile(k.alternation("conjunction") or "(?!)"),
        # Anything that can make a sentence an assignment: a role verb, a label, a 由/以上任务 opening.
        any_marker=re.compile(
            by_first(
                "|".join(
                    filter(
                        None,
                        [
                            k.alternation(*verb_kinds),
                            k.alternation(*label_kinds),
                            k.alternation("section_label"),
                        ],
                    )
                )
            )
        ),
        deadline_clause=re.compile(rf"[,;]\s*((19|20)\d\d\s*年|{k.alternation('deadline_word')})[^,;()]*$"),
    )


@lru_cache(maxsize=64)
def _separators(seps: str) -> re.Pattern:
    """The separators of `seps`, a bracket group holding no other bracket (one match: it leaves the
    depth as it found it and the separators inside it cut nothing), or a single bracket character:
    one scan finds all, and a plain group costs one step, not two."""
    return re.compile(f"[{re.escape(seps)}]|[(\\[][^()\\[\\]]*[)\\]]|[()\\[\\]]")


def _split_depth0(f: str, seps: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) pieces of `f` split at characters in `seps` outside brackets, moved by `offset`
    (where `f` stands in a longer text).

    >>> _split_depth0("A、B(C、D)、E", "、")
    [(0, 1), (2, 8), (9, 10)]
    >>> _split_depth0("A)、B[C、(D]、E", "、")
    [(0, 2), (3, 12)]
    """
    # Before the first opening bracket every separator cuts (a closing bracket with none open is
    # ignored): str.split cuts there, in C. From it, one pass over separators and brackets together:
    # a separator cuts where no bracket is open (one left open hides the cuts after it).
    opener = f.find("(")
    square = f.find("[", 0, None if opener == -1 else opener)
    if square != -1:
        opener = square
    head = f if opener == -1 else f[:opener]
    for other in seps[1:]:
        head = head.replace(other, seps[0])  # every separator as the first, for one split
    spans, piece_start = [], offset
    for part in head.split(seps[0])[:-1]:
        piece_end = piece_start + len(part)
        spans.append((piece_start, piece_end))
        piece_start = piece_end + 1
    if opener != -1:
        depth = 0
        for m in _separators(seps).finditer(f, opener):
            char = m.group()
            if len(char) > 1:
                continue  # a whole group with no bracket inside it
            if char in "([":
                depth += 1
            elif char in ")]":
                if depth:
                    depth -= 1
            elif not depth:
                spans.append((piece_start, offset + m.start()))
                piece_start = offset + m.start() + 1
    spans.append((piece_start, offset + len(f)))
    return spans


def _is_closed(group: str) -> bool:
    """Whether a bracket group that opens `group` is closed at its end: every bracket balanced, so a
    name's alias closing a cut group ([区发展改革委(粮食和储备局)) does not close the group.

    >>> _is_closed("(A负责)"), _is_closed("[区发改委(粮食局)")
    (True, False)
    """
    # the depth at the end is opened minus closed brackets: four counts in C, no scan in Python
    opened = group.count("(") + group.count("[")
    return opened <= group.count(")") + group.count("]") and group.rstrip()[-1:] in (")", "]")


@lru_cache(maxsize=8192)
def is_placeholder(name: str) -> bool:
    k = knowledge()
    f = fold_name(name)
    return (
        f in k.placeholders
        or f.startswith(k.placeholder_starts)
        or any(w in f for w in k.placeholder_contains)
    )


_LINK = re.compile(r"^(?:等[0-9一二三四五六七八九十]*个?)?(?:和|及|与|以及|会同)?")


@lru_cache(maxsize=8192)
def unit_and_placeholder(name: str) -> tuple[str, str]:
    """A named unit and the placeholder after it in one list item (商务部等和各有关省级人民政府,
    市教育局及有关单位), as written; ('', '') when the item is not so made.

    >>> unit_and_placeholder("商务部等和各有关省级人民政府")
    ('商务部', '各有关省级人民政府')
    >>> unit_and_placeholder("市教育局及各级科协"), unit_and_placeholder("各有关部门")
    (('市教育局', '各级科协'), ('', ''))
    """
    if is_placeholder(name[:3]):
        return "", ""
    written = split_name(name)
    unit, rest = written.unit, written.residue
    if not rest:
        m = _patterns().conjunction.search(fold_name(name))
        if not m:
            return "", ""
        unit, rest = name[: m.start()], name[m.start() :]
    link = _LINK.match(fold_name(rest))
    assert link is not None  # every part of _LINK is optional: it matches at the start of any text
    rest = rest[link.end() :]
    if unit and looks_like_unit(unit) and not is_placeholder(unit) and rest and is_placeholder(rest):
        return unit, rest
    return "", ""


_GOVERNMENT = re.compile(r"^(.+?)((?:人民)?政府)$")


def _shared_government(names: list[str]) -> list[str]:
    """Places of one level listed before one X市政府 share its 政府, and its level word when they are
    written as bare stems (荔湾区、黄埔区政府 -> 荔湾区政府, 黄埔区政府; 哈尔滨、黑河、绥芬河市政府 ->
    哈尔滨市政府, 黑河市政府, 绥芬河市政府), wherever that government stands in the list.

    >>> _shared_government(["市财政局", "荔湾区", "黄埔区政府"])
    ['市财政局', '荔湾区政府', '黄埔区政府']
    >>> _shared_government(["机场指挥部", "哈尔滨", "黑河", "绥芬河市政府", "省农垦总局"])
    ['机场指挥部', '哈尔滨市政府', '黑河市政府', '绥芬河市政府', '省农垦总局']
    """
    # cheap test first: most lists name no government after their first name
    if len(names) < 2 or not any(fold_name(name).endswith("政府") for name in names[1:]):
        return names
    out = list(names)
    for j in range(1, len(names)):
        m = _GOVERNMENT.match(fold_name(names[j]))
        if not m or not divisions_named(m.group(1)):
            continue
        level = m.group(1)[-1]  # 区、区政府 share; a mixed run (钟山区、盘州市人民政府) is read as written
        shared = names[j][len(m.group(1)) :]
        k = j - 1
        while k >= 0 and out[k] == names[k]:
            place = fold_name(out[k])
            if place.endswith(level) and divisions_named(place):
                out[k] += shared
            elif not place.endswith(level) and divisions_named(place + level):
                out[k] += level + shared  # a bare stem (哈尔滨) takes the level word too
            else:
                break
            k -= 1
    return out


def is_person(name: str) -> bool:
    return fold_name(name).endswith(knowledge().people_titles)


def reads_as_units(cell: str) -> bool:
    """Whether a table cell or list holds units: most of its 、/，-separated names read as units or
    placeholders (市发展改革委、工业和信息化委等; 各县(市、区)党委和人民政府，城乡一体化示范区).

    >>> reads_as_units("市水利局"), reads_as_units("实施水资源消耗总量和强度双控行动")
    (True, False)
    """
    f = fold_name(cell.strip())
    names = [n for a, b in _split_depth0(f, "、,;") for n in _split_etc(f[a:b]) if n]
    return bool(names) and sum(map(looks_like_unit, names)) * 2 >= len(names) + (len(names) == 1)


def names_a_role(text: str) -> bool:
    """Whether a statement's text holds a role word (a label, a role verb, 由…), not only a bare
    list of units in brackets ((办公室) after an issuer's name is no assignment of a measure).

    >>> names_a_role("(住建局牵头)"), names_a_role("(办公室)")
    (True, False)
    """
    return _patterns().any_marker.search(fold(text)) is not None


@lru_cache(maxsize=16384)
def looks_like_unit(name: str) -> bool:
    f = fold_name(compact(name))
    # a unit may carry its other name in brackets: 区发展改革委(粮食和储备局)
    named = _ALIAS_AT_END.sub("", f) if f.endswith(")") else f
    return (
        len(f) >= 3
        and not re.search(r"[\d:]", f)  # no number, no label (支持单位:市财政局)
        and (named.endswith(_patterns().unit_suffix) or is_placeholder(f))
    )


def _is_listed_unit(name: str) -> bool:
    """A name in a labelled list reads as a unit: as anywhere, or as a department's internal division
    (牵头处室: 基教处; 责任科室: 学生资助科), which outside a label would be a word (学科, 内科)."""
    if looks_like_unit(name):
        return True
    f = fold_name(compact(name))
    return 3 <= len(f) <= 10 and f.endswith(_patterns().division_suffix) and not re.search(r"\d", f)


_ALIAS_AT_END = re.compile(r"(?<=.{2})\([^()]+\)$")


@lru_cache(maxsize=16384)
def _split_conjoined(name: str) -> tuple[str, ...]:
    """区委宣传部和区文明办 -> two units; 人力资源和社会保障局 stays one (its halves are not units)."""
    parts = _patterns().conjunction.split(name)
    if len(parts) > 1 and any(grammar()["shared_body"].match(fold_name(part)) for part in parts[1:]):
        return (name,)  # 高新区党工委和管委会: one place's two faces, one unit
    if len(parts) > 1 and all(looks_like_unit(part) for part in parts):
        return tuple(parts)
    return (name,)


@lru_cache(maxsize=16384)
def _split_etc(name: str) -> tuple[str, ...]:
    """A list item cut where 等 ends its unit, residues stripped.

    >>> _split_etc("全国总工会等和各省级人民政府")
    ('全国总工会', '各省级人民政府')
    >>> _split_etc("人力资源社会保障部等有关部门和单位")
    ('人力资源社会保障部', '有关部门和单位')
    >>> _split_etc("市文广旅局等部门")
    ('市文广旅局',)
    >>> _split_etc("中等职业学校")
    ('中等职业学校',)
    >>> _split_etc("市财政局按职责")
    ('市财政局',)
    """
    g = grammar()
    f = fold_name(name)
    m = g["etc_split"].search(f)
    parts = [name[: m.start()], name[m.end() :]] if m and m.start() else [name]
    if len(parts) == 2 and g["generic_rest"].fullmatch(fold_name(parts[1])):
        parts = parts[:1]  # A等部门 / A等单位: the rest names no unit
    out = []
    for part in parts:
        residue = g["unit_residue"].search(fold_name(part))
        while residue and residue.start():
            part = part[: residue.start()]
            residue = g["unit_residue"].search(fold_name(part))
        if part:
            out.append(part)
    return tuple(out)


@lru_cache(maxsize=8192)
def _inherit(names: tuple[str, ...], jurisdiction: str) -> tuple[str, ...]:
    """units.inherit_prefix, once per distinct list (plans repeat their unit lists)."""
    return tuple(inherit_prefix(list(names), jurisdiction))


class _UnitList(NamedTuple):
    """One list of a statement: its role (a Role, or 'responsible' for a 责任单位 label's list,
    'leaders' for people), the names, and the line of the statement it is on."""

    role: str
    names: tuple[str, ...]
    line: int


@lru_cache(maxsize=16384)
def _name_parts(written: str) -> tuple[tuple[str, _NameFacts], ...]:
    """One item of a list as written -> its names, each with its facts: spaces, pinyin ruby, edge
    punctuation and an opening 由 removed, cut where 等 ends a unit (_split_etc)."""
    name = compact(written)
    if "(" in name or "（" in name:
        name = _RUBY.sub("", name)
    return tuple(
        (part, _name_facts(part)) for part in _split_etc(_patterns().by.sub("", name.strip("。.,;:，；：")))
    )


@lru_cache(maxsize=16384)
def _list_names(raw: str, f: str, commas: bool, at_cut: bool) -> tuple[tuple[str, ...], ...]:
    """_Reader.pieces of one list, cached: plans repeat their unit lists. at_cut: the list runs to
    the end of an excerpt, so the last name of a piece reaching it may be cut mid-name."""
    p = _patterns()
    tail = p.list_tail.search(f.rstrip(" 。.,;:)"))
    stop = tail.start() if tail else len(f.rstrip(" 。.,;:"))
    cut_from = len(raw.rstrip())
    out = []
    pieces = _split_depth0(f[:stop], ",;") if commas else [(0, stop)]
    for k, (c, d) in enumerate(pieces):
        piece: list[str] = []
        last: _NameFacts | None = None  # the facts of piece[-1]
        for a, b in _split_depth0(f[c:d], "、/"):
            for part, facts in _name_parts(raw[c + a : c + b]):
                if last is not None and last.placeholder and facts.extends_placeholder:
                    piece[-1] += "、" + part  # 各区、县级市, 市直有关部门、单位: one placeholder
                    last = _name_facts(piece[-1])
                elif part and not facts.nothing:
                    piece.extend(facts.conjoined)
                    last = facts if len(facts.conjoined) == 1 else _name_facts(piece[-1])
        if "府" in f[c:d]:  # a name ending with 政府 folds its characters from the list's: else none
            piece = _shared_government(piece)
        whole = piece[:-1] if at_cut and d >= cut_from else piece
        if k and not all(_name_facts(name).listed_unit for name in whole):
            break
        out.append(tuple(piece))
    return tuple(out)


class _NameReading(NamedTuple):
    """What one listed name is. noted_role: a role noted after it (县交通运输局（牵头）), with
    noted_unit the name without the note. unit and placeholder: a unit followed by a placeholder
    (商务部等和各有关省级人民政府); placeholder alone: the name is one. person: a title (副市长)."""

    noted_role: Role | None
    noted_unit: str
    unit: str
    placeholder: str
    person: bool


class _NameFacts(NamedTuple):
    """Everything a list's reading asks of one name, found once per distinct name: plans repeat
    their units, and a list's reading is then one cache lookup per name where it asked several
    questions, each folding the name again. placeholder: is_placeholder; person: is_person;
    extends_placeholder: a level word or a generic rest (县级市, 单位) that joins a placeholder
    listed before it; nothing: a word naming no unit; conjoined: _split_conjoined; listed_unit:
    _is_listed_unit."""

    placeholder: bool
    person: bool
    extends_placeholder: bool
    nothing: bool
    conjoined: tuple[str, ...]
    listed_unit: bool
    reading: _NameReading


@lru_cache(maxsize=16384)
def _name_facts(name: str) -> _NameFacts:
    p, g = _patterns(), grammar()
    f = fold_name(name)
    person = is_person(name)
    noted_role, noted_unit = None, ""
    note = _ROLE_NOTE.search(f)
    if note:
        kind = p.verb_kind.get(note.group(1))
        if kind in ("lead_verb", "support_verb"):
            noted_role, noted_unit = Role.LEAD if kind == "lead_verb" else Role.SUPPORT, name[: note.start()]
    placeholder = is_placeholder(name)
    unit, vague = unit_and_placeholder(name)
    if not (unit and vague):
        unit, vague = "", _without_closing_note(name) if placeholder else ""
    return _NameFacts(
        placeholder=placeholder,
        person=person,
        extends_placeholder=bool(g["level_word"].match(f) or g["generic_rest"].fullmatch(f)),
        nothing=f in p.nothing,
        conjoined=_split_conjoined(name),
        listed_unit=_is_listed_unit(name),
        reading=_NameReading(noted_role, noted_unit, unit, vague, person),
    )


def _without_closing_note(name: str) -> str:
    """A listed name without a note bracketed after it (各区人民政府（含开发区管委会，下同） -> 各区人民政府);
    an alias (各县、区人民政府(管委会)) stays.

    >>> _without_closing_note("各区人民政府（含开发区管委会，下同）"), _without_closing_note("各区政府(管委会)")
    ('各区人民政府', '各区政府(管委会)')
    """
    written = split_name(name)
    return written.unit if fold_name(written.residue)[:1] in ("(", "[") and not written.alias else name


class _ListReading(NamedTuple):
    """What one list of a statement gives: its unit lists as (role, names), in order (a role noted
    after a name opens a list of its own), and the placeholders and people it names."""

    lists: tuple[tuple[str, tuple[str, ...]], ...]
    vague: tuple[str, ...]
    leaders: tuple[str, ...]


@lru_cache(maxsize=16384)
def _read_list(raw: str, f: str, commas: bool, at_cut: bool, role: str, jurisdiction: str) -> _ListReading:
    """One list of a statement read under `role` (_Reader.add), once per distinct list, role and
    jurisdiction: plans repeat their unit lists. An abbreviated unit takes the prefix of the first
    unit of its own comma group (市发改委、财政局，无锡国税局、地税局 -> 无锡地税局); placeholders and
    people neither give nor take one (市直有关部门、单位 gives 单位 no 市)."""
    lists: list[tuple[str, tuple[str, ...]]] = []
    units: list[str] = []
    vague: list[str] = []
    leaders: list[str] = []
    for piece in _list_names(raw, f, commas, at_cut):
        facts = [_name_facts(name) for name in piece]
        names: tuple[str, ...] | list[str] = piece
        if role != "leaders":
            plain = tuple(n for n, x in zip(piece, facts, strict=True) if not x.placeholder and not x.person)
            inherited = _inherit(plain, jurisdiction) if plain else plain
            if inherited != plain:  # most lists name their units in full: nothing to give
                prefixed = dict(zip(plain, inherited, strict=True))
                names = [prefixed.get(name, name) for name in piece]
                facts = [_name_facts(name) for name in names]
        for name, x in zip(names, facts, strict=True):
            reading = x.reading
            if reading.noted_role is not None and role != "leaders":
                # 县交通运输局（牵头）: a role noted after the name overrides the list's.
                if units:
                    lists.append((role, tuple(units)))
                    units = []
                lists.append((reading.noted_role, (reading.noted_unit,)))
            elif reading.unit:
                units.append(reading.unit)  # 商务部等和各有关省级人民政府: a unit, then a placeholder
                vague.append(reading.placeholder)
            elif reading.placeholder:
                vague.append(reading.placeholder)
            elif reading.person or role == "leaders":
                leaders.append(name)
            else:
                units.append(name)
    if units:
        lists.append((role, tuple(units)))
    return _ListReading(tuple(lists), tuple(vague), tuple(leaders))


class _Reader:
    """Collects one statement's roles in document order."""

    def __init__(self, raw: str, folded: str, first_lead: bool, jurisdiction: str, cut: bool = False):
        self.raw, self.folded = raw, folded
        self.raw_end = len(raw.rstrip())
        self.cut = cut  # the raw text ends where an excerpt was cut
        self.first_lead = first_lead
        self.jurisdiction = jurisdiction
        self.lists: list[_UnitList] = []
        self.vague: list[str] = []
        self.leaders: list[str] = []
        self.deadline = ""

    def pieces(self, start: int, end: int, commas: bool = False) -> tuple[tuple[str, ...], ...]:
        """Names of the list in raw[start:end], split at 、 and /; with `commas` (a labelled list,
        where writers also use ，) at commas too, as long as what follows a comma reads as units:
        one tuple per comma group."""
        at_cut = self.cut and end >= self.raw_end
        return _list_names(self.raw[start:end], self.folded[start:end], commas, at_cut)

    def names(self, start: int, end: int, commas: bool = False) -> list[str]:
        return [name for piece in self.pieces(start, end, commas) for name in piece]

    def add(self, role: str, start: int, end: int, labelled: bool = False) -> None:
        at_cut = self.cut and end >= self.raw_end
        read = _read_list(
            self.raw[start:end], self.folded[start:end], labelled, at_cut, role, self.jurisdiction
        )
        if read.lists:
            line = self.raw.count("\n", 0, start)
            for list_role, names in read.lists:
                self.lists.append(_UnitList(list_role, names, line))
        if read.vague:
            self.vague.extend(read.vague)
        if read.leaders:
            self.leaders.extend(read.leaders)

    def statement(self, span: tuple[int, int], text: str) -> Statement:
        lists = self.lists
        # One list per role, chosen by identity: a dict keyed by Role would hash through Enum's
        # Python-level __hash__ at every lookup, and one statement is read per task.
        lead: list[str] = []
        support: list[str] = []
        joint: list[str] = []
        responsible: list[str] = []
        # A prefix carries across the lists of one line ((牵头单位：自治区A，配合单位：B)), not
        # from a label line to the next, nor onto a list opened by a unit with its own prefix:
        # each line's first name as listed, found once.
        line_opening: dict[int, str] = {}
        has_lead = False
        for unit_list in lists:
            line_opening.setdefault(unit_list.line, unit_list.names[0])
            has_lead = has_lead or unit_list.role is Role.LEAD
        for role, names, line in lists:
            names = _inherit(names, self.jurisdiction)
            opening = line_opening[line]
            if opening != names[0] and not stands_alone(names[0], self.jurisdiction):
                names = _inherit((opening, *names), self.jurisdiction)[1:]
            labelled = role == "responsible"
            role = Role.JOINT if labelled else role
            if role is Role.JOINT and has_lead:
                role = Role.SUPPORT
            elif role is Role.JOINT and self.first_lead:
                lead.extend(names[:1])
                support.extend(names[1:])
                continue
            elif labelled:
                responsible.extend(names)
            if role is Role.LEAD:
                lead.extend(names)
            elif role is Role.SUPPORT:
                support.extend(names)
            elif role is Role.JOINT:
                joint.extend(names)
            else:
                raise KeyError(role)  # people read as a unit list ("leaders") have no role here
        if lead and (support or joint):  # （A、B、C按职责分工负责，A牵头）: A leads, it does not also support
            leads = set(lead)
            support = [n for n in support if n not in leads]
            joint = [n for n in joint if n not in leads]
        return Statement(
            span=span,
            text=text,
            lead=_unique(lead),
            support=_unique(support),
            joint=_unique(joint),
            vague=_unique(self.vague),
            leaders=_unique(self.leaders),
            deadline=self.deadline,
            responsible=_unique(responsible),
        )


def _unique(names: list[str]) -> tuple[str, ...]:
    """The names without repeats, in order (most role lists of a statement are empty)."""
    return tuple(dict.fromkeys(names)) if names else ()


def _read_clauses(reader: _Reader, f: str, start: int, end: int) -> None:
    """Verb-marked clauses: X牵头 / Y配合 / A、B按职责分工负责 / A会同B负责 / an unmarked list."""
    p = _patterns()
    previous = ""
    for a, b in _split_depth0(f[start:end], ",;。", start):
        clause = f[a:b]
        if not clause.strip():
            continue
        verbs = list(p.verb.finditer(clause))
        if verbs and "(" in clause:
            # a role noted after a name (市发改委（牵头）、B) is read with the name, not as the clause's verb
            notes = bracket_groups(clause)
            verbs = [v for v in verbs if not any(c < v.start() < d for c, d in notes)]
        if not verbs and p.deadline_clause.match("," + clause):
            reader.deadline = reader.deadline or compact(reader.raw[a:b]).strip("。.,;:，；：")
            continue
        if not verbs:
            # An unmarked list after a lead (由A牵头，B、C等单位。) supports; other words are not units.
            names = reader.names(a, b)
            if names and sum(map(looks_like_unit, names)) * 2 >= len(names):
                role = Role.SUPPORT if previous in (Role.LEAD, Role.SUPPORT) else Role.JOINT
                reader.add(role, a, b)
                previous = role
            continue
        first = verbs[0]
        kind = p.verb_kind[first.group()]
        if kind == "co_verb":
            reader.add(Role.LEAD, a, a + first.start())
            rest = next((v for v in verbs[1:]), None)
            reader.add(Role.SUPPORT, a + first.end(), a + (rest.start() if rest else len(clause)))
            previous = Role.SUPPORT
            continue
        role = _VERB_ROLES[kind]
        reader.add(role, a, a + first.start())
        previous = role


def parse_statement(
    raw: str,
    *,
    first_lead: bool = False,
    jurisdiction: str = "",
    span: tuple[int, int] = (0, 0),
    cut: bool = False,
) -> Statement:
    """Read one statement (its raw text as in the cleaned document) into roles.

    first_lead: the document's 排在首位的为牵头单位 convention holds here.
    jurisdiction: the plan's, so 东胜… units are not given a list prefix.
    cut: the statement runs to the end of an excerpt (its last name may be cut mid-name).

    >>> s = parse_statement("（A局牵头，B局、C局按职责分工负责）")
    >>> s.lead, s.support
    (('A局',), ('B局', 'C局'))
    >>> parse_statement("（人社部、财政部负责。列第一位者为牵头单位，下同）").lead
    ('人社部',)
    >>> s = parse_statement("［牵头单位：区卫健局；责任单位：各社区］")
    >>> s.lead, s.vague
    (('区卫健局',), ('各社区',))
    """
    statement = _read_statement(raw, first_lead, jurisdiction, cut)
    return statement if span == statement.span else statement.at(span)


def _is_bare_name(folded: str) -> bool:
    """Whether a clause is one unit or placeholder name and nothing else (no role word, no label)."""
    return looks_like_unit(folded.strip()) and not names_a_role(folded)


def _read_statement(
    raw: str, first_lead: bool, jurisdiction: str, cut: bool, folded: str | None = None, notes: bool = True
) -> Statement:
    """folded: fold(raw) when the caller has it (the document's folded text, sliced). notes: False
    when the document holds no first-listed-leads note, so the statement holds none either."""
    p = _patterns()
    original = raw
    f = fold(raw) if folded is None else folded
    # Convention notes inside the statement are flags, not units.
    has_note = notes and leftmost(p.first_lead, f) is not None
    for a, b in bracket_groups(f) if has_note else ():
        if p.first_lead.search(f[a:b]):
            first_lead = True
            clauses = [(a + 1 + c, a + 1 + d) for c, d in _split_depth0(f[a + 1 : b - 1], ",;。")]
            note_clauses = [
                (c, d)
                for c, d in clauses
                if p.first_lead.search(f[c:d]) or p.carry_on.fullmatch(f[c:d].strip())
            ]
            if len(note_clauses) < sum(1 for c, d in clauses if f[c:d].strip()):
                # （A、B、C，排在首位的为牵头单位，下同）: the note sits beside the list; blank only the note.
                blanks = [(c - 1, d) for c, d in note_clauses]
                names = [(c, d) for c, d in clauses if (c, d) not in note_clauses]
                if len(names) > 1 and all(_is_bare_name(f[c:d]) for c, d in names):
                    # （A，B，C，排名第一位为牵头单位）: names set off by commas are the note's one list
                    for _, d in names[:-1]:
                        raw, f = raw[:d] + "、" + raw[d + 1 :], f[:d] + "、" + f[d + 1 :]
            else:
                blanks = [(a, b)]
            for c, d in blanks:
                raw = raw[:c] + " " * (d - c) + raw[d:]
                f = f[:c] + " " * (d - c) + f[d:]
    # …共同负责，排在首位的为牵头单位。: the same note as a clause of the sentence.
    has_note = has_note or (first_lead and p.carry_on.search(f) is not None)
    for a, b in _split_depth0(f, ",;。") if has_note else ():
        if p.first_lead.search(f[a:b]) or (first_lead and p.carry_on.fullmatch(f[a:b].strip())):
            first_lead = True
            raw = raw[:a] + " " * (b - a) + raw[b:]
            f = f[:a] + " " * (b - a) + f[b:]
    body_start, body_end = 0, len(f)
    stripped = f.strip()
    bracketed = bool(stripped) and stripped[0] in "(["
    closed = bracketed and _is_closed(stripped)
    if closed:
        body_start, body_end = f.index(stripped[0]) + 1, f.rindex(stripped[-1])
    elif bracketed:
        body_start = f.index(stripped[0]) + 1
    stop = f.find("。", body_start, body_end)
    if (
        stripped[:1] in "(["
        and stop != -1
        and f[stop + 1 : body_end].strip()
        and not p.label.search(f, stop, body_end)
    ):
        body_end = stop  # a bracket's later sentences are notes on its assignment, not more of it
    section = p.section_label.match(f, body_start)
    if section:
        body_start = section.end()
    unclosed = bracketed and not closed
    reader = _Reader(raw, f, first_lead, jurisdiction, cut=cut or unclosed)
    labels, bare = [], []
    # the label forms only where such words occur (fast scans first): every label opens with a label
    # word, and the forms without a colon are read only with one; a role verb as a label has its colon
    if p.label_word.search(f, body_start, body_end):
        labels = list(p.label.finditer(f, body_start, body_end))
        bare += [
            m
            for m in p.bare_label.finditer(f, body_start, body_end)
            if not any(c.start() <= m.start(1) < c.end() for c in labels)
            and reads_as_units(_label_value(f, m.end()))
        ]
    if p.verb_colon.search(f, body_start, body_end):
        bare += [
            m
            for m in p.verb_label.finditer(f, body_start, body_end)
            if not any(c.start() <= m.start(1) < c.end() for c in labels)
        ]
    if bare:
        labels = sorted(labels + bare, key=lambda m: m.start())
    if labels and f[body_start : labels[0].start()].strip(" ,;。"):
        _read_clauses(reader, f, body_start, labels[0].start())
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else body_end
        kind = p.label_kind[m.group(1)]
        nl = f.find("\n", m.end(), end)
        if nl != -1 and f[m.end() : nl].strip():
            rest = f[nl:end].strip()
            pieces = _split_depth0(rest, "、,")
            before = f[m.end() : nl].rstrip()
            if (
                pieces
                and before[-1:] not in "、,;"
                and looks_like_unit(before[_split_depth0(before, "、,")[-1][0] :] + rest[: pieces[0][1]])
            ):
                pieces = pieces[1:]  # the line broke inside a name (市經 / 貿委、B): its rest is no unit
            if rest and not all(looks_like_unit(rest[c:d]) for c, d in pieces):
                end = nl  # a labelled value ends with its line when the next line holds no units
        if kind == "deadline_label":
            reader.deadline = compact(raw[m.end() : end]).strip("。.,;:，；：")
            continue
        value = f[m.end() : end]
        unbracketed = _PAREN_GROUP.sub("", value) if "(" in value else value  # not 县交通运输局（牵头）
        if kind == "joint_label" and any(
            p.verb_kind[v.group()] in ("lead_verb", "support_verb", "co_verb")
            for v in p.verb.finditer(unbracketed)
        ):
            _read_clauses(reader, f, m.end(), end)  # 责任单位：X牵头，Y、Z配合
            continue
        reader.add(_LABEL_ROLES[kind], m.end(), end, labelled=True)
    if not labels:
        _read_clauses(reader, f, body_start, body_end)
    if reader.cut and reader.lists:
        # A bracket the excerpt cut off: its last name may be cut mid-name (市发); keep it only
        # when it reads as a whole unit.
        last = reader.lists[-1]
        if last.names and not _is_listed_unit(last.names[-1]):
            if len(last.names) > 1:
                reader.lists[-1] = last._replace(names=last.names[:-1])
            else:
                del reader.lists[-1]  # its only name was the cut one: no list is left
    return reader.statement((0, 0), original)


_PAREN_GROUP = re.compile(r"\([^()]*\)")
_LABEL_ROLES = {
    "lead_label": Role.LEAD,
    "support_label": Role.SUPPORT,
    "joint_label": "responsible",
    "leader_label": "leaders",
}
_VERB_ROLES = {"lead_verb": Role.LEAD, "support_verb": Role.SUPPORT, "joint_verb": Role.JOINT}


class StandingClause(NamedTuple):
    """Placeholders (`names`) and named units (`units`) a clause hands every task after
    `applies_from` to; with `own_task`, also the task whose text holds `applies_from` (a note in
    its own bracket)."""

    applies_from: int
    names: tuple[str, ...]
    own_task: bool = False
    units: tuple[str, ...] = ()


def standing_clauses(text: str, folded: str) -> list[StandingClause]:
    """Each standing clause that hands every later task to the same bodies (以下任务均需各区政府、
    开发区管委落实，不再一一列出; grammar.tsv `standing_assignment`), and each placeholder note that
    下同 carries (_carried_note_placeholders), in text order.

    >>> t = "(责任单位:市财政局。以下任务均需各区政府、开发区管委落实,不再一一列出)"
    >>> standing_clauses(t, t)
    [StandingClause(applies_from=29, names=('各区政府', '开发区管委'), own_task=False, units=())]
    >>> standing_clauses(t.replace("开发区管委", "江城经开区"), t)[0].units
    ('江城经开区',)
    """
    if _has_readings(
        text, folded
    ):  # 以下各項(xiàng)工作均需…負(fù)責(zé)落實(shí): read without the readings
        plain, plain_folded, kept = _ruby_free(text, folded)
        return [
            clause._replace(applies_from=kept[clause.applies_from - 1] + 1 if clause.applies_from else 0)
            for clause in standing_clauses(plain, plain_folded)
        ]
    out = []
    for m in grammar()["standing_assignment"].finditer(folded):
        reader = _Reader(text, folded, False, "")
        listed = reader.names(*m.span("names"), commas=True)
        names = [n for n in listed if is_placeholder(n)]
        units = [n for n in listed if not is_placeholder(n) and looks_like_unit(n) and not is_person(n)]
        if names or units:
            out.append(
                StandingClause(m.end(), tuple(dict.fromkeys(names)), units=tuple(dict.fromkeys(units)))
            )
    out.extend(_carried_note_placeholders(text, folded))
    return sorted(out)


_CARRY_CLAUSE = re.compile(r"[,;。](下同|以下同|后同)[。.]?\s*[)\]]")
_PLACEHOLDER_OPENING = re.compile(r"各|有关|相关|其他有关|其他相关")


def _opening_bracket(folded: str, end: int, reach: int = 400) -> int:
    """Where the bracket group holding `end` opens (nested groups skipped), or -1 when none does
    within `reach` characters or a line break comes first."""
    depth = 0
    for i in range(end - 1, max(end - reach, 0) - 1, -1):
        c = folded[i]
        if c in ")]":
            depth += 1
        elif c in "([":
            if not depth:
                return i
            depth -= 1
        elif c == "\n":
            return -1
    return -1


def _carried_note_placeholders(text: str, folded: str) -> list[StandingClause]:
    """Standing clauses of the notes that 下同 carries to the rest of the text, where a clause of the
    note hands the work to a class of bodies (（A、B、C。列在首位的为牵头单位,有关部门和单位按职责分工
    负责,下同）) or, in a sentence of its own after the list, names the class the tasks concern
    (〔责任单位:A、B。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕): that placeholder stands on
    the note's own task and every later one.

    >>> t = "(甲局、乙局。列在首位的为牵头单位,有关部门和单位按职责分工负责,下同)"
    >>> _carried_note_placeholders(t, t)
    [StandingClause(applies_from=0, names=('有关部门和单位',), own_task=True, units=())]
    >>> t = "[责任单位:甲局。具体任务均涉及相关市(州)人民政府,不再做分工,下同。]"
    >>> _carried_note_placeholders(t, t)[0].names
    ('相关市(州)人民政府',)
    """
    p, out = _patterns(), []
    for m in _CARRY_CLAUSE.finditer(folded):
        opened = _opening_bracket(folded, m.start())
        if opened == -1:
            continue
        sentence = folded.rfind("。", opened, m.start())
        note_start = max(sentence, opened) + 1
        names = []
        for a, b in _split_depth0(folded[note_start : m.start()], ",;"):
            clause = folded[note_start + a : note_start + b].strip()
            start = note_start + a + (b - a - len(folded[note_start + a : note_start + b].lstrip()))
            verbs = list(p.verb.finditer(clause))
            tail = clause[verbs[-1].end() :] if verbs else ""
            if verbs and verbs[0].start() and not (tail and not grammar()["verb_complement"].fullmatch(tail)):
                listed = _Reader(text, folded, False, "").names(start, start + verbs[0].start())
                if listed and all(is_placeholder(n) for n in listed):
                    names.extend(listed)
            elif not verbs and sentence != -1:
                # a sentence of its own after the list: the class of bodies closing a clause
                named = next(
                    (
                        clause[o.start() :]
                        for o in _PLACEHOLDER_OPENING.finditer(clause)
                        if o.start() and is_placeholder(clause[o.start() :])
                    ),
                    "",
                )
                if named and looks_like_unit(named):
                    names.append(compact(text[start + len(clause) - len(named) : start + len(clause)]))
        if names:
            out.append(StandingClause(opened, tuple(dict.fromkeys(names)), own_task=True))
    return out


def _label_value(f: str, start: int) -> str:
    """The text after a label up to the end of its clause."""
    end = _CLAUSE_END.search(f, start)
    return f[start : end.start() if end else len(f)]


_WHOLE_END = "。.)）]】〕!！?？”;；"
_CLAUSE_END = re.compile(r"[;,。)\]\n]")


def _opens_with_label(text: str) -> bool:
    """Whether a bracket's content opens with a label: 牵头单位：X, or 牵头单位 X with units after it."""
    if _patterns().label.match(text) or _patterns().verb_label.match(text):
        return True
    m = _patterns().bare_label.match(text)
    return m is not None and reads_as_units(_label_value(text, m.end()))


def _is_assignment_group(content: str, trailing: bool, cut: bool = False, notes: bool = True) -> bool:
    """Whether a bracket's content (folded, brackets removed) assigns units; a bare list of
    units counts only when the bracket closes its stretch of text (`（A、B）` after a task).
    cut: the bracket is left open by the end of an excerpt. notes: False when the document holds
    no first-listed-leads note (so the bracket holds none either)."""
    p = _patterns()
    text = content.strip().rstrip("。.")
    if _opens_with_label(text) or (notes and leftmost(p.first_lead, text)):
        return True
    text = _INNER_NOTE.sub(lambda m: "" if m.group(1) in p.verb_kind else m.group(), text)
    if "。" in text and not p.label.search(text, text.index("。")):
        text = text[: text.index("。")]  # [A牵头,B配合。以下…不再列出]: the first sentence assigns
    if len(text) > 600 or "。" in text:
        return False
    text = p.deadline_clause.sub("", text)  # （X负责，2024年6月底前完成）
    later_label = p.label.search(text)
    if later_label and later_label.start() and text[: later_label.start()].rstrip()[-1:] in (",", ";"):
        # （X牵头，Y配合，分管副市长：Z）: what comes before the label decides.
        text = text[: later_label.start()].rstrip(" ,;")
    verbs = list(p.verb.finditer(text))
    if verbs:
        tail = text[verbs[-1].end() :].strip()
        comma = tail.find(",")
        if cut and comma != -1 and (not comma or grammar()["verb_complement"].fullmatch(tail[:comma])):
            # 省A牵头，省B、省 / 省A牵头督导，省B、 — the excerpt ended before the closing verb: what
            # follows the lead (and its complement) reads as units.
            rest = tail[comma:].strip(", ")
            names = [rest[a:b] for a, b in _split_depth0(rest, "、")]
            return all(map(looks_like_unit, names[:-1]))
        # A closing verb may carry a short complement (牵头落实, 负责抓好落实; grammar.tsv verb_complement).
        if not tail or grammar()["verb_complement"].fullmatch(tail):
            return True
        # (A牵头，B、C): the units listed after a lead support it
        rest = tail.lstrip(", ")
        return (
            tail.startswith(",")
            and p.verb_kind[verbs[-1].group()] == "lead_verb"
            and all(looks_like_unit(rest[a:b]) for a, b in _split_depth0(rest, "、"))
        )
    if not trailing:
        return False  # a bare list of units assigns only where its bracket closes the stretch
    # a role noted after a name (市发改委（牵头）) is no part of it
    # (A、B，各市(县)、区政府): comma groups of 、-lists; an abbreviated name (农委) is read with the
    # prefix of its group's first unit
    items = [
        name
        for c, d in _split_depth0(text, ",")
        for name in _inherit(
            tuple(_without_role_note(text[c:d][a:b]) for a, b in _split_depth0(text[c:d], "、")), ""
        )
    ]
    if cut and items and not looks_like_unit(items[-1]):
        items = items[:-1]  # the last name may be cut mid-name (区大数据); a whole one counts (市政府办公室
    return bool(items) and all(looks_like_unit(item) for item in items)


def _without_role_note(name: str) -> str:
    note = _ROLE_NOTE.search(name)
    return name[: note.start()] if note and note.group(1) in _patterns().verb_kind else name


def _is_assignment_sentence(sentence: str) -> bool:
    p = _patterns()
    s = sentence.strip()
    if s[:1] not in p.sentence_openers:
        return _is_role_sentence(s)  # cheap test first: no label, 分工 or 由 can open this sentence
    if p.section_label.match(s) and (p.verb.search(s) or p.label.search(s)):
        return True
    if _opens_with_label(s):
        return True
    summary = p.summary.match(s)
    opens_with_by = s.startswith("由", summary.end() if summary else 0)
    return (opens_with_by and bool(p.verb.search(s)) and len(s) < 600) or _is_role_sentence(s)


def _is_role_sentence(s: str) -> bool:
    """A sentence made only of `units + role verb` clauses (X为牵头单位，Y、Z为配合单位。)."""
    body = s.rstrip(" 。.")
    if len(s) > 300 or not body.endswith(_patterns().verb_words):
        return False  # cheap test first: this runs on every sentence of the plan
    clauses = [s[a:b] for a, b in _split_depth0(body, ",;")]
    for clause in clauses:
        verbs = list(_patterns().verb.finditer(clause))
        if not verbs or clause[verbs[-1].end() :].strip():
            return False
        names = [clause[a:b] for a, b in _split_depth0(clause[: verbs[0].start()], "、")]
        if not all(looks_like_unit(n) and not grammar()["predicate_word"].search(n) for n in names):
            return False  # 各地要认真组织实施。: a duty in prose, no list of names
    return True


def _item_body_start(sentence: str, opens_item: bool) -> int | None:
    """Where a numbered item's body starts in `sentence` (after its numeral; 0 when the sentence already
    opens the body), or None when the sentence opens no item."""
    opening = HEADING_START.match(sentence)
    if opening is None and not opens_item:
        return None
    return opening.end() if opening else 0


_FIRST_CLAUSE_END = re.compile(r"[,(\[;:]")


def _subject_clause(sentence: str, opens_item: bool = False) -> tuple[int, int] | None:
    """(start, end) of units opening a numbered item as the subject of 负责/牵头 (1.县应急管理局负责
    尾矿库…的隐患排查治理工作; 2.A、B牵头负责…), when every name before the verb reads as a unit.
    opens_item: the sentence starts an item's body (its numeral already passed).

    >>> _subject_clause("1.县公安局负责道路交通的隐患排查治理工作")
    (2, 8)
    >>> _subject_clause("各地要负责落实") is None
    True
    """
    a = _item_body_start(sentence, opens_item)
    if a is None:
        return None  # only a numbered item opening with its unit; prose elsewhere is duties
    first_clause = _FIRST_CLAUSE_END.split(sentence[a : a + 60], maxsplit=1)[0]
    verb = _patterns().verb.search(first_clause)
    if verb is None or verb.start() == 0:
        return None
    if _patterns().verb_kind[verb.group()] not in ("lead_verb", "joint_verb"):
        return None
    names = [first_clause[c:d] for c, d in _split_depth0(first_clause[: verb.start()], "、")]
    if not all(looks_like_unit(n) and not is_placeholder(n) for n in names):
        return None
    return a, a + verb.end()


def _opening_role_clauses(sentence: str) -> tuple[int, int] | None:
    """(start, end) of the role clauses opening a sentence: units + 负责/牵头, then units + 配合
    (A、B负责，C配合，强化…), the 由A负责，B配合 form without its 由. Two role clauses at least: a
    sentence opening with one unit and 负责 alone is the unit's duty, not an assignment.

    >>> _opening_role_clauses("市商务局、市财政局负责,市税务局配合,做好出口企业的退税工作")
    (0, 18)
    >>> _opening_role_clauses("市商务局负责做好出口企业的退税工作") is None
    True
    """
    p = _patterns()
    comma = sentence.find(",")
    verb = p.verb.search(sentence, 0, comma) if comma != -1 else None
    if verb is None or not looks_like_unit(sentence[: verb.start()].rsplit("、", 1)[-1]):
        return None  # cheap test first: this runs on every sentence holding a role word
    clauses = _split_depth0(sentence, ",;")
    end = 0
    kinds: list[str] = []
    for a, b in clauses:
        clause = sentence[a:b].strip()
        verbs = list(p.verb.finditer(clause))
        if not verbs or verbs[0].start() == 0:
            break
        kind = p.verb_kind[verbs[0].group()]
        tail = clause[verbs[-1].end() :]
        if (tail and not grammar()["verb_complement"].fullmatch(tail)) or kind == "co_verb":
            break
        names = [clause[c:d] for c, d in _split_depth0(clause[: verbs[0].start()], "、")]
        # the subject names units; a later clause may name a placeholder (A负责，各有关部门配合)
        if not all(
            looks_like_unit(n)
            and not (is_placeholder(n) and not kinds)
            and not grammar()["predicate_word"].search(n)
            for n in names
        ):
            break
        kinds.append(kind)
        end = b
    if len(kinds) < 2 or kinds[0] not in ("lead_verb", "joint_verb") or kinds[1] != "support_verb":
        return None
    return 0, end


def _label_after_name(sentence: str, opens_item: bool = False) -> tuple[int, int] | None:
    """Span of a label following a short item name in the item's first sentence (1、技能培训,
    牵头单位：市人社局。): the label assigns the item, the name before it is the title.
    opens_item: the sentence starts an item's body (its numeral already passed).

    >>> _label_after_name("2、养老服务,牵头单位:市民政局")
    (7, 16)
    >>> _label_after_name("加强养老服务,牵头单位:市民政局") is None
    True
    """
    a = _item_body_start(sentence, opens_item)
    if a is None:
        return None  # an item's opening name only; a label inside prose elsewhere is not this form
    comma = sentence.find(",", a, a + _ITEM_NAME_MAX + 1)
    name = sentence[a:comma] if comma != -1 else ""
    if not name.strip() or name.count("(") != name.count(")") or name.count("[") != name.count("]"):
        return None  # no name, or the comma sits inside a bracket (X(牵头单位:A,配合单位:B))
    label = len(sentence) - len(sentence[comma + 1 :].lstrip())
    return (label, len(sentence)) if _opens_with_label(sentence[label:]) else None


_ITEM_NAME_MAX = 30  # the short name of a project or measure, not a clause of prose

_VERB_COMPLEMENT = re.compile(r"(?:[\u4e00-\u9fff]{1,4})?")


def _closing_by_clause(sentence: str) -> tuple[int, int] | None:
    """Span of a closing `，由X、Y负责(落实)` clause whose names all read as units, or of
    `，由X会同Y、Z等部门` before the work they are to do (研究提出落实意见), else None."""
    i = sentence.rfind(",由")
    if i == -1:
        return None
    clause = sentence[i + 1 :].rstrip(" 。.")
    verbs = list(_patterns().verb.finditer(clause))
    if not verbs:
        return None
    end = len(clause)
    # the closing verb may carry a short complement (负责落实, 牵头实施, 负责组织实施)
    if not _VERB_COMPLEMENT.fullmatch(clause[verbs[-1].end() :].strip()):
        group = _CO_GROUP.match(clause, verbs[0].end())
        if _patterns().verb_kind[verbs[0].group()] != "co_verb" or group is None:
            return None
        end = group.end()  # 由A会同B、C等部门研究…: A leads, B and C support
        partners = group.group(1)
        if not all(looks_like_unit(partners[c:d]) for c, d in _split_depth0(partners, "、")):
            return None
    names = [n for a, b in _split_depth0(clause[1 : verbs[0].start()], "、") for n in [clause[1 + a : 1 + b]]]
    return (i + 1, i + 1 + end) if names and all(looks_like_unit(n) for n in names) else None


# The partners after 会同 in prose, closed by 等部门 / 等单位 (由A会同B、C等部门研究提出…).
_CO_GROUP = re.compile(r"([^,;。]+?)等(?:有关|相关)?(?:部门|单位|机构)")


def _join_wrapped_lines(f: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin a labelled line or 由…牵头 sentence that a line wrap broke (`协同责任单位：A、B、` + `C`,
    or a name cut as `市财` + `政局、D`): the next line continues it when it ends with a list separator,
    or when it is short, opens no heading or label and ends no sentence."""
    p = _patterns()
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and f[out[-1][1] : out[-1][1] + 1] == "\n":
            pa, pb = out[-1]
            previous, line = f[pa:pb].strip(), f[a:b].strip()
            if (
                previous
                and line
                and not p.label.match(line)
                and (
                    previous.endswith(("、", ","))
                    or (
                        len(line) <= 30
                        and not HEADING_START.match(line)
                        and not p.section_label.match(line)
                        and all(looks_like_unit(line[c:d]) for c, d in _split_depth0(line, "、,")[1:])
                    )
                )
                # the costly test last: most lines go on with no continuation at all
                and (p.label.match(previous) or _is_assignment_sentence(previous))
            ):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


@lru_cache(maxsize=4)
def _ruby_free(text: str, folded: str) -> tuple[str, str, tuple[int, ...]]:
    """The text and its folded form without the pinyin readings bracketed after characters
    (負(fù)責(zé)落實(shí) -> 負責落實), and where each kept character stood in the original."""
    # A mask of the characters kept, read by compress (mypyc cannot compile a loop over a bytearray).
    keep = bytearray(b"\1") * len(text)
    for start, end in pinyin_readings(folded):  # syllables only: 附件(data) stays
        keep[start:end] = bytes(end - start)
    kept = tuple(compress(range(len(keep)), keep))
    return "".join(text[i] for i in kept), "".join(folded[i] for i in kept), kept


def _has_readings(text: str, folded: str) -> bool:
    """Whether `folded` holds pinyin readings to read around (a bracketed English gloss,
    人(people), is none: nothing would be dropped). The bracket scan first: it rules most texts out."""
    return _RUBY.search(folded) is not None and len(_ruby_free(text, folded)[2]) < len(text)


@lru_cache(maxsize=8)
def _capturing(pattern: re.Pattern) -> re.Pattern:
    """`pattern` as one capturing group, for split (the patterns indexed have no group of their own)."""
    if pattern.groups:
        raise ValueError(f"an indexed pattern has no groups: {pattern.pattern[:40]}")
    return re.compile(f"({pattern.pattern})", pattern.flags)


class _MatchIndex:
    """Where a pattern matches a text (one finditer over the whole text), to tell whether it matches
    in a stretch (pattern.search(text, a, b)) without scanning the stretch again.

    For patterns whose match at a position does not depend on where the stretch ends past it
    (literal phrases, a bracketed reading): a position no whole-text match covers opens no match in
    any stretch, so only a match reaching over a stretch's edge leaves the answer to the search.

    >>> index = _MatchIndex(re.compile("牵头单位|牵头"), "甲牵头单位乙")
    >>> index.found_in(0, 6), index.found_in(0, 3), index.found_in(0, 2), index.found_in(2, 6)
    (True, True, False, False)
    """

    def __init__(self, pattern: re.Pattern, text: str):
        self.pattern, self.text = pattern, text
        # split by the pattern in a group alternates text between matches and matches: the running
        # sum of their lengths gives each match's start and end with no Match object made (a plan
        # holds hundreds of role words)
        edges = list(accumulate(map(len, _capturing(pattern).split(text))))
        self.starts, self.ends = edges[0:-1:2], edges[1::2]

    def found_in(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, a)
        if i and self.ends[i - 1] > a:  # a match reaching over the start: a shorter one may open inside
            return self.pattern.search(self.text, a, b) is not None
        if i < len(self.starts) and self.starts[i] < b:
            return self.ends[i] <= b or self.pattern.search(self.text, a, b) is not None
        return False


_NOT_BLANK = re.compile(r"[^ \t]")
_NOT_CLOSING = re.compile(r"[^ \t\n。.;]")


class StatementFinder:
    """find_statements over one document, asked stretch by stretch (assembly asks for each item's
    body, each 分工 paragraph, each section's opening: ~80 stretches a document). What does not
    depend on the stretch is found once: where role words and pinyin readings stand, where the text
    ends, whether it holds a first-listed-leads note; each distinct statement is read once (`read`,
    shared with the finder of the text without its readings).

    >>> text = "1.推进X。（牵头单位：A局）2.推进Y。（B局牵头）"
    >>> finder, second = StatementFinder(text, first_lead_from=None), text.index("2.")
    >>> [s.lead for s in finder.find(0, second)], [s.lead for s in finder.find(second, len(text))]
    ([('A局',)], [('B局',)])
    """

    def __init__(
        self,
        text: str,
        folded: str | None = None,
        *,
        first_lead_from: int | None,
        first_lead_until: int | None = None,
        jurisdiction: str = "",
        read: dict | None = None,
    ):
        """folded: fold(text) when the caller has it. first_lead_from/until: the stretch of the
        document where the first-listed-leads convention holds (None: nowhere)."""
        folded = fold(text) if folded is None else folded
        self.text, self.folded = text, folded
        self.first_lead_from, self.first_lead_until = first_lead_from, first_lead_until
        self.jurisdiction = jurisdiction
        self.read = {} if read is None else read  # statements read, by text and convention
        self.markers = _MatchIndex(_patterns().any_marker, folded)
        self.readings = _MatchIndex(_RUBY, folded)
        self._plain: StatementFinder | None = None
        self.text_end = len(text.rstrip())
        # a statement running to the end of a text cut off mid-sentence (a page opening) may end in a cut name
        self.cut_text = self.text_end > 0 and text[self.text_end - 1] not in _WHOLE_END
        # The note's forms have no anchor: one inside a statement is one in the text.
        self.notes = leftmost(_patterns().first_lead, folded) is not None

    def find(self, start: int, end: int, keep_empty: bool = False) -> list[Statement]:
        """Assignment statements inside text[start:end], in order (find_statements)."""
        f = self.folded
        readings = self.readings
        if readings.starts and readings.found_in(start, end) and _has_readings(self.text, f):
            return self._find_without_readings(start, end, keep_empty)
        p = _patterns()
        if (
            not self.markers.found_in(start, end)
            and f.find("(", start, end) == -1
            and f.find("[", start, end) == -1
        ):
            return []  # no role word and no bracket: nothing can assign here
        found: list[tuple[int, int]] = []
        stretch = f[start:end]
        pieces = _split_depth0(stretch, "。\n", start)
        if "\n" in stretch:  # no line break: no wrapped line to rejoin
            pieces = _join_wrapped_lines(f, pieces)
        starts, ends, count = self.markers.starts, self.markers.ends, len(self.markers.starts)
        k = bisect_left(starts, start)  # the first role word at or after the piece, kept in step
        for a, b in pieces:
            while a < b and f[a] in " \t":
                a += 1
            if a == b:
                continue
            while k < count and starts[k] < a:
                k += 1
            # most sentences name no role: the index rules them out (no role word opens inside the
            # piece, none reaches into it), else asks the exact question
            if (k == count or starts[k] >= b) and not (k and ends[k - 1] > a):
                continue
            if not self.markers.found_in(a, b):
                continue
            sentence = f[a:b]
            if _is_assignment_sentence(sentence):
                found.append((a, min(b + 1, end) if b < end and f[b] == "。" else b))
                continue
            clause = _closing_by_clause(sentence)
            if clause is not None:
                found.append((a + clause[0], a + clause[1]))
                continue
            subject = (
                _subject_clause(sentence, opens_item=a == start)
                or _opening_role_clauses(sentence)
                or _label_after_name(sentence, opens_item=a == start)
            )
            if subject is not None:
                found.append((a + subject[0], a + subject[1]))
        groups = bracket_groups(stretch)
        for a, b in groups:
            a, b = start + a, start + b
            if any(x <= a and b <= y for x, y in found):
                continue
            # what follows the bracket, found by searching on from it (no copy of the stretch's rest)
            next_char = _NOT_BLANK.search(f, b, end)
            follower = next_char.group() if next_char else ""
            closes = _NOT_CLOSING.search(f, b, end) is None or follower in ("。", ";", "\n")
            if follower == "," and not p.label.match(f[a + 1 : b - 1].strip()):
                continue  # a clarification inside a sentence (…实施（技工院校内由X负责），…), not its assignment
            # only the last group can be one the stretch's end left open
            cut = b == start + groups[-1][1] and (f[b - 1] not in ")]" or not _is_closed(f[a:b]))
            if _is_assignment_group(f[a + 1 : b - (0 if cut else 1)], closes, cut, self.notes):
                found.append((a, b))
        statements = []
        for a, b in sorted(found):
            first_lead = (
                self.first_lead_from is not None
                and self.first_lead_from <= b
                and (self.first_lead_until is None or a <= self.first_lead_until)
            )
            key = (self.text[a:b], first_lead, self.jurisdiction, self.cut_text and b >= self.text_end)
            read = self.read.get(key)
            if read is None:
                read = self.read[key] = _read_statement(*key, f[a:b], notes=self.notes)
            statement = read.at((a, b))
            if statement.assigns or statement.deadline or keep_empty:
                statements.append(statement)
        return statements

    def _find_without_readings(self, start: int, end: int, keep_empty: bool) -> list[Statement]:
        """find over a stretch printed with pinyin readings (各區(qū)、市政府負(fù)責(zé)落實(shí)): read on
        the text without them, so role words split by a reading are found; spans are the original's."""
        plain, plain_folded, kept = _ruby_free(self.text, self.folded)

        def inward(i: int) -> int:
            return bisect_left(kept, i)

        def outward(i: int) -> int:
            return kept[i - 1] + 1 if i else kept[0] if kept else 0

        if self._plain is None:
            self._plain = StatementFinder(
                plain,
                plain_folded,
                first_lead_from=None if self.first_lead_from is None else inward(self.first_lead_from),
                first_lead_until=None if self.first_lead_until is None else inward(self.first_lead_until),
                jurisdiction=self.jurisdiction,
                read=self.read,
            )
        found = self._plain.find(inward(start), inward(end), keep_empty)
        return [
            st.at((kept[st.span[0]] if st.span[0] < len(kept) else len(self.text), outward(st.span[1])))
            for st in found
        ]


def find_statements(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    folded: str | None = None,
    first_lead_from: int | None = None,
    first_lead_until: int | None = None,
    jurisdiction: str = "",
    keep_empty: bool = False,
) -> list[Statement]:
    """Assignment statements inside text[start:end], in order.

    A statement is a bracket group that assigns (labels, a closing role verb, a bare list of
    units) or a sentence/line opening with 分工: / a label / 由…牵头. first_lead_from/until: the
    stretch of the document where the first-listed-leads convention holds. keep_empty: also
    statements left with no unit (责任单位:区 cut by the end of an excerpt). To ask about many
    stretches of one document, keep a StatementFinder: it indexes the document once.

    >>> [s.lead for s in find_statements("1.推进X。（牵头单位：A局）2.推进Y。（B局牵头）")]
    [('A局',), ('B局',)]
    """
    finder = StatementFinder(
        text,
        folded,
        first_lead_from=first_lead_from,
        first_lead_until=first_lead_until,
        jurisdiction=jurisdiction,
    )
    return finder.find(start, len(text) if end is None else end, keep_empty)
