"""Task tables in text: a header row with a task column and unit columns (重点任务 / 牵头单位 /
配合单位 / 责任单位 / 完成时限 / 分管领导; 指标 tables; header words no list names read by the general
form of header cells, table_columns.tsv), in every layout plans are published in:
  tab-separated rows (the .docx reader), | or box-drawing borders (┌─┬─┐ │ ├─┼─┤) with wrapped and
  merged cells, space-separated columns (rewritten as tab rows before cleaning drops spaces),
  cells a .docx preview ran together on one line or one row a line, one cell per line (rows
  placed by what each line holds, merged cells leaving no line, group rows between rows; a 序号
  of chinese numerals numbering group rows whose cells, a lead unit, apply to the projects under
  them; each cell's closing | kept or not), a web page's rows under cells spanning several rows,
  and a single row written as label/value pairs. A flattened header cell no list names may be
  wrapped onto two lines (区本级 / 任务数) between cells the lists name. A bordered or tab cell
  listing units with spaces (安监站 安监所) gets 、 between them before cleaning drops spaces; ①②③
  sub-rows of a bordered progress list whose merged cells were left out on both sides are placed
  by what they hold. A flattened table may open each row with its border (| 编号 |: rows run from
  one such line to the next, so a row's number may be a code); a row with many value columns
  between its task and unit cells that lost its empty cells is read from both ends.
Indicator and target tables (考核指标 | 考核内容 | 单位 | 年度目标 | 责任部门 | 评分部门) have text cells
on both sides of the task cell and may name the body that scores the work: its column is read as
nothing. A 责任单位 cell may mark its leading unit with * (区财政局*、区发改局).
Header -> rows -> tasks, each column's cells read as a labelled list of its role.
Pure functions; cost linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, combinations

from policygraph.ingest.clean import fold
from policygraph.ingest.extract import parse_statement
from policygraph.ingest.grammar import grammar
from policygraph.ingest.knowledge import data_lines, knowledge
from policygraph.ingest.records import ROLE_MEMBERS, Assignment, Task
from policygraph.ingest.segment import HEADING_START, NUMERAL_CHARS, heading_numeral
from policygraph.ingest.units import normalize_unit

_UNIT_KINDS = ("lead_label", "support_label", "joint_label")
# Column kinds tested together, joined once here (mypyc cannot compile `in` a tuple display with a
# starred part): the columns names are carried down into, those a row's statement is read from, and
# those whose cells _fits checks.
_NAMED_KINDS = (*_UNIT_KINDS, "leader_label")
_STATEMENT_KINDS = (*_NAMED_KINDS, "deadline_label")
_CHECKED_KINDS = (*_UNIT_KINDS, "column_index", "leader_label")
# table_columns.tsv kinds that are whole header words (the others are parts of the general form).
_HEADER_WORD_KINDS = (*_UNIT_KINDS, "column_indicator", "main_unit_column")


@lru_cache(maxsize=1)
def _table_words() -> dict[str, tuple[str, ...]]:
    """Kind -> phrases of data/table_columns.tsv: the vocabulary only tables use."""
    words: dict[str, list[str]] = defaultdict(list)
    for line in data_lines("table_columns.tsv"):
        kind, phrase = line.split("\t")[:2]
        words[kind].append(phrase.strip())
    return {kind: tuple(phrases) for kind, phrases in words.items()}


@lru_cache(maxsize=1)
def _columns() -> dict[str, str]:
    """Header cell (folded) -> column kind (table_columns.tsv over markers.tsv)."""
    k = knowledge()
    kinds = (
        "column_task",
        "column_index",
        "column_indicator",
        "column_other",
        *_UNIT_KINDS,
        "leader_label",
        "deadline_label",
    )
    columns = {w: kind for kind in kinds for w in k.phrases(kind)}
    # Under a 责任单位 header the lower cells may be the bare verbs: 牵头 | 配合.
    for verb_kind, label_kind in (("lead_verb", "lead_label"), ("support_verb", "support_label")):
        columns.update(
            {w: label_kind for w in k.phrases(verb_kind) if w not in columns and not w.startswith("为")}
        )
    columns.update(
        {w: kind for kind, phrases in _table_words().items() for w in phrases if kind in _HEADER_WORD_KINDS}
    )
    return columns


def _bare_header(cell: str) -> str:
    """A header cell without spaces and bracketed notes: 牵头单位（部门） -> 牵头单位 (folded)."""
    return _HEADER_NOISE.sub("", fold(cell))


# Spaces, bracketed notes and a leading year (2022年预期目标), span of months or quarter
# (1-10月推进情况, 四季度进展情况: a progress table's report period) are no part of a header word.
_HEADER_NOISE = re.compile(
    r"\s+|\([^)]*\)|^(?:19|20)\d\d年度?|^\d{1,2}(?:-\d{1,2})?月份?|^第?[一二三四1-4]季度"
)


def _column_kinds(cells) -> list[str]:
    """Kinds of a header row's cells. An indicator column (指标, 考核指标) is the task column of a
    table that has no other (指标 | 单位 | 目标值 | 责任部门); beside a task column it is read as nothing.

    A main-unit column (主要责任单位) leads beside another unit column and is joint alone; a
    责任单位 column beside it supports.

    >>> _column_kinds(["指标", "单位", "目标值", "责任部门"])
    ['column_task', 'column_other', 'column_other', 'joint_label']
    >>> _column_kinds(["工作任务", "主要责任单位"]), _column_kinds(["工作任务", "主要责任单位", "配合单位"])[1]
    (['column_task', 'joint_label'], 'lead_label')
    >>> _column_kinds(["主要目标", "主要责任单位", "责任单位"])
    ['column_task', 'lead_label', 'support_label']
    """
    kinds = [_column_kind(c) for c in cells]
    if "main_unit_column" in kinds and any(k in _UNIT_KINDS for k in kinds):
        # 主要责任单位 | 责任单位: the main units lead, the other responsible units support them
        kinds = [
            "lead_label" if k == "main_unit_column" else "support_label" if k == "joint_label" else k
            for k in kinds
        ]
    kinds = ["joint_label" if k == "main_unit_column" else k for k in kinds]
    first = "column_task" if "column_task" not in kinds else "column_other"
    out = []
    for kind in kinds:
        if kind == "column_indicator":
            kind, first = first, "column_other"
        out.append(kind)
    units = [p for p, kind in enumerate(out) if kind in _UNIT_KINDS] if out.count("column_task") > 1 else []
    if units and "column_task" in out[: units[0]]:
        # a task column after the unit columns holds the row's details (任务名称 | 发起部门 | 参与部门
        # | 抽查事项): the task is the one before them
        out = [
            kind if p < units[-1] or kind != "column_task" else "column_other" for p, kind in enumerate(out)
        ]
    return out


def _column_kind(cell: str) -> str:
    if len(cell) > 30:
        return ""  # no header cell is that long: most lines are ruled out without folding
    return _short_column_kind(cell)


@lru_cache(maxsize=16384)
def _short_column_kind(cell: str) -> str:
    """_column_kind of a cell short enough to be a header, once per distinct cell: every short line
    of a plan is tried as one (headings and labels come again and again)."""
    bare = _bare_header(cell)
    return _listed_column_kind(bare) or _general_column_kind(bare)


def _listed_column_kind(bare: str) -> str:
    """The kind of a header cell the lists or the grammar's column forms name, else ''."""
    kind = _columns().get(bare, "")
    if not kind:
        g = grammar()
        kind = next((k for form, k in _COLUMN_FORMS if g[form].fullmatch(bare)), "")
    return kind


_HEADER_CELL = re.compile(r"[\u4e00-\u9fff]{2,10}")


def _general_column_kind(bare: str) -> str:
    """The kind of a header cell no list names, by the general form of header cells
    (table_columns.tsv): a role word before a unit column's ending is a unit column of that role
    (负责科室, 牵头负责单位); a column of people (负责人), of deadlines (计划完成时间), of tasks
    (民生实事, 项目内容) or read as nothing (当前进度, 支出责任) by its ending. Only a short run of
    letters is tried: headings (三、重点任务) and sentences are no header cells.

    >>> [_general_column_kind(c) for c in ("民生实事", "负责科室", "计划完成时间", "当前进度", "单位")]
    ['column_task', 'joint_label', 'deadline_label', 'column_other', '']
    >>> [_general_column_kind(c) for c in ("评分部门", "督查单位", "考核责任单位", "任务项目指标")]
    ['column_overseer', 'column_overseer', 'joint_label', 'column_indicator']
    >>> [_general_column_kind(c) for c in ("细化任务及目标", "年度目标", "完成时间和标准")]
    ['column_task', 'column_other', 'column_other']
    """
    if not _HEADER_CELL.fullmatch(bare):
        return ""
    words = _table_words()
    if bare.endswith(words["unit_word"]):
        # a body that checks the work (评分部门, 考核单位, 督查单位) is no role, unless a role word
        # names one too (考核责任单位: the units answerable in the assessment)
        return next(
            (kind for role, kind in _UNIT_COLUMN_ROLES if any(w in bare for w in words[f"{role}_word"])),
            "",
        )
    parts = [part for part in re.split("[及与和]", bare) if part]
    if len(parts) > 1 and all(len(part) >= 2 for part in parts):
        # two columns' words joined (细化任务及目标, 工作内容与目标): a task column when one of
        # them names tasks and the others are read as nothing
        kinds = {_listed_column_kind(part) or _general_column_kind(part) for part in parts}
        if "column_task" in kinds and kinds <= {"column_task", "column_other"}:
            return "column_task"
    for ending, kind in (
        ("index_word", "column_index"),
        ("indicator_word", "column_indicator"),
        ("person_word", "leader_label"),
        ("time_word", "deadline_label"),
        ("task_word", "column_task"),
        ("other_word", "column_other"),
    ):
        if bare.endswith(words[ending]):
            return kind
    return ""


_COLUMN_FORMS = (("task_column", "column_task"), ("leader_column", "leader_label"))
# The role words of a unit column's header, in the order they are tried (table_columns.tsv).
_UNIT_COLUMN_ROLES = (
    ("lead", "lead_label"),
    ("support", "support_label"),
    ("joint", "joint_label"),
    ("overseer", "column_overseer"),
)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    span: tuple[int, int]
    marker: str = ""  # the row's path when its 序号 cell and group rows give it (一.(一).1)
    group: str = ""  # the title of the project row whose sub-row it is


