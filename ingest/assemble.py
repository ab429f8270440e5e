"""Assembly: cleaned text -> Plan (sections, tasks with roles and provenance).

Decides which blocks are tasks (numbered or bulleted measures; not goals, principles or
organisation paragraphs unless they carry an assignment), where each assignment statement
belongs (the task, or its whole section when stated once), and carries section leads down; a
heading whose own assignment no item takes is a task itself, and a standing clause (以下…均需A落实，
不再列出) hands its placeholders to every later task. An item that is only a heading line over its
(1)(2) sub-points has them as its tasks; an item whose whole text names a place (a ranking of
places) is none.
Pure; cost linear in the text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from policygraph.ingest.clean import fold, fold_characters, fold_name, nest_angle_brackets
from policygraph.ingest.extract import (
    StandingClause,
    Statement,
    StatementFinder,
    names_a_role,
    standing_clauses,
)
from policygraph.ingest.grammar import grammar, leftmost
from policygraph.ingest.knowledge import knowledge
from policygraph.ingest.meta import (
    doc_number_of,
    head_lines,
    jurisdiction_of,
    parents_of,
    period_of,
    plan_level,
    plan_title,
)
from policygraph.ingest.places import divisions_named
from policygraph.ingest.records import ROLE_MEMBERS, Assignment, Plan, Role, Section, Task
from policygraph.ingest.segment import Block, find_blocks, heading_title
from policygraph.ingest.tables import find_tables
from policygraph.ingest.units import normalize_unit


class _Item:
    """A numbered or bulleted item while the outline is read: its block, where it ends, whether it
    sits under a goal label, its assignment paragraphs and its (1)(2) sub-points on lines of their
    own. (A plain slotted class: an outline makes one per item, and a dataclass with list defaults
    is several times slower to build.)"""

    __slots__ = ("assigns", "block", "end", "goal", "points")

    def __init__(self, block: Block, end: int, goal: bool):
        self.block, self.end, self.goal = block, end, goal
        self.assigns: list[Block] = []
        self.points: list[Block] = []


class _Container:
    """A chapter, a section, or the document root, while it is being filled: its heading block
    (None for the root), the chapter above a section, the sections of a chapter (the chapters of
    the root), its items and assignment paragraphs, where its first entry starts and where it
    ends, its title, its statements once read, and its path (三, 三.(一); the root's is '').
    (A plain slotted class: a dataclass with list defaults is several times slower to build.)"""

    __slots__ = (
        "block",
        "chapter",
        "children",
        "end",
        "first_entry",
        "items",
        "path",
        "section_assigns",
        "statements",
        "title",
    )

    def __init__(self, block: Block | None, chapter: _Container | None = None, end: int = 0, title: str = ""):
        self.block, self.chapter, self.end, self.title = block, chapter, end, title
        self.children: list[_Container] = []
        self.items: list[_Item] = []
        self.section_assigns: list[Block] = []
        self.first_entry: int | None = None
        self.statements: list[Statement] = []
        if block is None:
            self.path = ""
        elif chapter is not None and chapter.block is not None:
            self.path = f"{chapter.block.marker}.{block.marker}"
        else:
            self.path = block.marker

    @property
    def heading(self) -> Block:
        """The heading block of a chapter or section (every container but the root has one)."""
        assert self.block is not None, "the document root has no heading"
        return self.block


_NOTE_END = re.compile(r"[)\]。\n]")


class _Context:
    """Document-wide inputs of assembly."""

    def __init__(self, text: str, folded: str, jurisdiction: str):
        self.text, self.folded, self.jurisdiction = text, folded, jurisdiction
        self.text_end = len(text.rstrip())
        self.nontask = _title_words("nontask_heading", "guarantee_heading")
        self.guarantee = _title_words("guarantee_heading")
        self.first_lead_from: int | None = None
        self.first_lead_until: int | None = None
        m = leftmost(grammar()["first_lead"], folded)  # the whole text: the fast form of search
        if m:
            self.first_lead_from = m.start()
            # 下同 closes the note the convention stands in, after any clause beside it
            # (列在首位的为牵头单位,有关部门和单位按职责分工负责,下同)
            note_end = _NOTE_END.search(folded, m.end(), m.end() + 60)
            carry = grammar()["carry_on"].search(
                folded, m.end(), note_end.start() if note_end else m.end() + 20
            )
            if not carry:
                line_end = folded.find("\n", m.end())
                self.first_lead_until = len(folded) if line_end == -1 else line_end
        self.finder = StatementFinder(  # indexes the document once, reads each statement once
            text,
            folded,
            first_lead_from=self.first_lead_from,
            first_lead_until=self.first_lead_until,
            jurisdiction=jurisdiction,
        )

    def ends_excerpt(self, end: int) -> bool:
        """Whether `end` is the end of the text (nothing but spaces after it)."""
        return end >= self.text_end

    def statements(self, start: int, end: int, keep_empty: bool = False) -> list[Statement]:
        if end <= start:
            return []
        return self.finder.find(start, end, keep_empty)

    def is_nontask(self, container: _Container | None) -> bool:
        return self._titled(container, self.nontask)

    def is_guarantee(self, container: _Container | None) -> bool:
        """A top-level heading (a chapter, or a section with no chapter above it) of organisational
        guarantees; a section of that name inside a chapter of measures (强化监督检查) stays a measure."""
        top = container is not None and container.block is not None and container.chapter is None
        return top and self._titled(container, self.guarantee)

    @staticmethod
    def _titled(container: _Container | None, words: re.Pattern) -> bool:
        return (
            container is not None
            and container.block is not None
            and bool(words.search(fold_name(container.title)))
        )


@lru_cache(maxsize=4)
def _title_words(*kinds: str) -> re.Pattern:
    """The heading words of `kinds` as one pattern: one scan of a title instead of one per word."""
    return re.compile(knowledge().alternation(*kinds) or "(?!)")


def _outline(blocks: list[Block], ctx: _Context) -> _Container:
    """Blocks -> containers (root > chapters > sections) holding items and assignment paragraphs."""
    root = _Container(None, end=len(ctx.text))
    chapter: _Container | None = None
    current = root
    open_item: _Item | None = None
    goal_mode = False
    folded, text = ctx.folded, ctx.text
    for i, block in enumerate(blocks):
        kind, end = block.kind, block.end
        if kind == "chapter" or kind == "section":
            container = _Container(
                block,
                chapter=chapter if kind == "section" else None,
                end=end,
                title=heading_title(folded, text, block),
            )
            if kind == "chapter":
                chapter = container
                root.children.append(container)
            else:
                (chapter or root).children.append(container)
            current, open_item, goal_mode = container, None, False
            continue
        if end > current.end:
            current.end = end
        if current.chapter is not None and end > current.chapter.end:
            current.chapter.end = end
        if current.first_entry is None:
            current.first_entry = block.start
        if kind == "label":
            # the blocks up to the next heading, by index (a copy of the rest per label is quadratic)
            upto = next(
                (j for j in range(i + 1, len(blocks)) if blocks[j].kind in ("chapter", "section")),
                len(blocks),
            )
            goal_mode = block.label == "goal" and any(
                blocks[j].label == "measure" for j in range(i + 1, upto)
            )
            open_item = None
        elif kind == "assign":
            if open_item is not None:
                open_item.assigns.append(block)
            else:
                current.section_assigns.append(block)
        else:
            task_kind = current.items[0].block.kind if current.items else kind
            if kind != task_kind and open_item is not None:
                open_item.end = end  # a sub-point of the open item
                if kind == "paren":
                    open_item.points.append(block)
                continue
            open_item = _Item(block, end, goal_mode)
            current.items.append(open_item)
    return root


def _settle_assign_paragraphs(container: _Container) -> None:
    """An assignment paragraph after the last of several items, with no item having its own,
    is stated once for the section; otherwise each belongs to the item it follows."""
    with_own = [item for item in container.items if item.assigns]
    if len(with_own) == 1 and with_own[0] is container.items[-1] and len(container.items) >= 2:
        container.section_assigns.extend(with_own[0].assigns)
        with_own[0].assigns = []


class _Merged(NamedTuple):
    """The statements of one stretch (a task, or a section stated once), merged in order: names per
    role, the joint names that came under a 责任单位 label, placeholders, people, deadline, texts.
    (This and the other records made per task are named tuples: built several times faster than a
    frozen dataclass, whose __init__ sets each field through object.__setattr__.)"""

    roles: tuple[tuple[str, ...], ...]  # names per role, in ROLE_MEMBERS order (lead, support, joint)
    responsible: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadline: str = ""
    texts: tuple[str, ...] = ()


# Statement's field per role, in ROLE_MEMBERS order (lead, support, joint: a test holds the records
# to it), the order every per-role tuple here follows and a task lists its units in
_ROLE_FIELDS = ("lead", "support", "joint")
_NO_STATEMENTS = _Merged(roles=((),) * len(ROLE_MEMBERS))


def _merge(statements: list[Statement]) -> _Merged:
    if not statements:  # most stretches state nothing: one shared record
        return _NO_STATEMENTS
    if len(statements) == 1:  # the usual case: one statement, nothing to merge
        s = statements[0]
        return _Merged(
            (s.lead, s.support, s.joint), s.responsible, s.vague, s.leaders, s.deadline, (s.text.strip(),)
        )

    def collect(values) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for group in values for v in group))

    return _Merged(
        roles=tuple(collect(getattr(s, name) for s in statements) for name in _ROLE_FIELDS),
        responsible=collect(s.responsible for s in statements),
        vague=collect(s.vague for s in statements),
        leaders=collect(s.leaders for s in statements),
        deadline=next((s.deadline for s in statements if s.deadline), ""),
        texts=tuple(s.text.strip() for s in statements),
    )


@lru_cache(maxsize=16384)
def _assignment(name: str, jurisdiction: str, role: int, inherited: bool) -> Assignment:
    """One record per unit, role (its index in ROLE_MEMBERS: a Role hashes through a Python-level
    Enum.__hash__, slow as a cache key) and flag: records are immutable and plans repeat them task
    after task."""
    return Assignment(normalize_unit(name, jurisdiction), ROLE_MEMBERS[role], inherited)


_LEAD, _JOINT = ROLE_MEMBERS.index(Role.LEAD), ROLE_MEMBERS.index(Role.JOINT)


class _Outer(NamedTuple):
    """The stretches stated for a task's section and chapter, nearest first, and per role the
    assignments a task naming nobody in that role takes from the nearest one naming some (None
    where none does): the same for every item of a section, so worked out once for all of them."""

    stretches: list[_Merged]
    taken: tuple[tuple[Assignment, ...] | None, ...]


def _outer(stretches: list[_Merged], jurisdiction: str) -> _Outer:
    if all(stretch is _NO_STATEMENTS for stretch in stretches):
        return _Outer(stretches, _NOTHING_TAKEN)  # most sections and chapters state nothing
    taken = []
    for index in range(len(ROLE_MEMBERS)):
        names = next((outer.roles[index] for outer in stretches if outer.roles[index]), ())
        taken.append(tuple([_assignment(n, jurisdiction, index, True) for n in names]) if names else None)
    return _Outer(stretches, tuple(taken))


_NOTHING_TAKEN = (None,) * len(ROLE_MEMBERS)


def _statements_of_container(container: _Container, ctx: _Context) -> list[Statement]:
    if container.block is None:
        # the document root: only its assignment paragraphs (以上工作由A牵头 after items with no
        # heading above them, an excerpt's usual form); its preamble is the notice, not an assignment
        found = []
        for block in container.section_assigns:
            found.extend(ctx.statements(block.start, block.end))
        return found
    intro_end = container.first_entry if container.first_entry is not None else container.block.end
    found = ctx.statements(container.block.body, intro_end)
    for block in container.section_assigns:
        found.extend(ctx.statements(block.start, block.end))
    return found


def _has_body(container: _Container, ctx: _Context) -> bool:
    """Whether a heading is followed by text of its own beyond its title (not an outline entry)."""
    text = ctx.folded[container.heading.body : max(container.end, container.heading.end)]
    title_end = min((i for i in (text.find("。"), text.find("\n")) if i != -1), default=len(text))
    return len(text[title_end:].strip(" 。\n")) >= 30


def _walk(container: _Container):
    yield container
    for child in container.children:
        yield from _walk(child)


def _clip_title_at_statement(text: str, body: int, title: str, statements: list[Statement]) -> str:
    """Cut a heading's title where an assignment statement starts (推进X（牵头单位：Y） -> 推进X);
    a statement opening the title (县公安局负责…: its subject) leaves it whole."""
    if not statements:  # most items: nothing to cut at
        return title
    first = statements[0].span[0] if len(statements) == 1 else min(st.span[0] for st in statements)
    if first < body + len(title) and text[body:first].strip():
        return text[body:first].strip().rstrip("。.;；:：,，、 ")
    return title


def _section_record(container: _Container, merged: _Merged, jurisdiction: str) -> Section:
    title = container.title
    kinds = knowledge().section_kinds
    kind = "other"
    if title.endswith(_section_words()):  # one test for the usual title, which ends in none
        kind = next(k for word, k in kinds.items() if title.endswith(word))
    # Every field set at once, as in _task: a plan makes one per heading.
    section = object.__new__(Section)
    section.__dict__.update(
        path=container.path,
        title=title,
        kind=kind,
        span=(container.heading.start, max(container.end, container.heading.end)),
        assignment_text="\n".join(merged.texts),
        assignments=tuple(
            _assignment(n, jurisdiction, index, False)
            for index, names in enumerate(merged.roles)
            for n in names
        ),
        vague=merged.vague,
    )
    return section


@lru_cache(maxsize=1)
def _section_words() -> tuple[str, ...]:
    """The title endings of section kinds, as str.endswith takes them."""
    return tuple(knowledge().section_kinds)


class _Subtask(NamedTuple):
    """One sub-task of a numbered item: the item itself (first) or the stretch after one of its
    assignment brackets up to the next."""

    path: str
    title: str
    span: tuple[int, int]
    statements: list[Statement]
    first: bool


_SUFFIXES = "bcdefghijklmnopqrstuvwxyz"
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{6}")


def _subtasks(
    ctx: _Context, path: str, body: int, end: int, heading: str, statements: list[Statement]
) -> list[_Subtask]:
    """Several assignment brackets inside one numbered item, each followed by more measures, make
    sub-tasks N, Nb, Nc (the first bracket belongs to the item heading); each later sub-task is
    titled by the first clause after the bracket before it."""
    # a cut needs two assignments inside: the usual item, with one statement, is one task
    inside = (
        [st for st in statements if body <= st.span[0] and st.span[1] <= end and st.assigns]
        if len(statements) >= 2
        else ()
    )
    if len(inside) < 2:
        title = _clip_title_at_statement(ctx.text, body, heading, statements)
        return [_Subtask(path, title, (body, end), statements, True)]
    inside.sort(key=lambda st: st.span)
    # A bracket followed by more measures ends a sub-task; so does a prose assignment opening a
    # sentence of its own between measures (…工作。A负责，B配合，强化…): it starts the next one.
    ends = [st.span[0] for st in inside[2:]] + [end]
    cuts = [
        st.span[1] if ctx.folded[st.span[0]] in "([" else after.span[0]
        for (st, after), next_start in zip(pairwise(inside), ends, strict=False)
        if _CJK_RUN.search(ctx.folded[st.span[1] : after.span[0]])
        and (
            ctx.folded[st.span[0]] in "(["
            or (
                _opens_sentence(ctx.folded, after.span[0])
                and _CJK_RUN.search(ctx.folded[after.span[1] : next_start])
            )
        )
    ]
    if not cuts:
        title = _clip_title_at_statement(ctx.text, body, heading, statements)
        return [_Subtask(path, title, (body, end), statements, True)]
    bounds = [body, *cuts, end]
    parts = []
    for k, (a, b) in enumerate(pairwise(bounds)):
        mine = [st for st in statements if a <= st.span[0] < b or (k == 0 and not body <= st.span[0] < end)]
        if k == 0:
            title = _clip_title_at_statement(ctx.text, body, heading, mine)
        else:
            while a < b and ctx.folded[a] in "。.;, \n":
                a += 1
            stop = min(i for i in (ctx.folded.find("。", a, b), ctx.folded.find("\n", a, b), b) if i != -1)
            title = _clip_title_at_statement(ctx.text, a, ctx.text[a:stop].strip(), mine)
        parts.append(_Subtask(path + (_SUFFIXES[k - 1] if k else ""), title, (a, b), mine, k == 0))
    return parts


def _opens_sentence(folded: str, start: int) -> bool:
    """Whether a prose statement at `start` opens a sentence of its own (…工作。A负责，B配合，…): after
    other measures, it starts a sub-task as a bracket's end does."""
    i = start  # backwards over spaces: no copy of the text before `start`
    while i and folded[i - 1] in " \t":
        i -= 1
    return not i or folded[i - 1] in "。\n"


def _item_tasks(container: _Container, outer: list[_Merged], ctx: _Context, nontask: bool) -> list[Task]:
    """Tasks of a container's numbered/bulleted items: goals and items of principle or organisation
    chapters are skipped unless they carry an assignment of their own."""
    if not container.items:
        return []
    inherited = _outer(outer, ctx.jurisdiction)
    tasks, dash_count, assigned_before = [], 0, False
    for item in container.items:
        own_statements = ctx.statements(item.block.body, item.end)
        for block in item.assigns:
            own_statements.extend(ctx.statements(block.start, block.end))
        assigned = bool(own_statements) and any(st.assigns for st in own_statements)
        # The last item of an excerpt cut before its assignment line, among assigned items, is one
        # of them (gold: a task cut off by the end of an excerpt is listed with what is visible).
        cut_off = assigned_before and item is container.items[-1] and ctx.ends_excerpt(item.end)
        assigned_before = assigned_before or assigned
        if not assigned and (item.goal or nontask) and not cut_off:
            continue
        if not assigned and _names_a_place_only(ctx.folded[item.block.body : item.end]):
            continue  # a ranking of places (1、金寨县；2、裕安区；…) lists no measure
        if item.block.kind == "dash":
            dash_count += 1
            marker = f"——{dash_count}"
        else:
            marker = item.block.marker
        end = max(item.end, *(b.end for b in item.assigns)) if item.assigns else item.end
        path = f"{container.path}.{marker}" if container.path else marker
        if item.points and _headed_points(item, ctx, own_statements):
            tasks.extend(_point_tasks(item, path, own_statements, container, outer, ctx))
            continue
        heading = heading_title(ctx.folded, ctx.text, item.block)
        for part in _subtasks(ctx, path, item.block.body, end, heading, own_statements):
            start = item.block.start if part.first else part.span[0]
            tasks.append(_task(part, container, start, _merge(part.statements), inherited, ctx))
    return tasks


def _headed_points(item: _Item, ctx: _Context, statements: list[Statement]) -> bool:
    """Whether an item is only a heading line over its (1)(2) sub-points (2.专题报道 / (1)… / (2)…):
    the heading names a group of measures, each sub-point is one. An item with text of its own
    before them (3.危房改造:(1)…。(2)…) stays one task; so does one whose points run on inside its
    paragraph (1.加强管理。(1)…。(2)…。(A牵头)) unless two of them carry assignments of their own."""
    points = item.points
    cut_single = (
        len(points) == 1 and ctx.ends_excerpt(item.end) and "。" not in ctx.folded[points[0].start : item.end]
    )
    if len(points) < 2 and not cut_single:
        return False  # one sub-point is a heading's only where an excerpt cut the others off mid-sentence
    if any(p.inline for p in points):
        bounds = [p.start for p in points[1:]] + [item.end]
        assigned = sum(
            any(st.assigns and p.start <= st.span[0] < stop for st in statements)
            for p, stop in zip(points, bounds, strict=True)
        )
        if assigned < 2:
            return False
    heading = ctx.folded[item.block.body : item.points[0].start].strip()
    if heading.endswith("。") and not any(c in heading for c in ",:"):
        heading = heading[:-1]  # a bare title with its period (1.深化X改革。(1)…), not a sentence
    return bool(heading) and not any(c in heading for c in "。;\n")


def _point_tasks(
    item: _Item,
    path: str,
    statements: list[Statement],
    container: _Container,
    outer: list[_Merged],
    ctx: _Context,
) -> list[Task]:
    """Tasks of the sub-points under a heading-only item, paths N.(1), N.(2); an assignment stated
    for the item (on its heading line or after its last point) holds for each point without one."""
    points = item.points
    bounds = [p.start for p in points[1:]] + [item.end]
    stated = [st for st in statements if not points[0].start <= st.span[0] < item.end]
    inherited = _outer([_merge(stated), *outer] if stated else outer, ctx.jurisdiction)
    tasks = []
    for point, stop in zip(points, bounds, strict=True):
        own = [st for st in statements if point.start <= st.span[0] < stop]
        heading = heading_title(ctx.folded, ctx.text, point)
        for part in _subtasks(ctx, f"{path}.{point.marker}", point.body, stop, heading, own):
            start = point.start if part.first else part.span[0]
            tasks.append(_task(part, container, start, _merge(part.statements), inherited, ctx))
    return tasks


def _names_a_place_only(body: str) -> bool:
    """Whether an item's whole text is the name of an administrative division (ingest/data/divisions.tsv)."""
    name = body.strip(" \t\n。.;,、")
    return 0 < len(name) <= 12 and bool(divisions_named(name))


def _task(
    part: _Subtask, section: _Container, start: int, own: _Merged, outer: _Outer, ctx: _Context
) -> Task:
    """The Task record of one (sub-)task `part` under `section`, its text from `start`; its roles
    the ones its own stretch `own` states, per role, else the nearest section's/chapter's (inherited)."""
    jurisdiction = ctx.jurisdiction
    lead, support, joint = own.roles
    if own.responsible and (lead or outer.taken[_LEAD] is not None):
        # 责任单位 on a line of its own under a 牵头单位 line, or under a lead stated for the whole
        # section: they support that lead.
        support = support + tuple(n for n in joint if n in own.responsible)
        joint = tuple(n for n in joint if n not in own.responsible)
    assignments: list[Assignment] = []
    used_inherited = False
    for index, names in enumerate((lead, support, joint)):
        if names:
            assignments += [_assignment(n, jurisdiction, index, False) for n in names]
        elif (taken := outer.taken[index]) is not None:
            assignments += taken
            used_inherited = True
    vague, leaders, texts, deadline = own.vague, own.leaders, own.texts, own.deadline
    if outer.stretches and (used_inherited or not texts):
        all_vague, all_leaders, all_texts = list(vague), list(leaders), list(texts)
        for stretch in outer.stretches:
            if used_inherited or not all_texts:
                all_vague.extend(v for v in stretch.vague if v not in all_vague)
                all_leaders.extend(v for v in stretch.leaders if v not in all_leaders)
                all_texts.extend(t for t in stretch.texts if t not in all_texts)
                deadline = deadline or stretch.deadline
        vague, leaders, texts = tuple(all_vague), tuple(all_leaders), tuple(all_texts)
    # Every field set at once: a frozen dataclass's __init__ sets each one through
    # object.__setattr__, several times slower, and a plan makes one per task.
    task = object.__new__(Task)
    task.__dict__.update(
        path=part.path,
        section=section.title,
        section_path=section.path,
        title=part.title,
        text=ctx.text[start : part.span[1]],
        span=(start, part.span[1]),
        assignment_text="\n".join(texts),
        assignments=tuple(assignments),
        vague=vague,
        leaders=leaders,
        note="",
        deadline=deadline,
    )
    return task


def _heading_tasks(
    container: _Container, chapter: _Container | None, chapter_merged: list[_Merged], ctx: _Context
) -> list[Task]:
    """A heading with no items below it that is itself a task ((一)推进X（牵头单位：Y）), split into
    sub-tasks at its inner assignment brackets."""
    end = max(container.end, container.heading.end)
    tasks = []
    parts = _subtasks(ctx, container.path, container.heading.body, end, container.title, container.statements)
    inherited = _outer(chapter_merged, ctx.jurisdiction)
    for part in parts:
        start = container.heading.start if part.first else part.span[0]
        tasks.append(_task(part, chapter or container, start, _merge(part.statements), inherited, ctx))
    return tasks


def build_plan(text: str, source: str = "", metadata: str = "") -> Plan:
    """The Plan of a cleaned text. Input: output of clean.clean, and the page metadata lines clean
    dropped (clean.page_metadata: 来源:…, which may name the issuer). Cost: linear in the text."""
    characters = fold_characters(text)  # the id's digest is of this view
    folded = nest_angle_brackets(characters)
    blocks = find_blocks(folded)
    tables = find_tables(text, folded)
    lines = head_lines(text)
    head_end = min([blocks[0].start if blocks else len(text)] + [t.span[0] for t in tables[:1]])
    title = plan_title(lines)
    jurisdiction = jurisdiction_of(title, text[:head_end], folded, metadata)
    ctx = _Context(text, folded, jurisdiction)
    outside = (
        [b for b in blocks if not any(t.span[0] <= b.start < t.span[1] for t in tables)] if tables else blocks
    )
    root = _outline(outside, ctx)

    containers = list(_walk(root))
    merged = {}
    for container in containers:
        _settle_assign_paragraphs(container)
        container.statements = _statements_of_container(container, ctx)
        merged[id(container)] = _merge(container.statements)
        if container.block is not None:
            container.title = _clip_title_at_statement(
                text, container.block.body, container.title, container.statements
            )
    any_items = bool(tables) or any(c.items for c in containers)
    headed = [c for c in containers if c.block is not None]

    tasks: list[Task] = []
    for container in headed:
        chapter = container.chapter if container.block.kind == "section" else None
        chapter_merged = [merged[id(chapter)]] if chapter is not None else []
        if ctx.is_guarantee(container) or ctx.is_guarantee(chapter):
            continue  # organisational guarantees are no tasks, even when a bracket assigns them
        nontask = ctx.is_nontask(container) or ctx.is_nontask(chapter)
        tasks.extend(_item_tasks(container, [merged[id(container)], *chapter_merged], ctx, nontask))
        if container.items or container.children:
            continue
        carries = any(st.assigns for st in container.statements) or (
            # a heading at the end of an excerpt whose assignment line was cut (责任单位:区)
            ctx.ends_excerpt(max(container.end, container.block.end))
            and bool(ctx.statements(container.block.body, len(text), keep_empty=True))
        )
        # Without any numbered items anywhere, the headings with a body are the plan's tasks.
        # A heading with no items is a measure of its own when it has a body: always where the plan
        # has no numbered items, and for a section ((一)健全…。 + its text) where it has some.
        if carries or (
            not nontask
            and container.end > container.block.body
            and (not any_items or (container.block.kind == "section" and _has_body(container, ctx)))
        ):
            tasks.extend(_heading_tasks(container, chapter, chapter_merged, ctx))
    tasks.extend(_item_tasks(root, [merged[id(root)]], ctx, nontask=False))
    tasks.extend(_assigned_headings(headed, tasks, merged, ctx))
    first_lead_from = ctx.first_lead_from
    for table in tables:
        tasks.extend(
            table.tasks(
                _enclosing_heading(headed, table.span[0]),
                jurisdiction,
                first_lead=first_lead_from is not None and first_lead_from <= table.span[1],
            )
        )
    if not tasks and not headed:
        tasks = _assigned_lines(root, ctx)  # a plan with no heading at all: a list of measures
    tasks.sort(key=lambda t: t.span[0])
    tasks = _standing_clauses_applied(tasks, text, folded, jurisdiction)
    tasks = _reattach_dangling_heading(tasks, containers, blocks, text)
    # the text without whitespace (str.split's whitespace is re's \s): one pass, no regex
    digest = hashlib.sha256("".join(characters.split()).encode("utf-8")).hexdigest()[:16]
    return Plan(
        id=digest,
        title=title,
        jurisdiction=jurisdiction,
        level=plan_level(jurisdiction, text, characters),
        period=period_of(title, folded),
        doc_number=doc_number_of(lines),
        source=source,
        parents=parents_of(text[:head_end]),
        sections=tuple(_section_record(c, merged[id(c)], jurisdiction) for c in headed),
        tasks=tuple(tasks),
        cleaned_text=text,
    )


_LINE_TITLE_MAX = 100  # a measure on a line of its own; a longer run of text is prose or a run-on page


def _assigned_lines(root: _Container, ctx: _Context) -> list[Task]:
    """Where no item or table holds a task and the plan has no heading at all, each line carrying an
    assignment is one: a list of measures printed without numbers. The title is the line's text before its first statement
    (对X小区进行改造(住建局牵头)), or its first sentence when the statement closes the line (推进X。做好Y。
    (责任单位:Z)); a line opening with its unit as the subject of 负责 (区财政局负责
    专项经费的落实。) is titled by its first sentence, unit included; a label line (责任单位:X) takes
    the line above it, when that line carries no statement of its own."""
    tasks: list[Task] = []
    text, folded = ctx.text, ctx.folded
    nothing_outer = _outer([], ctx.jurisdiction)
    above: tuple[int, int] | None = None  # the last line without a statement: a label line's title
    start = 0
    while start < len(folded):
        end = folded.find("\n", start)
        end = len(folded) if end == -1 else end
        a, b, start = start, end, end + 1
        while a < b and folded[a] in " \t":
            a += 1
        statements = (
            [st for st in ctx.statements(a, b) if st.assigns and names_a_role(st.text)] if a < b else []
        )
        if not statements:
            above = (a, b) if folded[a:b].strip() else above
            continue
        first = statements[0]
        before = folded[a : first.span[0]].strip()
        after = folded[first.span[1] : b].strip(" 。.;")
        if not before and not after and above is not None:
            title_from, title_to, task_from = above[0], above[1], above[0]  # a label line
        elif not before:
            sentence_end = folded.find("。", first.span[1], b)
            title_from, title_to, task_from = a, b if sentence_end == -1 else sentence_end, a
        elif not after:
            # the statement closes the paragraph (推进X。做好Y。（责任单位：Z）): the paragraph is the
            # measure, titled by its first sentence
            sentence_end = folded.find("。", a, first.span[0])
            title_from, title_to, task_from = a, first.span[0] if sentence_end == -1 else sentence_end, a
        else:
            sentence = folded.rfind("。", a, first.span[0])
            title_from = a if sentence == -1 else sentence + 1
            title_to, task_from = first.span[0], title_from
            if title_to - title_from > _LINE_TITLE_MAX:
                above = None
                continue  # a run-on page, not a list
        above = None
        title = text[title_from:title_to].strip().rstrip("。.;；:：,，、 ")
        if len(title) < 4:
            continue  # no measure named
        part = _Subtask(str(len(tasks) + 1), title, (task_from, b), statements, True)
        tasks.append(_task(part, root, task_from, _merge(statements), nothing_outer, ctx))
    return tasks


def _assigned_headings(
    headed: list[_Container], tasks: list[Task], merged: dict[int, _Merged], ctx: _Context
) -> list[Task]:
    """A chapter or section with items whose opening paragraph assigns it (一、治理X / 由A承办，B协办。
    / (一)…) while every item under it names its own units: the assignment is the heading's own,
    not one stated for its items, so the heading is a task of its own (no assignment is dropped).
    A mark on the heading line itself (一、强化X（A牵头）) is the heading-level lead of the tasks under it."""
    out = []
    tasks = sorted(tasks, key=lambda t: t.span[0])
    starts = [t.span[0] for t in tasks]
    for container in headed:
        own = merged[id(container)]
        if not (container.items or container.children) or not any(own.roles):
            continue
        chapter = container.chapter if container.heading.kind == "section" else None
        if ctx.is_guarantee(container) or ctx.is_guarantee(chapter) or ctx.is_nontask(container):
            continue
        title_end = ctx.folded.find("\n", container.heading.body)
        title_end = len(ctx.folded) if title_end == -1 else title_end
        if any(st.span[0] < title_end for st in container.statements if st.assigns):
            continue  # 一、强化X（A牵头）: a lead marked on the heading is stated for the tasks under it
        first = container.first_entry if container.first_entry is not None else container.heading.end
        end = max(max(c.end, c.heading.end) for c in _walk(container))
        under = tasks[bisect_left(starts, first) : bisect_left(starts, end)]
        if not under or any(not t.assignments or any(a.inherited for a in t.assignments) for t in under):
            continue
        outer = [merged[id(chapter)]] if chapter is not None else []
        part = _Subtask(
            container.path, container.title, (container.heading.body, first), container.statements, True
        )
        out.append(
            _task(
                part, chapter or container, container.heading.start, own, _outer(outer, ctx.jurisdiction), ctx
            )
        )
    return out


def _standing_clauses_applied(tasks: list[Task], text: str, folded: str, jurisdiction: str) -> list[Task]:
    """Placeholders and named units a standing clause hands every later task to (以下任务均需各区政府、
    阜阳经开区落实，不再一一列出), added to the tasks after it (the gold's standing clauses apply until the
    text says otherwise: units it names become joint, marked inherited, where a task lacks them), and
    to the task stating it when the clause is a note in that task's bracket (…,下同)."""
    for clause in standing_clauses(text, folded):
        start = clause.applies_from
        tasks = [
            _with_standing(t, clause, jurisdiction)
            if t.span[0] >= start or (clause.own_task and t.span[0] < start < t.span[1])
            else t
            for t in tasks
        ]
    return tasks


def _with_standing(task: Task, clause: StandingClause, jurisdiction: str) -> Task:
    named = {a.unit.name for a in task.assignments}
    added = tuple(_assignment(n, jurisdiction, _JOINT, True) for n in clause.units if n not in named)
    return replace(
        task, vague=tuple(dict.fromkeys(task.vague + clause.names)), assignments=task.assignments + added
    )


def _enclosing_heading(containers: list[_Container], position: int) -> tuple[str, str]:
    """(path, title) of the last chapter/section heading before `position`."""
    best = ("", "")
    for container in containers:
        if container.heading.start <= position:
            best = (container.path, container.title)
    return best


def _reattach_dangling_heading(
    tasks: list[Task], containers: list[_Container], blocks: list[Block], text: str
) -> list[Task]:
    """A scrape that moved a section heading to the very end (empty body) leaves its items
    orphaned directly under an earlier chapter with no sections: give them that heading back."""
    if not blocks or blocks[-1].kind != "section":
        return tasks
    last = blocks[-1]
    body = text[last.body : last.end].strip()
    if len(body) > 30 or fold(body).rstrip("。").count("。"):
        return tasks  # a heading with sentences of its own is a section, not a heading moved away
    dangling = next((c for c in containers if c.block is last), None)
    if dangling is None or dangling.items:
        return tasks
    orphan_paths = {
        c.path
        for c in containers
        if c.block is not None and c.block.kind == "chapter" and c.items and not c.children
    }
    if not orphan_paths:
        return tasks
    first_orphan = min(
        orphan_paths,
        key=lambda p: (
            next(t.span[0] for t in tasks if t.section_path == p)
            if any(t.section_path == p for t in tasks)
            else len(text)
        ),
    )
    out = []
    for task in tasks:
        if task.section_path == first_orphan:
            marker = task.path.split(".")[-1]
            task = Task(
                **{
                    **task.__dict__,
                    "path": f"{dangling.path}.{marker}",
                    "section": dangling.title,
                    "section_path": dangling.path,
                }
            )
        out.append(task)
    return out
