"""Names as people write them: resolve a department name typed by a user, suggest close names.

    department = resolve_department(store, "区科协", plan="东胜区")   # -> 东胜区|区科学技术协会
    closest("东胜", ["东胜区", "宜春市"])                              # -> ["东胜区"]

A department name is looked up among the departments of the selected plans' jurisdictions (every
jurisdiction when no plan is given), in tiers — the first tier that finds anything wins:

  1. exact: the stored id, the canonical name, a name a plan wrote (alias), or the canonical form
     the unit knowledge gives the name within the department's jurisdiction (区科协 -> 区科学技术协会);
  2. the same with the jurisdiction's prefix put in front (科协 in 东胜区 -> 区科协);
  3. partial: the name inside the canonical name or inside an alias.

One department found: it. Several: AmbiguousDepartment listing them. None: DepartmentNotFound
with the closest names ("did you mean").
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policygraph.errors import PolicygraphError
from policygraph.graph.analysis.queries import run_builtin
from policygraph.graph.analysis.rows import plan_names, require_plan
from policygraph.ingest.units import jurisdiction_prefix, normalize_unit


@dataclass(frozen=True)
class Department:
    """A stored department: id (<jurisdiction>|<canonical name>), canonical name, jurisdiction,
    functional type and the names plans wrote it as."""

    department_id: str
    department: str
    jurisdiction: str
    type: str
    aliases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.department}（{self.jurisdiction}）"


class DepartmentNotFound(PolicygraphError):
    """No department answers to a name. `suggestions`: the closest names."""

    def __init__(self, name: str, where: str, suggestions: Sequence[str] = ()):
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {' / '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no department named {name!r} {where}{hint}")


class AmbiguousDepartment(PolicygraphError):
    """Several departments answer to a name equally well. `candidates`: all of them."""

    def __init__(self, name: str, candidates: Sequence[Department]):
        self.name = name
        self.candidates = tuple(candidates)
        listed = "、".join(str(c) for c in self.candidates[:12])
        more = f" and {len(self.candidates) - 12} more" if len(self.candidates) > 12 else ""
        super().__init__(
            f"{name!r} names {len(self.candidates)} departments: {listed}{more}; be more specific"
        )


def closest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names most like `name`: those containing it or contained in it first (shortest
    first), then difflib's closest by shared characters.

    >>> closest("东胜", ["内蒙古自治区", "东胜区", "宜春市"])
    ['东胜区']
    >>> closest("depatment_portfolio", ["department_portfolio", "department_workload"])
    ['department_portfolio', 'department_workload']
    """
    known = sorted(set(known))
    inside = sorted((k for k in known if name and (name in k or k in name)), key=lambda k: (len(k), k))
    similar = difflib.get_close_matches(name, known, n=limit, cutoff=0.5)
    return list(dict.fromkeys([*inside, *similar]))[:limit]


def departments_in(store, jurisdictions: Sequence[str] | None = None) -> list[Department]:
    """Every stored department (of `jurisdictions` when given). Cost: one query, rows = departments."""
    result = run_builtin(
        store, "department_names", jurisdictions=list(jurisdictions) if jurisdictions is not None else None
    )
    return [Department(i, n, j, t, tuple(a)) for i, n, j, t, a in result.rows]


def match_department(name: str, departments: Sequence[Department]) -> list[Department]:
    """The departments `name` designates, by the tiers of the module docstring (pure).

    >>> ds = [Department("东胜区|区科学技术协会", "区科学技术协会", "东胜区", "science_association", ("区科协",)),
    ...       Department("内蒙古自治区|自治区科学技术协会", "自治区科学技术协会", "内蒙古自治区", "science_association")]
    >>> [d.jurisdiction for d in match_department("区科协", ds)]
    ['东胜区']
    >>> [d.jurisdiction for d in match_department("科协", ds[:1])]
    ['东胜区']
    """
    name = "".join(name.split())
    if not name:
        return []

    def designated(written: str, department: Department) -> bool:
        canonical = normalize_unit(written, department.jurisdiction).canonical
        return (
            written in (department.department_id, department.department)
            or written in department.aliases
            or canonical == department.department
        )

    exact = [d for d in departments if designated(name, d)]
    if exact:
        return exact
    prefixed = [
        d
        for d in departments
        if (prefix := jurisdiction_prefix(d.jurisdiction))
        and not name.startswith(prefix)
        and designated(prefix + name, d)
    ]
    if prefixed:
        return prefixed
    return [d for d in departments if name in d.department or any(name in a for a in d.aliases)]


def resolve_department(store, name: str, plan: str | None = None) -> Department:
    """The one department `name` designates among those of `plan`'s jurisdiction(s) (plan id,
    jurisdiction or title; None = every jurisdiction). Raises PlanNotFound, DepartmentNotFound (with
    the closest names) or AmbiguousDepartment (with the candidates). Cost: two small queries."""
    jurisdictions = None
    if plan is not None:
        require_plan(store, plan)
        jurisdictions = sorted({j for i, j, t in plan_names(store) if plan in (i, j, t)})
    departments = departments_in(store, jurisdictions)
    found = match_department(name, departments)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousDepartment(name, found)
    where = f"in {'、'.join(jurisdictions)}" if jurisdictions else "in the store"
    names = {n for d in departments for n in (d.department, *d.aliases)}
    raise DepartmentNotFound(name, where, closest(name, names))