@dataclass(frozen=True)
class Table:
    """A task table: header cells, their kinds, rows with spans in the cleaned text."""

    span: tuple[int, int]
    header: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[Row, ...]
    bordered: bool = False  # drawn with | or box borders: merged cells are left out, not left empty
    cut: bool = False  # the text ends inside the last row (an excerpt): its last name may be cut

    def _aligned(self, cells: tuple[str, ...]) -> tuple[str, ...]:
        """A bordered row whose merged cells a text export left out (its filled cells shifted to the
        left, empty ones trailing) has those cells restored on the left, so each cell is back under
        its column."""
        filled = [c for c in cells if c.strip()]
        n = len(self.kinds)
        if not self.bordered or len(filled) >= n or list(cells[: len(filled)]) != filled:
            return cells
        # Merged cells may be on both sides (序号 on the left, 责任单位 on the right): the filled
        # cells go as far right as what they hold allows (a unit column takes units, 序号 a number);
        # a row opening with its number has its cells from the left (the cells after them cut).
        numbered = self.kinds[0] == "column_index" and filled[0].strip().isdigit()
        if numbered:
            return _numbered_aligned(filled, list(self.kinds))
        for left in range(n - len(filled), -1, -1):
            placed = ("",) * left + tuple(filled) + ("",) * (n - len(filled) - left)
            if all(_fits(kind, cell) for kind, cell in zip(self.kinds, placed)):
                return placed
        return ("",) * (n - len(filled)) + tuple(filled)

    def _statement(self, row: Row, jurisdiction: str, first_lead: bool):
        # Each cell as a labelled list, under a label of its column's kind (a 牵头 column reads as 牵头单位).
        parts = [
            f"{knowledge().phrases(kind)[0]}:{_names_apart(_without_remark(cell)) if kind in _UNIT_KINDS else cell}"
            for kind, cell in _lead_marks_read(self.kinds, row.cells)
            if kind in _STATEMENT_KINDS and cell.strip()
        ]
        cut = self.cut and row.span == self.rows[-1].span
        return parse_statement("\n".join(parts), first_lead=first_lead, jurisdiction=jurisdiction, cut=cut)

    def _task(
        self, row: Row, marker: str, path: str, section: str, jurisdiction: str, first_lead: bool
    ) -> Task:
        cells = dict(zip(self.kinds, row.cells))
        task_text = cells.get("column_task", "").strip()
        numeral = heading_numeral(task_text)
        if numeral is not None and numeral[0] == "item":
            # A task cell opening with its own number (135.统筹…): the number is the row's marker.
            marker, task_text = numeral[1], _after_numeral(task_text)
        elif numeral is not None and numeral[0] == "dash":
            task_text = _after_numeral(task_text)  # a list dash is no title
        statement = self._statement(row, jurisdiction, first_lead)
        return Task(
            path=f"{path}.{marker}" if path else marker,
            section=section,
            section_path=path,
            title=re.split(r"[。]", _CIRCLED.sub("", task_text[:1]) + task_text[1:])[0].strip(),
            text=task_text,
            span=row.span,
            assignment_text="\t".join(row.cells),
            assignments=tuple(
                Assignment(normalize_unit(n, jurisdiction), role)
                for role in ROLE_MEMBERS
                for n in getattr(statement, role)
            ),
            vague=statement.vague,
            leaders=statement.leaders,
            deadline=statement.deadline,
        )

    def tasks(self, context: tuple[str, str], jurisdiction: str, first_lead: bool = False) -> list[Task]:
        """One Task per row; path = enclosing heading path + row number."""
        path, section = context
        out: list[Task] = []
        number, base, sub = 0, "", 0
        group_path, group_rows = "", 0
        above = None  # the cells of the last numbered row of a bordered table
        for row in self.rows:
            if _column_kinds(row.cells) == list(self.kinds):
                continue  # the header repeated (at a page break, or after a group heading)
            filled = {c.strip() for c in row.cells if c.strip()}
            if (
                len(filled) == 1
                and not dict(zip(self.kinds, row.cells)).get("column_index", "").strip().isdigit()
            ):
                # A row merged across the table: a group heading, recorded without its numeral and
                # a closing labelled note ((牵头领导:…)); a numbered one gives the rows under it its
                # path (一.(一), then 一.(一)b, 一.(一)c…).
                heading = filled.pop()
                opening = HEADING_START.match(heading)
                section = _without_label_note(heading[opening.end() :] if opening else heading)
                numeral = heading_numeral(heading)
                if numeral is not None:
                    level, marker = numeral
                    group_path = marker if level == "chapter" else f"{group_path.split('.')[0]}.{marker}"
                    group_path, group_rows = group_path.strip("."), 0
                continue
            circled = _circled_sub_row(row.cells, above, list(self.kinds)) if self.bordered else None
            row = replace(row, cells=circled or self._aligned(row.cells))
            cells = dict(zip(self.kinds, row.cells))
            numbered = heading_numeral(row.cells[0]) if self.bordered and row.cells[0].strip() else None
            if not cells.get("column_task", "").strip():
                if out and self.bordered:
                    out[-1] = _with_more_units(
                        out[-1], self._statement(row, jurisdiction, first_lead), jurisdiction
                    )
                continue
            if group_path and not cells.get("column_index", "").strip().isdigit():
                group_rows += 1
                marker = group_path + (_SUFFIXES[group_rows - 2] if group_rows > 1 else "")
                out.append(self._task(row, marker, "", section, jurisdiction, first_lead))
                continue
            task_numeral = heading_numeral(cells.get("column_task", "").strip())
            if (
                not row.cells[0].strip()
                and not row.marker
                and out
                and (self.kinds[0] == "column_index" or (self.bordered and self.kinds[0] == "column_task"))
            ) or (out and task_numeral is not None and task_numeral[0] == "dash"):
                # A row under a merged first cell continues the numbered row above: sub-task Nb, Nc,
                # under the unit cells of that row when its own are merged too; so does a row opening
                # with a dash (more sub-targets of the numbered row, under a unit stack of their own).
                sub += 1
                units = [p for p, kind in enumerate(self.kinds) if kind in _UNIT_KINDS]
                # its unit cell cut, not merged, unless the row's cells go on after the unit columns
                cut = self.cut and row.span == self.rows[-1].span and not _filled_after(row.cells, units)
                if above is not None and not cut and not any(row.cells[p].strip() for p in units):
                    merged_cells = [above[p] if p in units else c for p, c in enumerate(row.cells)]
                    row = Row(tuple(merged_cells), row.span)
                marker = f"{base}{_SUFFIXES[sub - 1]}"
            else:
                number += 1
                index = cells.get("column_index", "").strip()
                marker = row.marker or (index if index.isdigit() else str(number))
                if numbered:
                    marker = numbered[1] if numbered[0] == "item" else marker
                base, sub = marker, 0
            above = row.cells
            out.append(self._task(row, marker, path, row.group or section, jurisdiction, first_lead))
        return _with_runs_numbered(out, path)


_SUFFIXES = "bcdefghijklmnopqrstuvwxyz"
_ROW_PATH = re.compile(r"(\d+)([b-z]?)")


# One * right after a unit's name; stars around a name otherwise (**区财政局**, a text's bold) mark nothing.
_LEAD_MARK = re.compile(r"(?<=[\u4e00-\u9fff)])\*$")


def _lead_marks_read(kinds: tuple[str, ...], cells: tuple[str, ...]) -> list[tuple[str, str]]:
    """(kind, cell) of a row, a 责任单位 cell whose units carry a * after some of them (区财政局*、
    区发改局: a breakdown table's mark of the leading unit, 带*为牵头单位) read as a lead cell of the
    marked units and a joint cell of the others (which then support them); a mark on every unit
    of several singles none out and is dropped, as is a mark in any other unit column.

    >>> _lead_marks_read(("column_task", "joint_label"), ("修路", "区财政局*、区发改局"))
    [('column_task', '修路'), ('lead_label', '区财政局'), ('joint_label', '区发改局')]
    >>> _lead_marks_read(("joint_label",), ("**区财政局**、区发改局",))
    [('joint_label', '区财政局、区发改局')]
    >>> _lead_marks_read(("lead_label",), ("****环境局",))  # a portal's masking, no mark
    [('lead_label', '****环境局')]
    """
    out = []
    for kind, cell in zip(kinds, cells):
        if kind not in _UNIT_KINDS or "*" not in fold(cell):
            out.append((kind, cell))
            continue
        names = [n.strip() for n in re.split(r"[、,;]", fold(cell)) if n.strip()]
        marked = [n[:-1] for n in names if _LEAD_MARK.search(n)]
        others = [_unbolded(n) for n in names if not _LEAD_MARK.search(n) and n.strip("* ")]
        if kind == "joint_label" and marked and (others or len(marked) == 1):
            out += [("lead_label", "、".join(marked)), (kind, "、".join(others))]
        else:
            out.append((kind, "、".join(marked + others)))
    return out


_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def _unbolded(name: str) -> str:
    """A name without the ** of bold markup around it (**区财政局**); asterisks standing for masked
    letters (****环境局, **县商务**局: a portal's masking) are part of the name as written."""
    bold = _BOLD.fullmatch(name.strip())
    return bold.group(1) if bold else name.strip()


def _with_runs_numbered(tasks: list[Task], path: str) -> list[Task]:
    """Tasks of a table whose row numbers start again (1.…6. under one 领域 cell, then 1. under the
    next, the group cells merged or lost) with each later run's paths prefixed by the run's number
    (1…6, 2.1, 2.2), so no two rows share a path."""
    prefix = f"{path}." if path else ""
    out, run, previous = [], 1, 0
    for task in tasks:
        m = _ROW_PATH.fullmatch(task.path[len(prefix) :]) if task.path.startswith(prefix) else None
        if m is None:
            out.append(task)
            continue
        number = int(m.group(1))
        if number <= previous and not m.group(2):
            run += 1
        previous = number
        out.append(replace(task, path=f"{prefix}{run}.{m.group(0)}") if run > 1 else task)
    return out


def _filled_after(cells: tuple[str, ...], columns: list[int]) -> bool:
    """Whether a row has a filled cell right of all those columns."""
    return bool(columns) and any(c.strip() for c in cells[max(columns) + 1 :])


_CIRCLED = re.compile("[\u2460-\u2473]")  # ① … ⑳


def _circled_sub_row(
    cells: tuple[str, ...], above: tuple[str, ...] | None, kinds: list[str]
) -> tuple[str, ...] | None:
    """A bordered row continuing the ①②③ sub-items of the row above in a column right of the first
    (年度重点工作 | 细化任务 ①… | 三季度目标 | 分管领导 | 牵头单位 | 进展): the merged cells a text export
    left out are on both sides of its filled ones, so they are placed by what they hold from that
    column on (a leader column takes a person's name, a unit column units); the merged cells are
    empty. None for any other row.

    >>> kinds = ["column_task", "column_task", "column_other", "leader_label", "lead_label", "column_other"]
    >>> above = ("57.开展垃圾分类", "①建成处置中心。", "试运营。", "张明", "城管局", "已完成。")
    >>> _circled_sub_row(("②新建小区。", "开工建设。", "已进入合同履行阶段。", "", ""), above, kinds)
    ('', '②新建小区。', '开工建设。', '', '', '已进入合同履行阶段。')
    """
    filled = [c.strip() for c in cells if c.strip()]
    if above is None or not filled or not _CIRCLED.match(filled[0]):
        return None
    column = next((p for p, c in enumerate(above) if p and _CIRCLED.match(c.strip())), None)
    if column is None:
        return None
    placed, p = [""] * len(kinds), column
    for cell in filled:
        while p < len(kinds) and not _holds(kinds[p], cell):
            p += 1
        if p >= len(kinds):
            return None
        placed[p], p = cell, p + 1
    return tuple(placed)


def _holds(kind: str, cell: str) -> bool:
    """Whether a cell may stand in a column of that kind, by what it holds."""
    if kind == "leader_label":
        return _person_cell(cell)
    if kind in _UNIT_KINDS:
        return _unit_cell(cell)
    if kind == "deadline_label":
        return _is_date_like(cell)
    return True


def _numbered_aligned(filled: list[str], kinds: list[str]) -> tuple[str, ...]:
    """A bordered row opening with its number whose merged cells a text export left out: its cells
    from the left (the cells after them cut), or, when that puts a unit cell in a text column after
    the task (年度目标), with the group cells between the number and the task cell (考核指标) left
    empty, as many as a merge left out."""
    n, task = len(kinds), max(p for p, kind in enumerate(kinds) if kind == "column_task")
    groups = sum(1 for kind in kinds[1:task] if kind in _TEXT_KINDS)
    first = tuple(filled) + ("",) * (n - len(filled))
    for left in range(groups + 1):
        placed = (filled[0], *("",) * left, *filled[1:], *("",) * (n - len(filled) - left))
        if (
            placed[task].strip()
            and all(_fits(kind, cell) for kind, cell in zip(kinds, placed))
            and _in_column_order(list(placed), kinds)
        ):
            return placed
    return first


def _fits(kind: str, cell: str) -> bool:
    """Whether a bordered row's cell may stand in a column of that kind: a unit column holds no
    sentence (a name the unit lists do not know, 经开区, may be one), a 序号 column a number, a
    leader column people."""
    text = cell.strip()
    if not text or kind not in _CHECKED_KINDS:
        return True
    if kind == "column_index":
        return text.isdigit()
    if kind == "leader_label":
        return _person_cell(text)
    return _unit_cell(text) or (len(text) <= 30 and not fold(text).endswith(("。", ";")))


_CLOSING_NOTE = re.compile(r"[(（]([^()（）:：]{2,12})[:：][^()（）]*[)）]$")


def _without_label_note(title: str) -> str:
    """A group title without the bracket closing it when that opens with a column's label.

    >>> _without_label_note("经济发展目标(牵头领导:王明、李华)")
    '经济发展目标'
    """
    m = _CLOSING_NOTE.search(title)
    return title[: m.start()] if m and _column_kind(m.group(1)) else title


_CLOSING_REMARK = re.compile(r"[(（]([^()（）]{7,30})[)）]\s*$")


def _without_remark(cell: str) -> str:
    """A unit cell without the bracketed remark closing it (X公司(开发商配建学校项目)): a bracket of
    more than a name's few letters that names no unit, placeholder or role is a note on the unit; a
    short one may be the body's other name (高新园(邹区镇)) or a role (牵头), and stays.

    >>> _without_remark("江城置业有限公司(开发商配建学校项目)"), _without_remark("高新园(邹区镇)")
    ('江城置业有限公司', '高新园(邹区镇)')
    """
    m = _CLOSING_REMARK.search(cell)
    words = _table_words()
    if not m or any(w in m.group(1) for role in ("lead", "support", "joint") for w in words[f"{role}_word"]):
        return cell  # a bracket with a role word (负责组织实施) says what the unit does
    note = parse_statement(m.group(1), first_lead=False, jurisdiction="", cut=False)
    if any(getattr(note, role) for role in ("lead", "support", "joint", "vague")):
        return cell
    return cell[: m.start()]


def _with_more_units(task: Task, statement, jurisdiction: str) -> Task:
    """The task with a continuation row's units added (each unit once, after its own)."""
    have = {(a.unit.name, a.role) for a in task.assignments}
    more = tuple(
        Assignment(normalize_unit(n, jurisdiction), role)
        for role in ROLE_MEMBERS
        for n in getattr(statement, role.value)
        if (n, role) not in have
    )
    return replace(task, assignments=task.assignments + more)


def _is_header(kinds: list[str]) -> bool:
    return "column_task" in kinds and any(k in _UNIT_KINDS for k in kinds)


def _is_date_like(cell: str) -> bool:
    k = knowledge()
    return bool(re.search(r"(19|20)\d\d|\d{1,2}\s*月", cell)) or any(
        w in fold(cell) for w in k.phrases("deadline_word")
    )


_TEXT_KINDS = ("column_task", "column_other")


_NOTE_LINE = re.compile(r"\([^()]+\)")
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _numbering_label(lines: list[tuple[str, int]], i: int) -> bool:
    """Whether line i is a flattened header's first cell, a label no list knows (任务项), over the
    rows' numbers: header cells follow it and the first line after them is 1."""
    label = lines[i][0].strip()
    if not _LABEL.fullmatch(label) or _column_kind(label):
        return False
    cells, run = _header_run_cells(lines, i + 1)
    return (
        len(cells) >= 2
        and _is_header(_column_kinds(cells))
        and i + 1 + run < len(lines)
        and lines[i + 1 + run][0].strip() == "1"
    )


