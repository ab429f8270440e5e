"""Rows read from the store as small frozen records (what network, metrics, gaps and compare consume).

    rows = fetch_assignments(store, plan)        # one AssignmentRow per department, task and role
    tasks = fetch_tasks(store, plan)             # every task, also those nobody is named on
    sections = fetch_sections(store, plan)       # every section and what it says once for its tasks
    require_plan(store, plan)                    # PolicygraphError when `plan` selects nothing

`plan` selects plans the way the query library does: a plan id, a jurisdiction or a title; None
means every plan.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from policygraph.errors import PolicygraphError, StoreError
from policygraph.graph.analysis.queries import run_builtin
from policygraph.ingest.records import Role


@dataclass(frozen=True)
class AssignmentRow:
    """One department in one role on one task. as_written: the name the plan used there."""

    department_id: str
    department: str
    jurisdiction: str
    type: str
    task_id: str
    plan_id: str
    role: Role
    inherited: bool = False
    as_written: str = ""


@dataclass(frozen=True)
class TaskRow:
    """One task with its provenance (source file, character span) and placeholders."""

    task_id: str
    plan_id: str
    jurisdiction: str
    path: str
    section: str
    section_path: str
    title: str
    text: str
    vague: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    assignment_text: str = ""
    source: str = ""
    span_start: int | None = None
    span_end: int | None = None
    has_lead: bool = False


@dataclass(frozen=True)
class SectionRow:
    """One section and what it says once about responsibility for all its tasks."""

    section_id: str
    plan_id: str
    jurisdiction: str
    path: str
    title: str
    kind: str
    assignment_text: str
    vague: tuple[str, ...]
    tasks: int
    tasks_with_lead: int


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while hundreds of thousands of rows are built: they hold
    no reference cycles, and each collection would rescan every row built so far (it doubled the
    fetch time of the 1,000-plan benchmark)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows(result, record_type, tuple_fields: Sequence[str] = ()) -> list:
    """Store rows -> frozen records. The query's columns are the record's fields, in order; a
    missing value becomes the field's default (or ""), list columns become tuples, a `role`
    column becomes a Role."""
    fields = dataclasses.fields(record_type)
    names = tuple(f.name for f in fields)
    if tuple(result.columns) != names:
        raise StoreError(f"query columns {result.columns} do not match {record_type.__name__} {names}")
    defaults = [f.default if f.default is not dataclasses.MISSING else "" for f in fields]
    listed = [names.index(name) for name in tuple_fields]
    role_at = names.index("role") if "role" in names else None
    roles = {role.value: role for role in Role}
    out = []
    for row in result.rows:
        if listed or role_at is not None or None in row:
            row = [defaults[i] if v is None else v for i, v in enumerate(row)]
            for i in listed:
                row[i] = tuple(row[i])
            if role_at is not None:
                row[role_at] = roles[row[role_at]]
        out.append(record_type(*row))
    return out


def fetch_assignments(
    store, plan: str | None = None, plan_ids: Sequence[str] | None = None
) -> list[AssignmentRow]:
    """Every department–task–role edge of the selected plans (query assignment_edges), or of the
    plans in `plan_ids` when given (query plans_assignments, straight through the Task.plan_id
    index). Cost: one query; rows ≈ assignments (about 5–20 per task)."""
    with _collector_paused():
        if plan_ids is not None:
            return _rows(run_builtin(store, "plans_assignments", plan_ids=list(plan_ids)), AssignmentRow)
        return _rows(run_builtin(store, "assignment_edges", plan=plan), AssignmentRow)


def plans_by_jurisdiction(store, plan: str | None = None) -> dict[str, list[str]]:
    """jurisdiction -> ids of the selected plans issued there (sorted by jurisdiction).
    Cost: one small query."""
    grouped: dict[str, list[str]] = {}
    for plan_id, jurisdiction, title in plan_names(store):
        if plan is None or plan in (plan_id, jurisdiction, title):
            grouped.setdefault(jurisdiction, []).append(plan_id)
    return dict(sorted(grouped.items()))


def fetch_tasks(store, plan: str | None = None) -> list[TaskRow]:
    """Every task of the selected plans, in document order (query task_list). Cost: one query."""
    with _collector_paused():
        return _rows(run_builtin(store, "task_list", plan=plan), TaskRow, ("vague", "leaders"))


def fetch_sections(store, plan: str | None = None) -> list[SectionRow]:
    """Every section of the selected plans (query section_list). Cost: one query."""
    with _collector_paused():
        return _rows(run_builtin(store, "section_list", plan=plan), SectionRow, ("vague",))


class PlanNotFound(PolicygraphError):
    """A plan selector matched no plan. `suggestions`: the closest ids, jurisdictions and titles."""

    def __init__(self, selector: str, suggestions: Sequence[str] = ()):
        self.selector = selector
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {' / '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no plan matches {selector!r}{hint}")


def plan_names(store) -> list[tuple[str, str, str]]:
    """(plan id, jurisdiction, title) of every stored plan. Cost: one small query."""
    return [tuple(row) for row in run_builtin(store, "plan_names").rows]


def require_plan(store, plan: str | None) -> None:
    """Raise PlanNotFound (with the closest names) when `plan` (id, jurisdiction or title) selects
    no plan, so that a typo is not mistaken for a plan with nothing to report. None (all plans)
    always passes. Cost: one small query."""
    if plan is None:
        return
    known = plan_names(store)
    if any(plan in row for row in known):
        return
    from policygraph.graph.analysis.names import closest

    raise PlanNotFound(plan, closest(plan, {name for row in known for name in row[1:]}))
