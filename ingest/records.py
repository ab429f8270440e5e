"""Records that ingest/ produces and everything else consumes.

All records are small frozen dataclasses: parsing builds them once, the store,
metrics and maps only read them. Unit names are plain strings.

Roles
    ``lead``     牵头 / 牵头单位 / 牵头部门 / 牵头责任单位 (also when stated once for a section)
    ``support``  配合 / 参与 / 协同 / 责任单位 next to a named lead
    ``joint``    按职责分工负责 and similar lists with no separate lead mark
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a unit does on a task. A ``str`` so that JSON, CSV and query parameters see the plain value.

    >>> Role("lead") is Role.LEAD, Role.JOINT == "joint", str(Role.SUPPORT)
    (True, True, 'support')
    """

    LEAD = "lead"
    SUPPORT = "support"
    JOINT = "joint"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


ROLES = tuple(role.value for role in Role)
# The members in order: iterating an Enum class runs Python code per member, and hot loops do it.
ROLE_MEMBERS = tuple(Role)
LEVELS = ("national", "province", "city", "district", "unknown")


@dataclass(frozen=True)
class Unit:
    """A department as one plan names it.

    name: the name as written, after jurisdiction-prefix inheritance (自治区科协).
    canonical: the canonical name within the plan's jurisdiction (市教体局 -> 市教育体育局).
    unit_type: functional type for comparisons across jurisdictions (education, science_association, ...).
    alias: a second name the plan gives in brackets (省发改委（省能源局） -> 省能源局), else ''.
    current: the body that has since taken over after a merger or renaming (市环保局 -> 市生态环境局,
        扶贫办 -> 国家乡村振兴局), else ''.
    """

    name: str
    canonical: str
    unit_type: str
    alias: str = ""
    current: str = ""


@dataclass(frozen=True)
class Assignment:
    """One unit in one role on one task.

    inherited: True when the unit comes from a statement made once for the whole
    section/action (e.g. 分工:由…牵头 after a section) rather than on the task itself.
    """

    unit: Unit
    role: Role
    inherited: bool = False

    def __post_init__(self) -> None:
        if type(self.role) is not Role:
            object.__setattr__(
                self, "role", Role(self.role)
            )  # a plain "lead" from a caller becomes Role.LEAD


@dataclass(frozen=True)
class Task:
    """A concrete numbered or bulleted measure.

    path: heading path as written, joined with '.' (三.(一).1, 二.(三).——2).
    section: title of the action/project (行动/工程) the task sits under, without its numeral.
    section_path: path of that section (三.(一)).
    title: first clause up to the first 。, without the number.
    text: the task's full text in the cleaned document.
    span: (start, end) character offsets of the task in the cleaned text.
    assignment_text: the raw text the roles were read from ('' when none).
    vague: placeholder phrases (各成员单位, 有关成员单位, ...) kept as written, never units.
    leaders: people named as responsible (责任领导/分管领导), never units.
    deadline: the completion deadline when the plan gives one (完成时限), else ''.
    """

    path: str
    section: str
    section_path: str
    title: str
    text: str
    span: tuple[int, int]
    assignment_text: str = ""
    assignments: tuple[Assignment, ...] = ()
    vague: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    note: str = ""
    deadline: str = ""

    def units(self, role: Role | str) -> list[str]:
        """Names (as written) of the units holding ``role``, in document order."""
        return [a.unit.name for a in self.assignments if a.role == role]

    @property
    def lead(self) -> list[str]:
        return self.units(Role.LEAD)

    @property
    def support(self) -> list[str]:
        return self.units(Role.SUPPORT)

    @property
    def joint(self) -> list[str]:
        return self.units(Role.JOINT)


@dataclass(frozen=True)
class Section:
    """A chapter or an action/project heading.

    path: numeral path (三 or 三.(一)). kind: 提升行动 / 重点工程 / other.
    assignments: units named once for the whole section (carried to its tasks as inherited).
    """

    path: str
    title: str
    kind: str = "other"
    span: tuple[int, int] = (0, 0)
    assignment_text: str = ""
    assignments: tuple[Assignment, ...] = ()
    vague: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """One parsed document.

    id: stable hash of the normalized content (same text -> same id).
    jurisdiction: issuing jurisdiction (宜春市, 东胜区, 吉林省, 内蒙古自治区, 全国).
    level: one of LEVELS. period: '2021-2025' or ''.
    doc_number: 宜府发〔2022〕9号 or ''. parents: titles of cited policies (根据《…》).
    source: the file the plan was read from (as given).
    """

    id: str
    title: str
    jurisdiction: str
    level: str
    period: str
    doc_number: str
    source: str
    parents: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    tasks: tuple[Task, ...] = ()
    cleaned_text: str = field(default="", repr=False, compare=False)