def _header_run_cells(lines: list[tuple[str, int]], i: int) -> tuple[list[str], int]:
    """The header cells of a table flattened one cell per line from line i, and the lines they take:
    a cell wrapped onto two lines (市政府 / 分管领导) is one cell when only the two together name a
    column; a bracketed note on a line of its own (责任股室 / (单位)) belongs to the cell above; a
    short label no list knows (考核标准) is a cell when header cells stand on both sides of it; two
    cells the cleaner joined as a label and its value (牵头单位:负责科室) are two cells."""
    if i < len(lines) and len(lines[i][0].strip()) > 8 and not _column_kind(lines[i][0].strip()):
        return [], 0  # a run opens with a header cell, or with a short part of one's name
    cells: list[str] = []
    k = i
    while k < len(lines):
        line = lines[k][0].strip()
        label, colon, value = line.replace("：", ":").partition(":")
        if cells and colon and len(line) <= 30 and _column_kind(label) and _column_kind(value):
            # two header cells the cleaner joined as a label and its value (牵头单位:负责科室)
            cells += [label, value]
            k += 1
        elif cells and len(line) <= 12 and _NOTE_LINE.fullmatch(fold(line)):
            cells[-1] += line
            k += 1
        elif _opens_first_row(line, cells):
            break
        elif _column_kind(line):
            cells.append(line)
            k += 1
        elif (
            k + 1 < len(lines)
            and len(line) <= 8
            and len(lines[k + 1][0]) <= 12
            and _column_kind(line + lines[k + 1][0].strip())
            and (len(line) <= 3 or not _unknown_label_between(lines, k, cells))
        ):
            # a cell wrapped onto two lines; a narrow column's first part (检查对 / 范围, 抽取 /
            # 类型, 市政府 / 分管领导) even when the second part alone names a column too
            cells.append(line + lines[k + 1][0].strip())
            k += 2
        elif _unknown_label_between(lines, k, cells):
            cells.append(line)
            k += 1
        elif _unknown_label_between(lines, k, cells, wrapped=True):
            # a label no list knows wrapped onto two lines (区本级 / 任务数): one cell
            cells.append(line + lines[k + 1][0].strip())
            k += 2
        else:
            break
    return cells, k - i


def _opens_first_row(line: str, cells: list[str]) -> bool:
    """Whether a line after header cells that include a unit column is a row's text rather than
    another header cell, though its ending is a task column's (养老服务项目 after 牵头单位 | 进展情况):
    task columns come before unit columns, and only the general form reads such a line as one."""
    if len(line) > 30 or not any(_column_kind(c) in _UNIT_KINDS for c in cells):
        return False
    bare = _bare_header(line)
    return not _listed_column_kind(bare) and _general_column_kind(bare) == "column_task"


def _without_spanning_cell(cells: list[str], kinds: list[str]) -> tuple[list[str], list[str]]:
    """A flattened header without the upper cell of a two-row header: 责任单位 over 牵头单位 | 配合单位
    comes out as three lines, only the lower two being columns.

    >>> header = ["工作任务", "责任单位", "牵头单位", "配合单位"]
    >>> _without_spanning_cell(header, _column_kinds(header))[1]
    ['column_task', 'lead_label', 'support_label']
    """
    for p in range(len(kinds) - 2):
        if kinds[p : p + 3] == ["joint_label", "lead_label", "support_label"]:
            return cells[:p] + cells[p + 1 :], kinds[:p] + kinds[p + 1 :]
    return cells, kinds


def _index_first(cells: list[str], kinds: list[str]) -> tuple[list[str], list[str]]:
    """A flattened header whose 序号 column comes after group columns (考核项目 | 序号 | 考核指标 …)
    with the 序号 column first: a group cell merged down its rows leaves a line only before the
    first row's number, where it is read as a group row, so the rows open with their numbers.

    >>> _index_first(["考核项目", "序号", "考核内容", "责任单位"], ["column_other", "column_index", "column_task", "joint_label"])[0]
    ['序号', '考核项目', '考核内容', '责任单位']
    """
    if "column_index" not in kinds[1:]:
        return cells, kinds
    p = kinds.index("column_index")
    if not all(kind in _TEXT_KINDS for kind in kinds[:p]):
        return cells, kinds
    return [cells[p], *cells[:p], *cells[p + 1 :]], [kinds[p], *kinds[:p], *kinds[p + 1 :]]


def _unknown_label_between(
    lines: list[tuple[str, int]], k: int, cells: list[str], wrapped: bool = False
) -> bool:
    """Whether line k is a header label no list knows, between a known header cell and another;
    wrapped: a label written over lines k and k + 1, each part a label no list knows."""
    parts = lines[k : k + 1 + wrapped]
    return bool(
        cells
        and _column_kind(cells[-1])
        and len(parts) == 1 + wrapped
        and all(_LABEL.fullmatch(_bare_header(line)) and not _column_kind(line) for line, _ in parts)
        and k + 1 + wrapped < len(lines)
        and _header_cell_at(lines, k + 1 + wrapped)
    )


def _header_cell_at(lines: list[tuple[str, int]], k: int) -> bool:
    """Whether line k is a header cell, or the first part of one wrapped onto line k + 1 (抽查 /
    完成时限): the cell after a label no list knows in a flattened header."""
    line = lines[k][0].strip()
    return bool(_column_kind(line)) or (
        k + 1 < len(lines)
        and len(line) <= 8
        and len(lines[k + 1][0]) <= 12
        and bool(_column_kind(line + lines[k + 1][0].strip()))
    )


def _numbered_rows(lines: list[tuple[str, int]], j: int, kinds: list[str]) -> tuple[list[Row], int]:
    """Rows of a flattened table with a 序号 column: each row runs from its number to the next
    number, so a row that lost an empty or merged cell does not shift the rows after it. A row with
    a line for every column is read in column order; any other row has its cells placed by what they
    hold (_placed_row). Group rows (a title, a heading numeral) before a row are kept as one-cell
    rows; merged cells are carried down inside a group (_with_merged_cells)."""
    n, number = len(kinds), 0
    rows: list[Row] = []
    first = lines[j][0].strip() if j < len(lines) else ""
    if first.isdigit() and 1 < int(first) < 1000:
        number = int(first) - 1  # a part of a longer table (rows 24-26 of a progress report)
    texts: list[str] = []  # the stripped lines, made when a row needs them
    while j < len(lines):
        following = str(number + 1)
        line = lines[j][0].strip()
        if (
            rows
            and line != following
            and _continues_row(line)
            and any(text.strip() == following for text, _ in lines[j + 1 : j + 1 + n])
        ):
            # a row under a merged 序号 cell (and merged unit cells: _with_units_carried)
            texts = texts or [c.strip() for c, _ in lines]
            cells, k = _placed_row(texts, j, kinds, following, numbered=False)
            if cells[max(p for p, kind in enumerate(kinds) if kind == "column_task")]:
                rows.append(Row(tuple(cells), (lines[j][1], lines[k - 1][1] + len(lines[k - 1][0]))))
                j = k
                continue
        if line != following:
            skip = _group_rows(lines, j, following)
            if not skip:
                break
            rows.extend(_group_headings(lines[j : j + skip], n))
            j += skip
        number += 1
        after = str(number + 1)
        k = _column_order_end(lines, j, kinds, after)
        if (
            k - j == n
            and k < len(lines)
            and lines[k][0].strip() == after
            and _in_column_order([c.strip() for c, _ in lines[j:k]], kinds)
        ) or _cut_in_column_order(lines, j, k, kinds):
            cells = [c.strip() for c, _ in lines[j:k]] + [""] * (n - k + j)
        else:
            texts = texts or [c.strip() for c, _ in lines]
            cells, k = _anchored_row(texts, j, kinds, after) or _placed_row(texts, j, kinds, after)
        rows.append(Row(tuple(cells), (lines[j][1], lines[k - 1][1] + len(lines[k - 1][0]))))
        j = k
    cut = all(not line.strip() for line, _ in lines[j:])  # an excerpt may end inside the last row
    merged = _with_merged_cells(_names_split(rows, kinds), kinds)
    last = next((line.strip() for line, _ in reversed(lines[:j]) if line.strip()), "")
    if rows and cut and not fold(last).endswith(("。", ")")) and not _unit_cell(last):
        # the text ends in the middle of the last row's sentence (改造现有教学楼等,): the row's
        # cells were lost to the cut, not to a merge
        merged[-1] = rows[-1]
    return _with_units_carried(merged, kinds, cut), j


def _with_units_carried(rows: list[Row], kinds: list[str], cut: bool) -> list[Row]:
    """Numbered rows with no unit, leader or office cell at all under the row above that has them:
    the unit cells merged down a bureau's rows (gold SCHEMA: a merged 责任单位 cell applies to
    every row it spans) leave no line in a flattened table. Group rows stop the carrying; a table
    with group cells left of its task column carries inside a group only (_with_merged_cells); the
    last row of a text that ends in it (cut) may have lost its cells to the cut, not to a merge."""
    carried = [p for p, kind in enumerate(kinds) if kind in _NAMED_KINDS]
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    if any(kinds[p] in _TEXT_KINDS for p in range(task)):
        return rows
    out, above = [], None
    for row in rows:
        cells = list(row.cells)
        if not cells[task]:
            above = None
        elif any(cells[p] for p in carried):
            above = cells
        elif above is not None and not (cut and row is rows[-1]):
            for p in carried:
                cells[p] = above[p]
        out.append(Row(tuple(cells), row.span))
    return out


def _continues_row(line: str) -> bool:
    """Whether a line between the rows of a numbered flattened table (the next number after it) is
    the task cell of a row under a merged 序号 cell: a sentence (it ends with 。), where a group row
    is a title; a note after the last row is neither."""
    return fold(line).endswith("。") and heading_numeral(line) is None and not _unit_cell(line)


def _names_split(rows: list[Row], kinds: list[str]) -> list[Row]:
    """Rows whose unit cells ran two names together (文化宣传股文化馆: the line break between a cell's
    lines lost) split into names the same column lists on their own in other rows (文化宣传股 / 文化馆)."""
    out = [list(row.cells) for row in rows]
    for p, kind in enumerate(kinds):
        if kind not in _UNIT_KINDS:
            continue
        names = [set(_UNIT_SEPARATORS.split(cells[p])[::2]) - {""} for cells in out]
        rows_naming = Counter(n for row_names in names for n in row_names)
        for cells, own in zip(out, names):
            if all(rows_naming[name] > 1 for name in own):
                continue  # every name of the cell is one other rows list too
            pieces = _UNIT_SEPARATORS.split(cells[p])  # names, and the separators between them
            for k, piece in enumerate(pieces):
                parts = _glued_names(piece, rows_naming, own) if rows_naming[piece] == 1 else None
                pieces[k] = "、".join(parts) if parts else piece
            cells[p] = "".join(pieces)
    return [replace(row, cells=tuple(cells)) for cells, row in zip(out, rows)]


_UNIT_SEPARATORS = re.compile(r"([、,;，；])")
_LEVEL_LETTERS = "省市县区"  # a unit name's opening level letter (区水投, 县城投公司)
_GLUED_TAIL_STOP = re.compile(r"[()（）\d]")


def _glued_names(name: str, rows_naming: Counter, own: set[str]) -> list[str] | None:
    """`name` as two or more names written one after the other, each a name some other row lists
    (rows_naming: how many rows list each name; own: the names of the row `name` is in), the last
    one maybe a name no other row lists that opens with the same level letter as the name before it
    (区城管局区水投: two district bodies whose separating space the cleaner dropped); else None.
    Each tail is tried once (a cell of many names run together would otherwise cost twice as much
    per name)."""
    tried: dict[str, list[str] | None] = {}

    def parts(name: str) -> list[str] | None:
        if name not in tried:
            tried[name] = None
            for k in range(3, len(name) - 2):
                if _head_before_listed(name[:k], name[k:], rows_naming, own):
                    tried[name] = [name[:k], name[k:]]
                    break
                if rows_naming[name[:k]] > (name[:k] in own):
                    tail = name[k:]
                    same_level = (
                        tail[0] == name[0] and tail[0] in _LEVEL_LETTERS and not _GLUED_TAIL_STOP.search(tail)
                    )
                    listed = rows_naming[tail] > (tail in own)
                    rest = [tail] if listed or same_level else parts(tail)
                    if rest:
                        tried[name] = [name[:k], *rest]
                        break
        return tried[name]

    return parts(name)


def _head_before_listed(head: str, tail: str, rows_naming: Counter, own: set[str]) -> bool:
    """Whether `head` + `tail` are two names run together, the tail one other rows list on its own
    and the head a unit of a kind that keeps no inner offices (派出所 before 工商质监所), where
    市公安局交警支队 names one office of a bureau."""
    from policygraph.ingest.extract import looks_like_unit

    return (
        rows_naming[tail] > (tail in own)
        and looks_like_unit(head)
        and not fold(head).endswith(_table_words()["parent_suffix"])
    )


def _in_column_order(cells: list[str], kinds: list[str]) -> bool:
    """Whether a row with a line for every column has them in column order: no unit cell after the
    task cell in a column that takes none (a merged group cell left out, the units move left), no
    sentence before a task cell that is none (项目名称 | 项目内容。| 团区委: the sentence is the task
    cell, a group cell on its left merged)."""
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    if not fold(cells[task]).endswith("。") and any(
        kinds[p] in _TEXT_KINDS and fold(cells[p]).endswith("。") for p in range(task)
    ):
        return False
    return not any(kinds[p] in _TEXT_KINDS and _unit_cell(cells[p]) for p in range(task + 1, len(kinds)))


def _names_apart(cell: str) -> str:
    """A unit cell with the names of one level run together written apart (_names_of_one_level),
    and two units joined by 及 (区城管大队法制办及街道城管中队) written as two.

    >>> _names_apart("区城管大队法制办及街道城管中队"), _names_apart("市场监管局及所属单位")
    ('区城管大队法制办、街道城管中队', '市场监管局及所属单位')
    """
    pieces = [
        "、".join(halves) if len(halves := piece.split("及")) == 2 and all(map(_unit_cell, halves)) else piece
        for piece in _UNIT_SEPARATORS.split(cell)  # names, and the separators between them
    ]
    return "".join("、".join(_names_of_one_level(piece) or [piece]) for piece in pieces)


def _names_of_one_level(name: str) -> list[str] | None:
    """`name` as two or more whole unit names of one level written one after the other (县发改局县财政局:
    the line break between a cell's names lost): each part opens with
    the level word the first opens with and reads as a unit by the unit grammar; else None. A level
    letter opening a word (市场监管局) starts no name; a department's inner office names no level
    (市公安局交警支队 stays one).

    >>> _names_of_one_level("县发改局县财政局"), _names_of_one_level("市住建局市场科")
    (['县发改局', '县财政局'], None)
    """
    parts = _one_level_parts(name)
    return list(parts) if parts else None


@lru_cache(maxsize=4096)
def _one_level_parts(name: str) -> tuple[str, ...] | None:
    """_names_of_one_level, cached per name: its tails are asked for again and again (a cell of many
    names would otherwise cost twice as much per name)."""
    from policygraph.ingest.extract import looks_like_unit

    folded, k = fold(name), knowledge()
    prefix = next((p for p, _ in k.prefixes if folded.startswith(p)), "")
    if not prefix or folded.startswith(k.prefix_words):
        return None
    for cut in range(len(prefix) + 2, len(folded) - len(prefix) - 1):
        tail = folded[cut:]
        if tail.startswith(prefix) and not tail.startswith(k.prefix_words) and looks_like_unit(name[:cut]):
            rest = _one_level_parts(name[cut:]) or ((name[cut:],) if looks_like_unit(name[cut:]) else None)
            if rest:
                return (name[:cut], *rest)
    return None


def _cut_in_column_order(lines: list[tuple[str, int]], j: int, k: int, kinds: list[str]) -> bool:
    """Whether row j, the last of a text that ends inside it (an excerpt), has its lines in column
    order up to the cut: the lines reach the task column, a deadline column before it holds a date
    (where the order is confirmed: a row that lost merged cells has its date elsewhere), and no
    other line before the task column is a sentence or a unit cell.

    >>> kinds = ["column_index", "column_task", "column_other", "deadline_label", "column_task", "joint_label"]
    >>> rows = [("6", 0), ("分校区建设项目", 2), ("某镇", 10), ("2024", 13), ("改造现有教学楼等,", 18)]
    >>> _cut_in_column_order(rows, 0, 5, kinds)
    True
    """
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    cells = [c.strip() for c, _ in lines[j:k]]
    return (
        task < len(cells) < len(kinds)
        and "deadline_label" in kinds[1:task]
        and all(not line.strip() for line, _ in lines[k:])
        and all(
            _is_date_like(cell)
            if kind == "deadline_label"
            else not (fold(cell).endswith("。") or _unit_cell(cell))
            for kind, cell in zip(kinds[1:task], cells[1:task])
        )
    )


def _column_order_end(lines: list[tuple[str, int]], j: int, kinds: list[str], after: str) -> int:
    """Where row j ends when its lines are its cells in column order: at most one line per column,
    before the next number; only a text column's line may be a long sentence."""
    k = j + 1
    while (
        k < len(lines)
        and k - j < len(kinds)
        and lines[k][0].strip() != after
        and (
            k == j + 1
            or kinds[k - j] in _TEXT_KINDS  # a text column (进展情况, 备注) may hold sentences too
            or (len(lines[k][0]) <= 60 and not lines[k][0].rstrip().endswith("。"))
        )
    ):
        k += 1
    return k


def _placed_row(
    texts: list[str], j: int, kinds: list[str], after: str, numbered: bool = True
) -> tuple[list[str], int]:
    """The cells of a row opening at texts[j] (its number, in a table with a 序号 column) whose empty
    or merged cells left no line, each text placed by what it holds, in column order: a unit cell
    in the next unit column (a cell written over several lines, 文化宣传股 / 文化馆, stays in its
    column); the texts before the task cell in the text columns ending at the task column (the group
    cells on their left are the ones a merge leaves out); after it a date in the deadline column, a
    person's name in the leader column, any other short text in the next column. The row ends before
    `after` (the next number), before a heading numeral or a text no free column takes. Returns the
    cells and the index of the text after the row."""
    n = len(kinds)
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    cells = [""] * n
    free = last = joined = 0  # joined: lines that went on in a cell (stacked units), no new cell
    if kinds[0] == "column_index":
        cells[0], free = texts[j] if numbered else "", 1
    k = j + free if numbered else j
    opened = j if numbered else j - 1
    while k < len(texts):
        cell = texts[k]
        if cell == after:
            break
        full = k - opened - joined >= n
        if cells[task] and (_unit_cell(cell) or (kinds[last] in _UNIT_KINDS and _township_names(cell))):
            column = next((p for p in range(free, n) if kinds[p] in _UNIT_KINDS), None)
            if column is None and _checking_body(texts[k + 1 : k + 2], after, kinds, cells, free):
                column = kinds.index("column_overseer", free)
            elif (column is None or full) and (not after or _units_until(texts, k + 1, after, n)):
                # a unit cell over several lines; in a row no next number closes, such a line
                # may be the signature after the table
                column = last if kinds[last] in _UNIT_KINDS else None
            elif full:
                column = None
        elif full:
            column = None
        elif not cells[task] and _value_columns(kinds, task):
            # text cells on both sides of the task cell (考核指标 | 考核内容 | 单位 | 年度目标 | 责任部门)
            run = _text_run(texts, k, after, "leader_label" in kinds[task:], n)
            placed = _texts_placed(texts[k : k + run], kinds, free, task)
            for column, cell in placed:
                cells[column] = cell
            # value columns the text lines left empty stay free: a date that ended the lines
            # (2024年底前 under 年度目标) is a value cell when no deadline column takes it
            free, last = placed[-1][0] + 1, placed[-1][0]
            k, joined = k + run, joined + run - len(placed)
            continue
        elif not cells[task]:
            text_columns = [p for p in range(free, task + 1) if kinds[p] in _TEXT_KINDS]
            run = 0
            leaders = "leader_label" in kinds[task:]
            while (
                run < len(text_columns)
                and k + run < len(texts)
                and _text_line(texts[k + run], after)
                and not (run and leaders and _person_cell(texts[k + run]))  # a leader after the task
            ):
                run += 1
            run = _sentence_closed_run(texts, k, run, len(text_columns), after)
            # the first line is text whatever it holds (推进县文化馆、图书馆…建设): the task cell
            # comes before the unit cells
            column = text_columns[max(0, len(text_columns) - max(run, 1))] if text_columns else None
        elif last == task and _task_goes_on(cell, texts[k + 1 : k + 1 + n], after, kinds, free):
            cells[task] += cell
            k, joined = k + 1, joined + 1
            continue
        else:
            column = _column_after_task(cell, kinds, free)
            if column is None and after and after in texts[k + 1 : k + 1 + n - free]:
                # the row's last lines before the next number: the text columns left free (进展情况)
                column = next((p for p in range(free, n) if kinds[p] in _TEXT_KINDS), None)
        if column is None:
            break
        joined += bool(cells[column])
        cells[column] = f"{cells[column]}、{cell}" if cells[column] else cell
        free, last, k = max(free, column + 1), column, k + 1
    return cells, k


def _anchored_row(texts: list[str], j: int, kinds: list[str], after: str) -> tuple[list[str], int] | None:
    """The cells of row j (opening with its number) of a table with three or more value columns
    between its task column and its unit columns (抽查类型 | 抽查比例 | 检查方式 | 抽取日期 …), whose empty cells left no
    line: its text lines up to the task column keep their columns from the left, the unit lines
    closing the row (before the next number, or the first run of them in the last row) fill the unit
    columns from the left, more names staying in the last unit column (a cell over several lines),
    and the lines between fill the value columns from the left. None when the row is not so: a unit
    or date before the task cell, more lines between than value columns, no closing unit lines."""
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    units = [p for p, kind in enumerate(kinds) if kind in _UNIT_KINDS]
    if kinds[0] != "column_index" or not units or units[0] < task + 4:
        return None
    if any(kinds[p] in _UNIT_KINDS for p in range(units[0], units[-1] + 1) if p not in units):
        return None
    window = texts[j + 1 : j + len(kinds) + 3]
    end = window.index(after) if after in window else None
    lead = window[:task]
    if len(lead) < task or not all(_text_line(line, after) for line in lead):
        return None
    if end is None:
        # the last row: its unit lines are the first run of them after its task cell
        first = next((p for p in range(task, len(window)) if _unit_cell(window[p])), None)
        if first is None:
            return None
        end = next((p for p in range(first, len(window)) if not _unit_cell(window[p])), len(window))
    first = end
    while first > task and _unit_cell(window[first - 1]):
        first -= 1
    middle = window[task:first]
    if first == end or len(middle) > units[0] - task - 1:
        return None
    cells = [texts[j], *lead] + [""] * (len(kinds) - task - 1)
    for p, line in zip(range(task + 1, units[0]), middle):
        cells[p] = line
    names = window[first:end]
    for p, name in zip(units, names):
        cells[p] = name
    for name in names[len(units) :]:
        cells[units[-1]] += f"、{name}"
    return cells, j + 1 + end


def _units_until(texts: list[str], k: int, after: str, n: int) -> bool:
    """Whether the next row's number `after` comes within a row's length of lines from k, or after
    unit lines only: a unit cell stacked one name a line (a town's ten bodies) goes on until it."""
    if after in texts[k : k + n]:
        return True
    for line in texts[k : k + 40]:
        if line == after:
            return True
        if not (_unit_cell(line) or _township_names(line)):
            return False
    return False


def _sentence_closed_run(texts: list[str], k: int, run: int, most: int, after: str) -> int:
    """The text lines opening a row, when a sentence (a line ending with 。) comes within its text
    columns after lines that read as units (新建一批中小学校 over 实施新建中小学校5家。): the task
    cell comes before the unit cells, so the lines up to that sentence are all text cells, when
    the units follow it (a sentence after a row's units is a progress cell).

    >>> _sentence_closed_run(["新建一批中小学校", "实施新建中小学校5家。", "区教育局"], 0, 1, 3, "2")
    2
    >>> _sentence_closed_run(["改造食堂", "区教育局", "已完成。", "3"], 0, 1, 3, "3")
    1
    """
    for m in range(run, min(most, len(texts) - k - 1)):
        line = texts[k + m]
        if (
            line == after
            or (len(line) <= 20 and _is_date_like(line))
            or fold(texts[k + m - 1]).endswith("。")
        ):
            break
        if fold(line).endswith("。") and _text_line(line, after) and _unit_cell(texts[k + m + 1]):
            return m + 1
    return run


def _checking_body(following: list[str], after: str, kinds: list[str], cells: list[str], free: int) -> bool:
    """Whether a unit line after a row's unit cells is the cell of the column after them that names
    the body checking the work (评分部门, 考核单位; read as nothing): the row's last unit line, a
    unit column's names stacked one per line coming before it."""
    return (
        "column_overseer" in kinds[free:]
        and any(cells[p] for p, kind in enumerate(kinds) if kind in _UNIT_KINDS)
        and not (following and following[0] != after and _unit_cell(following[0]))
    )


def _value_columns(kinds: list[str], task: int) -> list[int]:
    """The text columns between the task column and the first unit column after it (单位 | 年度目标 of
    an indicator table, 工作目标): the cells a row states about its task, before its units."""
    out = []
    for p in range(task + 1, len(kinds)):
        if kinds[p] not in _TEXT_KINDS:
            break
        out.append(p)
    return out if any(kind in _UNIT_KINDS for kind in kinds[task + 1 :]) else []


def _text_run(texts: list[str], k: int, after: str, leaders: bool, most: int) -> int:
    """How many text lines (no unit cell, date, next row number or, before a leader column, person's
    name; at most `most`, a row's columns) follow from texts[k], the first being text whatever it
    holds (推进县文化馆、图书馆…建设): the task cell comes before the units."""
    run = 1
    while (
        run < most
        and k + run < len(texts)
        and _text_line(texts[k + run], after)
        and not _unit_opening(texts, k + run)
        and not (leaders and _person_cell(texts[k + run]))
    ):
        run += 1
    return run


_SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}")


def _unit_opening(texts: list[str], i: int) -> bool:
    """Whether line i is the opening of a unit name, no text cell: a bare level word (县, 自治区) that
    a line break split from its name, or a short name opening with one as the last line of a text
    that ends inside it (市发: an excerpt cut in a unit cell)."""
    folded, k = fold(texts[i]), knowledge()
    if not folded.startswith(tuple(prefix for prefix, _ in k.prefixes)) or folded.startswith(k.prefix_words):
        return False
    return any(folded == prefix for prefix, _ in k.prefixes) or (
        bool(_SHORT_NAME.fullmatch(folded)) and not any(texts[i + 1 :])
    )


def _texts_placed(lines: list[str], kinds: list[str], free: int, task: int) -> list[tuple[int, str]]:
    """(column, cell) of a row's text lines before its unit cells, where text columns stand on both
    sides of the task column: the last lines fill the value columns after the task (单位 | 年度目标),
    the task keeping one; the first lines fill the group columns left of it (考核指标) that a merge
    did not leave out (right-aligned: a merged cell is the leftmost); the lines between are the task
    cell (one cell wrapped over several lines).

    >>> kinds = ["column_index", "column_other", "column_task", "column_other", "column_other", "joint_label"]
    >>> _texts_placed(["确保供给", "粮食产量", "万吨", "42"], kinds, 1, 2)
    [(1, '确保供给'), (2, '粮食产量'), (3, '万吨'), (4, '42')]
    >>> _texts_placed(["生猪存栏", "0"], kinds, 1, 2)
    [(2, '生猪存栏'), (3, '0')]
    """
    values = _value_columns(kinds, task)
    groups = [p for p in range(free, task) if kinds[p] in _TEXT_KINDS]
    n_values = min(len(values), len(lines) - 1)
    n_groups = min(len(groups), len(lines) - 1 - n_values)
    task_lines = lines[n_groups : len(lines) - n_values]
    value_lines = lines[len(lines) - n_values :]
    # a task cell ends with its sentence: the lines after it are the first value cell written over
    # several lines (进展情况)
    closed = next((p for p, line in enumerate(task_lines[:-1]) if fold(line).endswith("。")), None)
    if closed is not None and value_lines:
        value_lines = ["".join(task_lines[closed + 1 :]) + value_lines[0], *value_lines[1:]]
        task_lines = task_lines[: closed + 1]
    placed = list(zip(groups[len(groups) - n_groups :], lines[:n_groups]))
    placed.append((task, "".join(task_lines)))
    placed += zip(values, value_lines)
    return placed


def _task_goes_on(cell: str, following: list[str], after: str, kinds: list[str], free: int) -> bool:
    """Whether a text line right after a row's task cell is more of that cell (培育数字企业10家; /
    开展企业上云行动。): no date, heading or leader's name, and a unit cell follows it before any
    other cell or the next row."""
    numeral = heading_numeral(cell)
    if not _text_line(cell, after) or (numeral is not None and numeral[0] in ("chapter", "section")):
        return False
    if _person_cell(cell) and "leader_label" in kinds[free:]:
        return False
    for text in following:
        if text == after or not _text_line(text, after):
            return _unit_cell(text)
    return False


def _text_line(cell: str, after: str) -> bool:
    """Whether a flattened line is a text cell: not the next row number, a unit cell or a date."""
    return cell != after and not _unit_cell(cell) and not (len(cell) <= 20 and _is_date_like(cell))


def _column_after_task(cell: str, kinds: list[str], free: int) -> int | None:
    """The column of a row's line after its task cell (see _placed_row), or None."""
    n = len(kinds)
    numeral = heading_numeral(cell)
    if numeral is not None and numeral[0] in ("chapter", "section"):
        return None  # a group row of the next rows
    dated = len(cell) <= 30 and _is_date_like(cell)
    wanted = "deadline_label" if dated else "leader_label" if _person_cell(cell) else ""
    column = next((p for p in range(free, n) if wanted and kinds[p] == wanted), None)
    if column is not None or free >= n:
        return column
    if len(cell) <= 30 and not cell.endswith("。") and not (dated and kinds[free] in _UNIT_KINDS):
        # a short cell (常态工作) in the next column, as a full row reads; a date is no unit, nor is
        # a text with a text column left for it (已完成选址 under 当前进度: the unit cell merged)
        text_column = next((p for p in range(free, n) if kinds[p] in _TEXT_KINDS), None)
        return text_column if kinds[free] in _UNIT_KINDS and text_column is not None else free
    # A sentence only in a text column before a unit column (进展情况): a 备注 column at the end of
    # the last row must not take the paragraph after the table.
    return next(
        (
            p
            for p in range(free, n)
            if kinds[p] in _TEXT_KINDS and any(kind in _UNIT_KINDS for kind in kinds[p + 1 :])
        ),
        None,
    )


_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _person_cell(cell: str) -> bool:
    """Whether a cell names people: a title (副县长) or two to four characters that are no unit
    (夏俊贵, 周 斐 with the space that pads a two-character name)."""
    from policygraph.ingest.extract import is_person

    names = [n for n in re.split(r"[、,;]", re.sub(r"\s+", "", fold(cell))) if n]
    return bool(names) and all(
        is_person(name) or (_PERSON_NAME.fullmatch(name) and not _unit_cell(name)) for name in names
    )


def _group_rows(lines: list[tuple[str, int]], j: int, number: str) -> int:
    """How many lines from j are group rows of a numbered table before the row `number`: up to
    three lines of group titles (经济社会发展主要预期目标(15项), a heading numeral and its title, a
    chapter row with its leaders named) followed by that number; else 0. A unit cell is no title."""
    for skip in range(1, 4):
        if j + skip >= len(lines):
            return 0
        line = lines[j + skip - 1][0].strip()
        if len(line) > (120 if heading_numeral(line) else 60) or _unit_cell(line):
            return 0
        if lines[j + skip][0].strip() == number:
            return skip
    return 0


def _group_headings(lines: list[tuple[str, int]], n: int) -> list[Row]:
    """Group rows as one-cell rows, a bare numeral line ((一)) joined to the title after it; header
    cells repeated after a page break are no group."""
    rows: list[Row] = []
    pending = None
    for line, pos in lines:
        cell = line.strip()
        if _column_kind(cell):
            continue
        if pending is not None:
            cell, pos = pending[0] + cell, pending[1]
            pending = None
        numeral = HEADING_START.match(cell)
        if numeral and numeral.end() == len(cell):
            pending = (cell, pos)
            continue
        rows.append(Row((cell,) + ("",) * (n - 1), (pos, pos + len(cell))))
    if pending is not None:
        rows.append(Row((pending[0],) + ("",) * (n - 1), (pending[1], pending[1] + len(pending[0]))))
    return rows


def _spanned_row(cells: list[str], kinds: list[str]) -> list[str]:
    """A tab-separated row with fewer cells than its header, as a web page's table gives the rows
    under a cell that spans several rows (rowspan) or columns: its cells placed by what they hold
    (_placed_row), or as they are when that places not all of them."""
    texts = [c.strip() for c in cells if c.strip()]
    if len(texts) < 2:
        return cells  # a row merged across the table: a group heading
    placed, used = _placed_row(texts, 0, kinds, "")
    return placed if used == len(texts) else cells


def _with_merged_cells(rows: list[Row], kinds: list[str]) -> list[Row]:
    """Rows with the merged cells a flattened table left out written back. Merged cells nest in the
    group cells on the left of the task column (指标, 名称, 类别): a row with no group cell of its own
    is inside the group of the row above, so a unit, leader or deadline cell it lacks is the merged
    cell of the row above (gold SCHEMA: a merged 责任单位 cell applies to every row it spans). A row
    that opens a group has only its own cells. Unit cells are carried together, when the row has none."""
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    groups = [p for p in range(task) if kinds[p] in _TEXT_KINDS]
    if not groups:
        return rows
    units = [p for p, kind in enumerate(kinds) if kind in _UNIT_KINDS]
    others = [p for p, kind in enumerate(kinds) if kind in ("leader_label", "deadline_label")]
    out, above = [], None
    for row in rows:
        cells = list(row.cells)
        if not cells[task]:
            above = None  # a group row
        elif above is not None and not any(cells[p] for p in groups):
            carried = [p for p in others if not cells[p]]
            if not any(cells[p] for p in units):
                carried += units
            for p in carried:
                cells[p] = above[p]
        if cells[task]:
            above = cells
        out.append(Row(tuple(cells), row.span))
    return out


_CELL_BORDER = re.compile(r"\s*[|│┃║]\s*")


def _after_numeral(text: str) -> str:
    """`text` after the heading numeral opening it (one heading_numeral read)."""
    opening = HEADING_START.match(text)
    assert opening is not None, "no heading numeral opens the text"
    return text[opening.end() :]


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table row written with tabs (the .docx reader), or with | / box-drawing
    borders (│ ┃ ║) as scrapes and text exports draw them; None for a line that is no row.

    >>> _row_cells("项目名称 | 工作任务 | 牵头单位 |")
    ['项目名称', '工作任务', '牵头单位']
    >>> _row_cells("│1│推进X│市教育局│")
    ['1', '推进X', '市教育局']
    >>> _row_cells("一段话") is None
    True
    """
    if "\t" in line:
        return line.split("\t")
    if line.count("|") + line.count("│") + line.count("┃") + line.count("║") < 2:
        return None
    cells = _CELL_BORDER.split(line.strip())
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


_SPACES = re.compile(r"[ \u3000]+")
_SPACED_LETTERS = re.compile(r"(?<![^\s])([\u4e00-\u9fff])(?:[ \u3000]+([\u4e00-\u9fff])(?![^\s]))+")
_ROW_NUMBER = re.compile(r"(\d{1,3})[ \u3000]+")


def _spaced_header(line: str) -> list[str] | None:
    """The cells of a header row whose cells are separated by spaces (序号 工 作 任 务 牵头负责部门),
    a header cell spelled with spaced letters being one cell; None unless every cell names a column.

    >>> _spaced_header("序号 工 作 任 务 牵头负责部门")
    ['序号', '工作任务', '牵头负责部门']
    """
    if len(line) > 100 or (" " not in line and "\u3000" not in line):
        return None
    joined = _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", "").replace("\u3000", ""), line.strip())
    cells = _SPACES.split(joined)
    if len(cells) < 3 or not all(_column_kind(c) for c in cells):
        return None
    return cells


def _spaced_row(line: str, number: int, kinds: list[str]) -> list[str] | None:
    """The cells of row `number` of a space-separated table, or None when the line is not that row
    (a table with no 序号 column: _unnumbered_spaced_row).
    Cells after the last task column (units, deadlines) are taken from the right, one space-free
    token each when it reads as their kind; the task cell is the last token left (earlier ones belong
    to 类别/主要任务 columns)."""
    from policygraph.ingest.extract import reads_as_units

    if kinds[0] != "column_index":
        return _unnumbered_spaced_row(line, kinds)
    m = _ROW_NUMBER.match(line.strip())
    if not m or int(m.group(1)) != number:
        return None
    last_task = max(k for k, kind in enumerate(kinds) if kind == "column_task")
    tokens = _SPACES.split(line.strip()[m.end() :].strip())
    cells = [""] * len(kinds)
    cells[0] = m.group(1) if kinds[0] == "column_index" else ""
    for k in range(len(kinds) - 1, last_task, -1):
        if len(tokens) < 2:
            break
        kind = kinds[k]
        if (kind in _NAMED_KINDS and reads_as_units(tokens[-1])) or (
            kind == "deadline_label" and _is_date_like(tokens[-1])
        ):
            cells[k] = tokens.pop()
        elif kind == "column_overseer" and len(tokens) >= 3 and all(map(reads_as_units, tokens[-2:])):
            cells[k] = tokens.pop()  # the body checking the work, after the responsible units
        elif (
            kind in ("column_other", "")
            and any(kinds[p] in _UNIT_KINDS for p in range(last_task + 1, k))
            and len(tokens[-1]) <= 12
            and not reads_as_units(tokens[-1])
            and not _is_date_like(tokens[-1])
        ):
            cells[k] = tokens.pop()  # a short cell after the unit cells (进展比例 30%, 备注 已完成)
    if len(tokens) >= 2 and len(tokens[-1]) <= 6 and last_task < len(kinds) - 1:
        tokens.pop()  # a unit cell cut by the end of an excerpt (发展改革): not a task
    cells[last_task] = tokens[-1] if tokens else ""
    return cells


def _unnumbered_spaced_row(line: str, kinds: list[str]) -> list[str] | None:
    """The cells of a row of a space-separated table with no 序号 column (项目名称 服务对象 … 牵头负责单位):
    a line of exactly one space-free token per column whose unit cells read as units; else None."""
    from policygraph.ingest.extract import reads_as_units

    tokens = _SPACES.split(line.strip())
    if len(tokens) != len(kinds) or any(
        kind in _UNIT_KINDS and not reads_as_units(token) for kind, token in zip(kinds, tokens)
    ):
        return None
    return tokens


def tabulate_spaced(lines: list[str]) -> list[str]:
    """Lines of tables whose cells are separated by spaces (a header naming every column, then rows
    opening with 1, 2, 3…) rewritten as tab-separated rows, before spaces are dropped from the text.
    Other lines are returned as they are, each line giving one. Cost: one cheap test per line."""
    out = list(lines)
    after_table = 0  # the first line after the last table rewritten
    # Only a line with a space may be a header or set units apart: the others are passed over.
    for i in [k for k, line in enumerate(lines) if " " in line]:
        if i < after_table:
            continue
        header = _spaced_header(lines[i]) if len(lines[i]) <= 100 else None
        kinds = _column_kinds(header) if header else []
        if not header or not _is_header(kinds) or "column_task" not in kinds:
            out[i] = _bordered_units_apart(lines[i])
            continue
        out[i] = "\t".join(header)
        j, number = i + 1, 1
        while j < len(lines) and (cells := _spaced_row(lines[j], number, kinds)) is not None:
            out[j] = "\t".join(cells)  # a row may have no space (1\u3000…)
            j, number = j + 1, number + 1
        after_table = j
    return out


_BORDER_SPLIT = re.compile(r"([|│┃║\t])")
_NAME_TOKEN = re.compile(r"[\u4e00-\u9fff()（）]{2,}")


def _bordered_units_apart(line: str) -> str:
    """A bordered or tab-separated row (| or │ or a tab between cells) whose cell lists units with
    spaces (安监站 安监所) with 、 between them, so that dropping spaces that split words does not
    fuse the names: every space-separated part of the cell reads as units (a table's units too:
    交警六中队, 文化宣传股).

    >>> _bordered_units_apart("烟花爆竹 | 1月份 | 安监站 安监所 |")
    '烟花爆竹 | 1月份 | 安监站、安监所 |'
    >>> _bordered_units_apart("推进 文化馆建设 | 县文化局 |")
    '推进 文化馆建设 | 县文化局 |'
    """
    pieces = _BORDER_SPLIT.split(line)
    if len(pieces) < (3 if "\t" in line else 5):
        return line  # no row: fewer than two borders, or no tab
    for k in range(0, len(pieces), 2):
        parts = pieces[k].split()
        if len(parts) >= 2 and all(_NAME_TOKEN.fullmatch(p) and _unit_cell(p) for p in parts):
            lead_space, trail_space = re.match(r"\s*", pieces[k]), re.search(r"\s*$", pieces[k])
            assert lead_space is not None and trail_space is not None  # a run of no space matches too
            lead, trail = lead_space.group(), trail_space.group()
            pieces[k] = lead + "、".join(parts) + trail
    return "".join(pieces)


def _unit_cell(cell: str) -> bool:
    """Whether a flattened cell is a unit cell: units, maybe closed by role words (A牵头落实)."""
    return len(cell) <= 200 and _short_unit_cell(cell)


@lru_cache(maxsize=4096)
def _short_unit_cell(cell: str) -> bool:
    """_unit_cell of a cell, once per distinct cell: the readers of a one-cell-per-line table ask
    about the same lines again and again (each row's placing looks ahead at the next lines)."""
    from policygraph.ingest.extract import reads_as_units
    from policygraph.ingest.grammar import grammar

    bare = grammar()["cell_role_tail"].sub("", fold(cell).rstrip("。. "))
    return bool(bare) and (reads_as_units(bare) or _office_names(bare))


def _office_names(cell: str) -> bool:
    """Whether a cell lists a department's internal offices (文化宣传股、文物股; table_columns.tsv)."""
    names = re.split(r"[、,;]", cell)
    return all(
        3 <= len(name) <= 15 and not re.search(r"\d", name) and name.endswith(_table_words()["office_suffix"])
        for name in names
    )


def _township_names(cell: str) -> bool:
    """Whether a cell names townships by a place of one to three letters (孝顺镇、源东乡;
    table_columns.tsv): units in a unit column, but a place in a 建设地点 column, so they are read as
    units only after a unit cell of the row.

    >>> _township_names("孝顺镇、源东乡"), _township_names("特色小镇"), _township_names("美丽乡村建设")
    (True, False, False)
    """
    names = re.split(r"[、,;]", fold(cell))
    return all(
        3 <= len(name) <= 4 and name.endswith(_table_words()["township_suffix"]) and "小" not in name
        for name in names
    )


def _typed_rows(lines: list[tuple[str, int]], j: int, kinds: list[str]) -> tuple[list[Row], int]:
    """Rows of a table flattened one cell per line with no 序号 column: each cell is placed by what
    it holds, in column order. A numbered heading line (一、… / (一)…) is a group row; a text line
    opens a row, the text lines that follow it before any other cell filling the text columns that
    end at the task column (指标 / 工作任务; a single one is the task, its group cell merged); then a
    unit cell (units, A牵头落实) fills the row's next unit column, or goes on in the last one; a date
    its deadline column, a person's name its leader column. The table ends before a row that gets no
    unit cell."""
    n = len(kinds)
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    text_columns = [p for p in range(task + 1) if kinds[p] in _TEXT_KINDS]
    values = _value_columns(kinds, task)
    rows: list[Row] = []
    current: list[str] | None = None  # the open row's cells
    opened, span, free, last = j, (0, 0), 0, 0

    while j < len(lines):
        line, pos = lines[j]
        cell = line.strip()
        if not cell:
            j += 1
            continue
        if (
            current is not None
            and not values
            and any(current[p] for p, kind in enumerate(kinds) if kind in _UNIT_KINDS)
            and not _unit_cell(cell)
            and _sentence_closed_run(
                [text.strip() for text, _ in lines[j : j + len(text_columns) + 1]],
                0,
                1,
                len(text_columns),
                "",
            )
            > 1
        ):
            # a text line, then lines up to a sentence the units follow: the next row's group and
            # task cells, though a line between them reads as units (新建村卫生室)
            rows.append(Row(tuple(current), span))
            current = None
        if current is not None:
            # a unit line going on in the last unit column is no signature closing the text
            column = _typed_column(cell, kinds, free, last if j + 1 < len(lines) else None)
            if column is None and kinds[last] in _UNIT_KINDS and _stacked_name(cell, lines, j):
                column = _typed_column(lines[j + 1][0].strip(), kinds, free, last)
            following = [text.strip() for text, _ in lines[j + 1 : j + 1 + n]]
            if (
                (column is None or column < free)
                and _unit_cell(cell)
                and _checking_body(following[:1], "", kinds, current, free)
            ):
                column = kinds.index("column_overseer", free)  # the body checking the work
            if column is None and last == task and _task_goes_on(cell, following, "", kinds, free):
                current[task] += cell
                column = task
            elif column is not None:
                current[column] = f"{current[column]}、{cell}" if current[column] else cell
            if column is not None:
                free, last = max(free, column + 1), column
                span = (span[0], pos + len(line))
                j += 1
                continue
            if not any(current[p] for p, kind in enumerate(kinds) if kind in _UNIT_KINDS):
                return _without_trailing_groups(rows), opened  # a row with no unit: the table ended
            rows.append(Row(tuple(current), span))
            current = None
        numeral = heading_numeral(cell)
        opens_row = numeral is not None and numeral[0] in ("item", "dash") and _row_follows(lines, j + 1)
        if numeral is not None and not opens_row and len(cell) <= 60 and "。" not in cell.rstrip("。"):
            rows.append(Row((cell,) + ("",) * (n - 1), (pos, pos + len(line))))
            j += 1
            continue
        # text lines fill the text columns ending at the task column, or, with value columns after
        # it (单位 | 年度目标), the text columns on both sides of the task cell (_texts_placed)
        most = n if values else len(text_columns)
        run = 1
        while not opens_row and run < most and j + run < len(lines) and _opens_no_cell(lines[j + run][0]):
            run += 1
        if not opens_row and not values:
            following = [text.strip() for text, _ in lines[j : j + most + 1]]
            run = _sentence_closed_run(following, 0, run, most, "")
        current, opened = [""] * n, j
        texts = [text.strip() for text, _ in lines[j : j + run]]
        placed = (
            _texts_placed(texts, kinds, 0, task)
            if values and not opens_row
            else list(zip(text_columns[len(text_columns) - run :], texts))
        )
        for column, text in placed:
            current[column] = text
        free, last = (placed[-1][0] + 1, placed[-1][0]) if values and not opens_row else (task + 1, task)
        span = (pos, lines[j + run - 1][1] + len(lines[j + run - 1][0]))
        j += run
    if current is not None and any(current[p] for p, kind in enumerate(kinds) if kind in _UNIT_KINDS):
        rows.append(Row(tuple(current), span))
    elif current is not None:
        j = opened
    return _without_trailing_groups(rows), j


_NAME_LINE = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _stacked_name(cell: str, lines: list[tuple[str, int]], j: int) -> bool:
    """Whether a line no unit list reads (省人口计生) is one more name of units stacked one per line:
    a short run of letters between a unit line and the next unit line."""
    return bool(_NAME_LINE.fullmatch(cell)) and j + 1 < len(lines) and _unit_cell(lines[j + 1][0].strip())


def _row_follows(lines: list[tuple[str, int]], j: int) -> bool:
    """Whether the lines from j go on in a row opened by a numbered line (1.目标 / ——分目标) rather
    than under a group row: a unit cell comes next, or dash lines (the row's sub-targets) and then a
    unit cell. A numbered task cell stands in the task column; the group cells left of it merged."""
    while j < len(lines):
        cell = lines[j][0].strip()
        numeral = heading_numeral(cell) if cell else None
        if cell and not (numeral is not None and numeral[0] == "dash"):
            return _unit_cell(cell)
        j += 1
    return False


def _opens_no_cell(line: str) -> bool:
    """Whether a flattened line after a row's first text line is more of its text cells: no unit
    cell, date or heading."""
    cell = line.strip()
    return bool(cell) and _text_line(cell, "") and not HEADING_START.match(cell)


def _typed_column(cell: str, kinds: list[str], free: int, last: int | None) -> int | None:
    """The column after the task cell that a unit cell, a date or a person's name goes to, in column
    order from `free` (a unit cell over several lines going on in the `last` one, if that is a unit
    column); None for other text."""
    n = len(kinds)
    if _unit_cell(cell):
        column = next((p for p in range(free, n) if kinds[p] in _UNIT_KINDS), None)
        if column is None and last is not None and kinds[last] in _UNIT_KINDS:
            column = last
        return column
    if len(cell) <= 30 and _is_date_like(cell):
        wanted = "deadline_label"
    elif _person_cell(cell):
        wanted = "leader_label"
    else:
        return None
    column = next((p for p in range(free, n) if kinds[p] == wanted), None)
    if column is None and wanted == "deadline_label" and free < n and kinds[free] in _TEXT_KINDS:
        # no deadline column: a date before the row's units is a value cell (年度目标: 2024年底前)
        units = [p for p in range(free, n) if kinds[p] in _UNIT_KINDS]
        column = free if units and free < units[0] else None
    return column


def _without_trailing_groups(rows: list[Row]) -> list[Row]:
    while rows and sum(1 for c in rows[-1].cells if c.strip()) == 1 and rows[-1].cells[0].strip():
        rows.pop()
    return rows


def _pair(lines: list[tuple[str, int]], i: int) -> tuple[str, str, int] | None:
    """(label, value, lines used) of a label and its value written as `label: | value |`, as
    `label: value`, or as a bare label line followed by its value line; None otherwise."""
    line = lines[i][0].strip()
    if "|" in line or "│" in line:
        cells = _row_cells(line)
        if cells and len([c for c in cells if c.strip()]) == 2 and len(cells[0]) <= 24:
            return cells[0].rstrip(":：").strip(), cells[1], 1
        return None
    head, colon, rest = fold(line[:25]).partition(":")
    if colon and rest.strip() and len(head) <= 10 and _column_kind(head):
        return line[: len(head)].strip(), line[len(head) + 1 :].strip(), 1  # label: value
    label = line.rstrip(":：").strip()
    if len(line) > 24 or not _column_kind(label) or i + 1 >= len(lines):
        return None
    value = lines[i + 1][0].strip()
    if not value or _column_kind(value.rstrip(":：")) or _row_cells(value):
        return None
    return label, value, 2


def _record(lines: list[tuple[str, int]], i: int) -> tuple[Table | None, int]:
    """A single table row written as label/value pairs (具体任务 / text / 责任单位 / units …, or
    `重点工作: | … |` lines): a one-row table when a task label and a unit label are among them."""
    header, values, j, end = [], [], i, lines[i][1]
    while j < len(lines):
        pair = _pair(lines, j)
        if pair is None:
            break
        label, value, used = pair
        header.append(label)
        values.append(value)
        end = lines[j + used - 1][1] + len(lines[j + used - 1][0])
        j += used
    if len(header) < 2:
        return None, i
    kinds = _column_kinds(header)
    if not _is_header(kinds):
        return None, i
    row = Row(tuple(values), (lines[i][1], end))
    return Table((lines[i][1], end), tuple(header), tuple(kinds), (row,)), j


@lru_cache(maxsize=1)
def _header_run() -> re.Pattern:
    """Three or more header cells run together with nothing between (序号工作内容目标任务责任单位备注)."""
    return re.compile(f"(?:{_header_word().pattern}){{3,}}")


@lru_cache(maxsize=1)
def _header_words() -> tuple[str, ...]:
    """The listed header words (folded), the longest first."""
    return tuple(sorted(_columns(), key=len, reverse=True))


@lru_cache(maxsize=1)
def _header_word() -> re.Pattern:
    """One listed header word, the longest first (compiled once: the list is long)."""
    return re.compile("|".join(map(re.escape, _header_words())))


@lru_cache(maxsize=256)
def _row_number(number: int) -> re.Pattern:
    """Row `number` of a run-together table: the number, no digit before it, letters after it."""
    return re.compile(rf"(?<!\d){number}(?=[\u4e00-\u9fff])")


def _run_together(line: str, start: int, folded: str) -> Table | None:
    """A table whose cells a .docx preview ran together on one line: its header cells, then rows
    opening with 1, 2, 3… glued to their text. A row's unit cell is what follows its last 。 when it
    reads as units; the next row's number must follow such a cell."""
    from policygraph.ingest.extract import reads_as_units

    m = _header_run().search(folded)
    if not m:
        return None
    header = _header_word().findall(m.group())
    kinds = _column_kinds(header)
    if not _is_header(kinds) or "column_index" not in kinds:
        return None
    task_column = max(k for k, kind in enumerate(kinds) if kind == "column_task")
    unit_column = next(k for k, kind in enumerate(kinds) if kind in _UNIT_KINDS)
    rows, pos, number = [], m.end(), 1
    if not folded.startswith("1", pos):
        return None
    while pos < len(line):
        body = pos + len(str(number))
        nxt = None
        for found in _row_number(number + 1).finditer(folded[body:]):
            before = folded[body : body + found.start()]
            tail = before[before.rfind("。") + 1 :]
            if "。" in before and tail and reads_as_units(tail):
                nxt = body + found.start()
                break
        end = nxt if nxt is not None else len(line)
        text = line[body:end]
        last_stop = fold(text).rfind("。")
        units = text[last_stop + 1 :] if last_stop != -1 and reads_as_units(text[last_stop + 1 :]) else ""
        cells = [""] * len(kinds)
        cells[kinds.index("column_index")] = str(number)
        cells[task_column] = text[: len(text) - len(units)]
        cells[unit_column] = units
        rows.append(Row(tuple(cells), (start + pos, start + end)))
        if nxt is None:
            break
        pos, number = nxt, number + 1
    if not rows:
        return None
    return Table((start + m.start(), rows[-1].span[1]), tuple(header), tuple(kinds), tuple(rows))


@lru_cache(maxsize=1)
def _unit_word() -> re.Pattern:
    """Any unit column's ending (单位, 部门; table_columns.tsv), one scan of a line."""
    return re.compile("|".join(map(re.escape, _table_words()["unit_word"])))


def _glued_header(folded: str) -> list[str] | None:
    """The cells of a (folded) header line whose cells ran together (实事内容工作任务责任单位进展情况):
    three or more listed header words, maybe after one cell of the general form; None otherwise."""
    folded = folded.strip()
    # no unit column, or no header word last: most lines are ruled out before the long pattern
    if not _unit_word().search(folded) or not folded.endswith(_header_words()):
        return None
    m = _header_run().search(folded)
    if not m or m.end() != len(folded):
        return None
    prefix = folded[: m.start()]
    if prefix and not _column_kind(prefix):
        return None
    return ([prefix] if prefix else []) + _header_word().findall(m.group())


def _glued_rows(lines: list[tuple[str, int]], i: int, folded: str) -> tuple[Table | None, int]:
    """A table with no 序号 column whose cells ran together on each line, one row a line: a glued
    header (_glued_header), maybe a glued sub-header (一季度二季度…), then rows each holding its
    task cell up to a 。, its unit cell right after, and notes (1.…; 2.…) that may go on over
    the lines after the row (they open with their numbers). Notes are no tasks. folded: line i
    folded."""
    header = _glued_header(folded)
    kinds = _column_kinds(header) if header else []
    if not header or not _is_header(kinds) or "column_index" in kinds:
        return None, i
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    unit = next(p for p, kind in enumerate(kinds) if kind in _UNIT_KINDS)
    j = i + 1
    while j < min(i + 3, len(lines)) and _is_sub_header(lines[j][0]):
        j += 1
    found: list[tuple[str, str, tuple[int, int]]] = []
    while j < len(lines):
        text, pos = lines[j][0].strip(), lines[j][1]
        numeral = heading_numeral(text) if text else None
        if found and numeral is not None and numeral[0] == "item" and text[:1].isdigit():
            j += 1  # a numbered note of the row above, on a line of its own
            continue
        cells = _glued_row(text)
        if cells is None:
            break
        found.append((*cells, (pos, pos + len(lines[j][0]))))
        j += 1
    if not found:
        return None, i
    names = Counter(n for _, units, _ in found for n in _UNIT_SEPARATORS.split(units)[::2])
    rows = []
    for task_text, units, span in found:
        row_cells = [""] * len(kinds)
        row_cells[task] = task_text
        pieces = [_known_prefix(n, names) for n in _UNIT_SEPARATORS.split(units)[::2]]
        row_cells[unit] = "、".join(pieces)
        rows.append(Row(tuple(row_cells), span))
    return Table((lines[i][1], rows[-1].span[1]), tuple(header), tuple(kinds), tuple(rows)), j


def _is_sub_header(line: str) -> bool:
    """Whether a line after a glued header is more header (一季度二季度三季度四季度): short, no
    sentence, no units."""
    text = line.strip()
    return bool(text) and len(text) <= 30 and not re.search(r"[。,;:]", fold(text)) and not _unit_cell(text)


_NOTES_START = re.compile(r"\d")


def _glued_row(text: str) -> tuple[str, str] | None:
    """(task cell, unit cell) of a glued row: the text up to the first 。 that units follow, and
    those units up to the notes after them (a numeral, a sentence); None when no 。 is followed by
    units."""
    for m in re.finditer("。", text):
        rest = text[m.end() :]
        notes = _NOTES_START.search(rest)
        cell = rest[: notes.start()] if notes else rest
        cell = re.split(r"[。;；]", cell)[0]
        if cell and len(cell) <= 60 and _unit_cell(cell):
            return text[: m.end()], cell
    return None


def _known_prefix(name: str, names: Counter) -> str:
    """A unit name that ran into the notes after it (相关镇街目前已完成…) cut to the name another
    row of its column lists on its own (相关镇街)."""
    known = [n for n in names if n != name and name.startswith(n) and len(n) >= 2]
    return max(known, key=len) if known else name


_BOX_JUNCTION = re.compile(r"[│┃║├┤┼┌┐└┘┬┴╠╣╬╔╗╚╝╦╩]")
_BOX_START = "┌├│└┃║╔╠╚"
_BULLETS = "△▲●◆■□○◇◎★☆•"


@dataclass(frozen=True)
class _BoxCell:
    """One cell of a box-drawn table: the lines it spans and its text on each."""

    column: int
    lines: tuple[tuple[int, str], ...]

    @property
    def first(self) -> int:
        return self.lines[0][0]

    @property
    def last(self) -> int:
        return self.lines[-1][0]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.lines)


def _box_cells(rows: list[tuple[int, list[str]]], columns: int) -> list[list[_BoxCell]]:
    """Cells per column of a box-drawn table: a column's cell runs until a rule (───) closes it in
    that column, so merged and wrapped cells come out whole."""
    cells: list[list[_BoxCell]] = [[] for _ in range(columns)]
    open_lines: list[list[tuple[int, str]]] = [[] for _ in range(columns)]
    for j, parts in rows:
        for c, part in enumerate(parts):
            if "─" in part and not part.strip("─━═ "):
                if open_lines[c]:
                    cells[c].append(_BoxCell(c, tuple(open_lines[c])))
                open_lines[c] = []
            else:
                open_lines[c].append((j, part.strip()))
    for c in range(columns):
        if open_lines[c]:
            cells[c].append(_BoxCell(c, tuple(open_lines[c])))
    return cells


def _box_table(lines: list[tuple[str, int]], i: int) -> tuple[Table | None, int]:
    """A table drawn with box characters (┌─┬─┐ │ ├─┼─┤): header from each column's first cell,
    then one row per task cell — or per bulleted item (△ ▲ ● …) inside it, a task cell without a
    bullet then heading the items below — with the other columns' cells that span its line."""
    rows: list[tuple[int, list[str]]] = []
    j = i
    while j < len(lines) and lines[j][0].strip()[:1] in _BOX_START:
        parts = _BOX_JUNCTION.split(lines[j][0].strip())[1:-1]
        if rows and len(parts) != len(rows[0][1]):
            break
        rows.append((j, parts))
        j += 1
    if len(rows) < 3:
        return None, j
    columns = len(rows[0][1])
    cells = _box_cells(rows[1:], columns)
    if not all(cells):
        return None, j
    header = [re.sub(r"\s+", "", column[0].text) for column in cells]
    kinds = _column_kinds(header)
    if not _is_header(kinds):
        return None, j
    task_column = kinds.index("column_task")
    body = [column[1:] for column in cells]
    items: list[tuple[int, str, bool]] = []  # (first line, text, heading)
    bulleted = any(text[:1] in _BULLETS for cell in body[task_column] for _, text in cell.lines)
    for cell in body[task_column]:
        current: list[tuple[int, str]] = []
        for line_index, text in cell.lines:
            if text[:1] in _BULLETS and current:
                items.append((current[0][0], "".join(t for _, t in current), False))
                current = []
            current.append((line_index, text))
        if current:
            heading = bulleted and current[0][1][:1] not in _BULLETS
            items.append((current[0][0], "".join(t for _, t in current), heading))
    table_rows = []
    for first, text, heading in items:
        row = [""] * columns
        row[task_column] = text.lstrip(_BULLETS).strip()
        if not heading:
            for c in range(columns):
                if c != task_column:
                    row[c] = next((cell.text for cell in body[c] if cell.first <= first <= cell.last), "")
        start = lines[first][1]
        table_rows.append(Row(tuple(row), (start, start + len(lines[first][0]))))
    if not table_rows:
        return None, j
    span = (lines[i][1], lines[j - 1][1] + len(lines[j - 1][0]))
    return Table(span, tuple(header), tuple(kinds), tuple(table_rows)), j


def _broken_row_end(lines: list[tuple[str, int]], j: int, columns: int) -> int:
    """The last line of a bordered row that was broken over lines (at its numbered notes and labels:
    `71 | 任务。 |` / `1.…` / `2.… | 问题 |` / `牵头单位:A` / `责任单位:B |`): the lines up to one that
    ends with a border, when the row on line j has too few cells and the lines between are no rows
    of their own; else j."""
    cells = _row_cells(lines[j][0]) or []
    if len(cells) >= columns or not lines[j][0].rstrip().endswith(_BORDERS):
        return j
    for k in range(j + 1, min(len(lines), j + 12)):
        text = lines[k][0].strip()
        if _ROW_START.match(text):
            return j  # the next row: nothing broke this one
        if text.endswith(_BORDERS):
            joined = _row_cells(" ".join(t.strip() for t, _ in lines[j : k + 1])) or []
            if len(joined) >= columns:
                return k if len(joined) == columns else j
    return j


_BORDERS = ("|", "│", "┃", "║")
_CLOSING_BORDER = re.compile(r"\s*[|│┃║]\s*$")
# A row's opening border on its first cell's line (| 序号 |), in a table flattened one cell per line.
_OPENING_BORDER = re.compile(r"^\s*[|│┃║]\s*(?=\S)")
_GROUP_INDEX = re.compile(f"[{NUMERAL_CHARS}]{{1,3}}")


def _border_opened(lines: list[tuple[str, int]], j: int) -> bool:
    """Whether line j of a table flattened one cell per line opens a row with the row's border
    (| 1 |, | 序号 |)."""
    return j < len(lines) and bool(_OPENING_BORDER.match(lines[j][0]))


def _border_opened_rows(
    lines: list[tuple[str, int]], flat: list[tuple[str, int]], j: int, kinds: list[str]
) -> tuple[list[Row], int]:
    """Rows of a table flattened one cell per line whose rows open with their border (| 1 | over
    the row's other cells, each closing with |): each row runs to the next line so opened, so its
    row number need not be a number (a code, masked ****). A row with a line for every column is
    read in column order; any other has its cells placed by what they hold (_placed_row). The last
    row ends with the lines that close with a border, and the line after them when the text ends
    there (an excerpt cut inside a cell)."""
    n, rows = len(kinds), []
    texts = [text.strip() for text, _ in flat]
    while _border_opened(lines, j):
        k = j + 1
        while k < len(lines) and not _border_opened(lines, k) and _CLOSING_BORDER.search(lines[k][0]):
            k += 1
        cut = (
            k < len(lines) and not _border_opened(lines, k) and not any(t.strip() for t, _ in lines[k + 1 :])
        )
        k += cut
        filled = [p for p in range(j, k) if texts[p]]
        after = texts[k] if _border_opened(lines, k) else ""
        cells = [texts[p] for p in filled]
        if len(filled) < n:
            cells = _gapped_row(cells, kinds) or _placed_row([*cells, after], 0, kinds, after)[0]
        rows.append(Row(tuple(cells), (lines[j][1], lines[k - 1][1] + len(lines[k - 1][0]))))
        j = k
    return rows, j


def _gapped_row(cells: list[str], kinds: list[str]) -> list[str] | None:
    """The cells of a row that lost one or two empty cells (its lines between its borders fewer than
    the columns), in column order with the gaps put where the task column gets a text and every unit
    column a name (a unit cell among them, no date, number or sentence), the first such; None when
    no placement does."""
    n = len(kinds)
    if not 1 <= n - len(cells) <= 2:
        return None
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    units = [p for p, kind in enumerate(kinds) if kind in _UNIT_KINDS]
    for gaps in combinations(range(1, n), n - len(cells)):
        rest = iter(cells)
        placed = ["" if p in gaps else next(rest) for p in range(n)]
        if (
            _text_line(placed[task], "")
            and all(_unit_name_cell(placed[p]) for p in units)
            and any(_unit_cell(placed[p]) for p in units)
        ):
            return placed
    return None


def _unit_name_cell(cell: str) -> bool:
    """Whether a cell may be a unit column's names: no date, number or sentence."""
    return bool(cell) and not re.search(r"\d", cell) and "。" not in cell and len(cell) <= 60


def _group_index(lines: list[tuple[str, int]], j: int) -> bool:
    """Whether a flattened table's first row opens with a 序号 cell in chinese numerals (一): a group
    row, its projects numbered (一)/(二) and their sub-rows 1./2. under it (_grouped_rows)."""
    first = next((line.strip() for line, _ in lines[j:] if line.strip()), "")
    return bool(_GROUP_INDEX.fullmatch(first))


def _grouped_rows(lines: list[tuple[str, int]], j: int, kinds: list[str]) -> tuple[list[Row], int]:
    """Rows of a flattened table whose 序号 column numbers groups (一, 二…): a group row holds the
    cells left of the task column (牵头单位, a count), which apply to every row of the group (gold
    SCHEMA: a heading naming a unit applies to the rows under it); then project rows (一)… with their
    cells after the task column (业主单位, 进展情况), a project followed by numbered sub-rows (1.…)
    being their group instead. Each cell is placed by what it holds: a unit cell in the next unit
    column, any other in the next other column. The table ends at a line no row takes."""
    n = len(kinds)
    task = max(p for p, kind in enumerate(kinds) if kind == "column_task")
    rows: list[Row] = []
    group: list[str] | None = None
    project, project_title = "", ""  # the path and title of a project whose sub-rows are the rows

    def cell_follows(k: int) -> bool:
        following = next((line.strip() for line, _ in lines[k:] if line.strip()), "")
        return (
            bool(following) and heading_numeral(following) is None and not _GROUP_INDEX.fullmatch(following)
        )

    def placed(k: int, cells: list[str], free: int, end: int) -> int:
        """Lines from k placed in columns free..end-1 up to the next numbered line; the line after."""
        last = None
        while k < len(lines):
            cell = lines[k][0].strip()
            if not cell:
                k += 1
                continue
            if heading_numeral(cell) is not None or _GROUP_INDEX.fullmatch(cell):
                break
            unit = _unit_cell(cell)
            column = next((p for p in range(free, end) if (kinds[p] in _UNIT_KINDS) == unit), None)
            if free < end and column != free and _fits(kinds[free], cell) and cell_follows(k + 1):
                column = free  # a cell with cells after it is in column order (区城投 | 已完工)
            if column is None and unit and last is not None and kinds[last] in _UNIT_KINDS:
                column = last  # a unit cell over several lines
            if column is None:
                break
            cells[column] = f"{cells[column]}、{cell}" if cells[column] else cell
            free, last, k = max(free, column + 1), column, k + 1
        return k

    while j < len(lines):
        cell = lines[j][0].strip()
        if not cell:
            j += 1
            continue
        if _GROUP_INDEX.fullmatch(cell):
            group = [""] * n
            group[0] = cell
            j = placed(j + 1, group, 1, task)
            project = ""
            continue
        numeral = heading_numeral(cell)
        if group is None or numeral is None or numeral[0] not in ("section", "item", "paren"):
            break
        title = _after_numeral(cell)
        following = next((line.strip() for line, _ in lines[j + 1 :] if line.strip()), "")
        sub = heading_numeral(following)
        if numeral[0] == "section" and sub is not None and sub[0] in ("item", "paren"):
            project, project_title = f"{group[0]}.{numeral[1]}", title  # its sub-rows are the rows
            j += 1
            continue
        cells = [c if kinds[p] in _UNIT_KINDS and p < task else "" for p, c in enumerate(group)]
        cells[task] = title
        k = placed(j + 1, cells, task + 1, n)
        under = numeral[0] != "section" and project
        if numeral[0] == "section":
            project = ""
        end = lines[k - 1][1] + len(lines[k - 1][0])
        marker = f"{project if under else group[0]}.{numeral[1]}"
        rows.append(Row(tuple(cells), (lines[j][1], end), marker, project_title if under else ""))
        j = k
    return _names_split(rows, kinds), j


_ROW_START = re.compile(r"\d{1,3}\s*[|│┃║]")
# What only a table's lines hold: a tab or border between cells, a box's corner.
_TABLE_MARKS = ("\t", "|", "│", "┃", "║", "┌", "╔")


def _lines_holding(text: str, words, starts: list[int]) -> set[int]:
    """Indexes of the lines of `text` (starting at `starts`) that hold any of `words` (no line
    breaks in them). Each word is found by str.find of its last letter, then checked, one hit a
    line: finding one letter is several times faster than finding a word, or a pattern's scan."""
    found = set()
    for word in words:
        last, before = word[-1], len(word) - 1
        at = text.find(last, before)
        while at != -1:
            if not text.startswith(word, at - before):
                at = text.find(last, at + 1)
                continue
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = text.find(last, starts[line + 1] + before)
    return found


# The longest line (stripped) the readers of find_tables try without such a mark or a row-number
# word: a glued header (_glued_rows, 40); header cells and labels are shorter (30).
_LONGEST_START = 40


def _may_open(lines: list[tuple[str, int]], i: int, folded: str) -> bool:
    """Whether line i, with no cell border, tab, box corner or row-number word (folded: the line as
    folded), may open a table: the first tests of the readers find_tables tries on such a line, in
    one place, so a line that fails them all (most short lines: headings, paragraphs) is passed over
    without calling each reader. A header cell (flattened tables; a record's label), a label before
    a colon or on its own (records), a short label over the rows' numbers or the first part of a
    header cell wrapped onto the next line (flattened tables), a unit column's ending in a short
    line (glued headers)."""
    line = lines[i][0].strip()
    if _column_kind(line):
        return True
    # a colon among the first 11 letters (a label of at most 10), seen in the folded line (：is :)
    lead = len(lines[i][0]) - len(lines[i][0].lstrip())
    if len(line) <= 30 and (
        ":" in folded[lead : lead + 11] or (len(line) <= 24 and _column_kind(line.rstrip(":：").strip()))
    ):
        return True
    if len(line) <= 8 and (
        _LABEL.fullmatch(line)
        or (
            i + 1 < len(lines) and len(lines[i + 1][0]) <= 12 and _column_kind(line + lines[i + 1][0].strip())
        )
    ):
        return True
    return len(line) <= _LONGEST_START and "。" not in line and bool(_unit_word().search(folded))


def find_tables(text: str, folded: str | None = None) -> list[Table]:
    """Task tables of a cleaned text, in order. folded: fold(text) when the caller has it."""
    folded = fold(text) if folded is None else folded
    texts = text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in texts), initial=0))
    lines = list(zip(texts, starts))
    # The lines holding a mark only tables draw (cell borders, tabs, box corners), and those holding
    # a row-number header word (序号, 编号: a line holds a run-together table only with one), found
    # by searching the whole text instead of testing each line: most lines of a plan have neither,
    # and such a line longer than any header cell, label or glued header opens no table. The
    # readers below are tried on the lines that may open one only (see also _may_open).
    marked = _lines_holding(text, _TABLE_MARKS, starts)
    hinted = _lines_holding(folded, knowledge().phrases("column_index"), starts)
    opening = sorted(
        {
            k
            for k, line in enumerate(texts)
            if len(line) <= _LONGEST_START or len(line.strip()) <= _LONGEST_START
        }
        | marked
        | {k for k in hinted if len(texts[k]) > 80}
    )
    # A table flattened one cell per line may keep each cell's closing border (序号 | / 牵头单位 |),
    # and each row's opening border on its first cell (| 1 |).
    flat = list(lines)
    for k in marked:
        if _row_cells(lines[k][0]) is None:
            flat[k] = (_OPENING_BORDER.sub("", _CLOSING_BORDER.sub("", lines[k][0])), lines[k][1])
    tables: list[Table] = []
    i = 0
    while (following := bisect_left(opening, i)) < len(opening):
        i = opening[following]  # the next line from i that may open a table
        line, start = lines[i]
        if i not in marked and i not in hinted and not _may_open(flat, i, folded[start : start + len(line)]):
            i += 1
            continue
        if line.lstrip()[:1] == "┌" or line.lstrip()[:1] == "╔":
            table, j = _box_table(lines, i)
            if table is not None:
                tables.append(table)
            i = max(j, i + 1)
            continue
        if len(line) > 80 and "\t" not in line and i in hinted:
            table = _run_together(line, start, folded[start : start + len(line)])
            if table is not None:
                tables.append(table)
                i += 1
                continue
        if len(line) <= 30 or "|" in line:
            record, j = _record(lines, i)
            if record is not None:
                tables.append(record)
                i = j
                continue
        header = _row_cells(line) if "|" in line or "\t" in line or "│" in line else None
        if header:
            kinds = _column_kinds(header)
            if _is_header(kinds):
                # A two-row header (责任单位 over 牵头单位 | 配合单位): the lower row names the columns.
                while i + 1 < len(lines) and (lower := _row_cells(lines[i + 1][0])):
                    lower_kinds = _column_kinds(lower)
                    named = [k for c, k in zip(lower, lower_kinds) if c.strip()]
                    if _is_header(lower_kinds):
                        header, kinds = lower, lower_kinds
                    elif len(lower) == len(header) and named and all(named) and set(named) & set(_UNIT_KINDS):
                        header = [c if c.strip() else h for h, c in zip(header, lower)]
                        kinds = [k if c.strip() else h for h, c, k in zip(kinds, lower, lower_kinds)]
                    else:
                        break
                    i += 1
                bordered = "\t" not in line
                moved = _index_first(header, kinds)
                index = kinds.index("column_index") if moved[1] != kinds else 0
                header, kinds = moved
                rows, j = [], i + 1
                while j < len(lines) and (cells := _row_cells(lines[j][0])):
                    last = (
                        _broken_row_end(lines, j, len(header)) if bordered and len(cells) < len(header) else j
                    )
                    if last > j:
                        joined = _row_cells(" ".join(text.strip() for text, _ in lines[j : last + 1]))
                        assert joined is not None  # the row's own borders are in the joined lines
                        cells = joined
                    if (
                        index
                        and len(cells) >= len(header)
                        and (cells[index].strip().isdigit() or _column_kind(cells[index]) == "column_index")
                    ):
                        # the row that holds the group cells left of 序号 (the header read 序号 first),
                        # or the header repeated at a page break
                        cells = [cells[index], *cells[:index], *cells[index + 1 :]]
                    if not bordered and len(cells) < len(header):
                        cells = _spanned_row(cells, kinds)
                    cells += [""] * (len(header) - len(cells))
                    rows.append(
                        Row(tuple(cells[: len(header)]), (lines[j][1], lines[last][1] + len(lines[last][0])))
                    )
                    j = last + 1
                if rows:
                    end = rows[-1].span[1]
                    rest = [(c, p) for c, p in lines[j:] if c.strip()]
                    if len(rest) == 1 and len(rest[0][0]) <= 30 and not _CELL_BORDER.search(rest[0][0]):
                        # The excerpt ends inside the next row, before its first separator: only a
                        # project name is visible, which is no task (gold SCHEMA).
                        end, j = rest[0][1] + len(rest[0][0]), len(lines)
                    elif len(rest) == 1 and bordered and _CELL_BORDER.search(rest[0][0]):
                        # The excerpt ends inside the next row, after a separator: a row whose
                        # last cells are cut.
                        cells = [c for c in _CELL_BORDER.split(rest[0][0].strip()) if c]
                        cells = (cells + [""] * len(header))[: len(header)]
                        rows.append(Row(tuple(cells), (rest[0][1], rest[0][1] + len(rest[0][0]))))
                        end, j = rows[-1].span[1], len(lines)
                    rows = _names_split(rows, kinds)
                    if not bordered:
                        rows = _with_merged_cells(rows, kinds)
                    tables.append(Table((start, end), tuple(header), tuple(kinds), tuple(rows), bordered))
                i = j
                continue
        if len(line) <= 40 and "。" not in line:
            table, j = _glued_rows(lines, i, folded[start : start + len(line)])
            if table is not None:
                tables.append(table)
                i = j
                continue
        # Flattened: a run of header cells, one per line, then rows of as many lines.
        cells, run = _header_run_cells(flat, i)
        if (
            cells
            and _border_opened(lines, i)
            and _border_opened(lines, i + run + 1)
            and _column_kind(flat[i + run][0])
        ):
            # the header's last cell, before the first row's opening border, though its ending is a
            # task column's (抽查事项 after the unit columns: _opens_first_row)
            cells, run = [*cells, flat[i + run][0].strip()], run + 1
        if not cells and len(line) > 8:
            i += 1  # no header cells here, and the line is too long to be a numbering label
            continue
        kinds = [kind or "column_other" for kind in _column_kinds(cells)]  # an unknown label: read as nothing
        if len(line) <= 8 and _numbering_label(flat, i):
            cells, run = _header_run_cells(flat, i + 1)
            kinds = ["column_index", *(kind or "column_other" for kind in _column_kinds(cells))]
            cells, run = [line.strip(), *cells], run + 1
        cells, kinds = _without_spanning_cell(cells, kinds)
        cells, kinds = _index_first(cells, kinds)
        if len(cells) >= 3 and _is_header(kinds):
            rows, j = [], i + run
            if kinds[0] == "column_index" and _border_opened(lines, i) and _border_opened(lines, j):
                rows, j = _border_opened_rows(lines, flat, j, kinds)
            elif kinds[0] == "column_index" and _group_index(flat, j):
                rows, j = _grouped_rows(flat, j, kinds)
            elif kinds[0] == "column_index":
                rows, j = _numbered_rows(flat, j, kinds)
            if kinds[0] != "column_index":
                rows, j = _typed_rows(flat, j, kinds)
                rows = _with_merged_cells(_names_split(rows, kinds), kinds)
            if rows:
                tables.append(
                    Table(
                        (start, rows[-1].span[1]),
                        tuple(cells),
                        tuple(kinds),
                        tuple(rows),
                    )
                )
                i = j
                continue
        i += 1
    ends = len(text.rstrip())
    return [replace(t, cut=True) if t.rows and t.rows[-1].span[1] >= ends else t for t in tables]
