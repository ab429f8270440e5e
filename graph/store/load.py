"""Load parsed plans into the graph store.

`load_plans(store, plans)` writes each plan with ONE statement (cypher/load/replace_plan.cypher) that
deletes every stored version of the same source file (or the same id) and writes the new one. One
statement is atomic on both engines, so a crash at any moment leaves the old version or the new one.
Plans are content-hashed: a plan whose id is already stored from the same file by the same parser
(ingest/ code and data fingerprint) is skipped as unchanged, so loading the same documents twice
changes nothing, while a new parser or knowledge file re-parses everything. A second file with the
same text as a stored one is skipped as a duplicate (naming the stored file).

Each plan's statement is a batch of UNWIND lists (sections, tasks, assignment edges, cooperation
pairs): ~1,000 rows per statement for a 50-task plan, at the engine's batched speed (bench/bench_load.py).

Streamed: `load_plans` takes any iterable and holds only a few plans at a time; `read_ahead` runs a
producer (the parser, in `policygraph ingest`) in a thread a bounded number of plans ahead, so the
engine never waits for the whole corpus to be parsed and memory stays flat in the number of plans.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import combinations, islice
from queue import Empty, Full, Queue
from typing import NamedTuple

from policygraph.errors import StoreError
from policygraph.graph.store import Store, StoreConnectionError, statement
from policygraph.graph.store.schema import ensure_schema
from policygraph.ingest.knowledge import parser_fingerprint
from policygraph.ingest.records import Plan

# role -> parameter list of replace_plan.cypher (and relationship type, see docs/architecture.md)
ROLE_PARAMETERS = {"lead": "leads", "support": "supports", "joint": "joints"}
# Stored for a plan whose issuer the parser could not tell (Plan.jurisdiction == '').
UNKNOWN_JURISDICTION = "未知"


class EdgeRow(NamedTuple):
    """One role edge of $leads/$supports/$joints, read by replace_plan.cypher as row[0]…row[3]: a
    tuple (sent as a short list, not a map, see that file's header) whose fields name the places."""

    department: int  # position in $departments
    task: int  # position in $tasks
    as_written: str  # the unit's name as the plan wrote it
    inherited: bool  # carried from a section-wide statement


class PairRow(NamedTuple):
    """One derived COOPERATES_WITH edge of $pairs, read as row[0]…row[2]."""

    department_a: int  # position in $departments (a's id < b's id)
    department_b: int
    task_paths: list[str]  # the tasks they share; weight = their number


def jurisdiction_key(plan: Plan) -> str:
    """The plan's jurisdiction as stored (never empty)."""
    return plan.jurisdiction.strip() or UNKNOWN_JURISDICTION


def department_id(jurisdiction: str, canonical: str) -> str:
    """`<jurisdiction>|<canonical>`. Parts are stripped: FalkorDB's index cannot find a value that
    starts or ends with a space, so MERGE on it would add a duplicate on every load."""
    return f"{jurisdiction.strip()}|{canonical.strip()}"


def _unique_ids(plan_id: str, paths: Iterable[str]) -> list[str]:
    """`<plan_id>:<path>` per path (stripped, see department_id); a repeated path gets #2, #3 (a
    parser slip must not merge two tasks)."""
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for path in paths:
        path = path.strip()
        seen[path] += 1
        ids.append(f"{plan_id}:{path}" + (f"#{seen[path]}" if seen[path] > 1 else ""))
    return ids


def plan_parameters(plan: Plan, loaded_at: str) -> dict:
    """The parameters of replace_plan.cypher for `plan` (pure; see that file's header).

    Cooperation pairs are derived here (computing them in Cypher took half the statement's time):
    two departments named on the same task in any roles share it; weight = tasks shared in this
    plan. Cost: O(rows + pairs).
    """
    jurisdiction = jurisdiction_key(plan)
    section_ids = _unique_ids(plan.id, (s.path for s in plan.sections))
    section_by_path: dict[str, int] = {}
    sections = []
    for position, (section, sid) in enumerate(zip(plan.sections, section_ids)):
        section_by_path.setdefault(section.path, position)
        sections.append(
            {
                "id": sid,
                "plan_id": plan.id,
                "path": section.path,
                "title": section.title,
                "kind": section.kind,
                "assignment_text": section.assignment_text,
                "vague": list(section.vague),
            }
        )

    departments: dict[str, dict] = {}
    position: dict[str, int] = {}  # department id -> position in the departments list
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    edges: dict[str, list[EdgeRow]] = {name: [] for name in ROLE_PARAMETERS.values()}
    tasks = []
    for task_position, (task, tid) in enumerate(
        zip(plan.tasks, _unique_ids(plan.id, (t.path for t in plan.tasks)))
    ):
        tasks.append(
            {
                "section": section_by_path.get(task.section_path),
                "props": {
                    "id": tid,
                    "plan_id": plan.id,
                    "path": task.path,
                    "section": task.section,
                    "section_path": task.section_path,
                    "title": task.title,
                    "text": task.text,
                    "span_start": task.span[0],
                    "span_end": task.span[1],
                    "assignment_text": task.assignment_text,
                    "vague": list(task.vague),
                    "leaders": list(task.leaders),
                    "deadline": task.deadline,
                    "note": task.note,
                    "source": plan.source,
                },
            }
        )
        written: set[tuple[str, str]] = set()
        on_task: set[str] = set()
        for assignment in task.assignments:
            unit = assignment.unit
            did = department_id(jurisdiction, unit.canonical)
            if did not in departments:
                position[did] = len(departments)
                departments[did] = {
                    "id": did,
                    "name": unit.canonical,
                    "jurisdiction": jurisdiction,
                    "type": unit.unit_type,
                    "aliases": [],
                }
            if unit.name not in departments[did]["aliases"]:
                departments[did]["aliases"].append(unit.name)
            if (did, assignment.role) in written:
                continue  # the same unit named twice in one role on one task is one edge
            written.add((did, assignment.role))
            on_task.add(did)
            edges[ROLE_PARAMETERS[assignment.role]].append(
                EdgeRow(position[did], task_position, unit.name, assignment.inherited)
            )
        for a, b in combinations(sorted(on_task), 2):
            shared[(position[a], position[b])].append(task.path)

    return {
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "jurisdiction": jurisdiction,
            "level": plan.level,
            "period": plan.period,
            "doc_number": plan.doc_number,
            "source": plan.source,
            "parents": list(plan.parents),
            "task_count": len(plan.tasks),
            "section_count": len(plan.sections),
            "loaded_at": loaded_at,
            "parsed_with": parser_fingerprint(),
        },
        "jurisdiction": {"id": jurisdiction, "name": jurisdiction, "level": plan.level},
        "departments": list(departments.values()),
        "sections": sections,
        "tasks": tasks,
        **edges,
        "pairs": [PairRow(a, b, paths) for (a, b), paths in shared.items()],
    }


def parameter_rows(params: dict) -> int:
    """Rows of a plan's statement (plan, departments, sections, tasks, assignment edges, cooperation
    pairs), for progress and rows/s figures."""
    return 1 + sum(
        len(params[key]) for key in ("departments", "sections", "tasks", "pairs", *ROLE_PARAMETERS.values())
    )


@dataclass(frozen=True)
class PlanOutcome:
    """What happened to one plan. outcome: added | replaced | unchanged | duplicate | failed
    (duplicate: another file with the same text is stored; `problem` names it)."""

    plan_id: str
    source: str
    outcome: str
    rows: int = 0
    problem: str = ""


@dataclass(frozen=True)
class LoadSummary:
    """Per-plan outcomes of one `load_plans` call, with rows written and the time it took."""

    outcomes: tuple[PlanOutcome, ...] = ()
    seconds: float = 0.0

    def _with(self, outcome: str) -> list[PlanOutcome]:
        return [o for o in self.outcomes if o.outcome == outcome]

    @property
    def added(self) -> list[PlanOutcome]:
        return self._with("added")

    @property
    def replaced(self) -> list[PlanOutcome]:
        return self._with("replaced")

    @property
    def unchanged(self) -> list[PlanOutcome]:
        return self._with("unchanged")

    @property
    def duplicate(self) -> list[PlanOutcome]:
        return self._with("duplicate")

    @property
    def failed(self) -> list[PlanOutcome]:
        return self._with("failed")

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)


@dataclass(frozen=True)
class LoadProgress:
    """Passed to the `progress` callback after each plan: plans done of total, rows written so far,
    and the outcome of the plan just finished."""

    done: int
    total: int
    rows: int
    last: PlanOutcome


def stored_plans(store: Store, plan_ids: list[str]) -> dict[str, tuple[str, str]]:
    """plan id -> (source, parser fingerprint) for those of `plan_ids` the store holds already.
    Cost: one indexed lookup per id."""
    result = store.run(statement("stored_plans"), {"ids": plan_ids})
    return {plan_id: (source, parsed_with) for plan_id, source, parsed_with in result.rows}


LOOKUP_BATCH = 64  # plans whose stored versions are looked up in one statement
READ_AHEAD = 8  # plans parsed ahead of the writer (bounds memory whatever the corpus size)


def read_ahead(items: Iterable, depth: int = READ_AHEAD) -> Iterator:
    """`items` produced by a background thread at most `depth` ahead of the consumer, in order.

    For a parser feeding the loader: while the engine writes plan i, the thread parses plan i+1…
    (parsing and the socket wait overlap; Python work still shares one core). An exception in the
    producer is raised to the consumer; a consumer that stops early ends the producer."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        queue.put((item, None), timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put((done, None))
        except BaseException as exc:  # handed to the consumer, which re-raises it
            queue.put((done, exc))

    producer = threading.Thread(target=produce, name="policygraph-read-ahead", daemon=True)
    producer.start()
    try:
        while True:
            item, problem = queue.get()
            if item is done:
                if problem is not None:
                    raise problem
                return
            yield item
    finally:
        stop.set()
        with contextlib.suppress(Empty):
            while True:
                queue.get_nowait()


def load_plans(
    store: Store,
    plans: Iterable[Plan],
    progress: Callable[[LoadProgress], None] | None = None,
    *,
    compact: bool = True,
    total: int | None = None,
) -> LoadSummary:
    """Write `plans` into `store`, one atomic statement per plan; returns what happened to each.

    Streamed: `plans` may be a generator (e.g. parsing files one by one); only a few plans are held
    at a time, so memory does not grow with the number of plans (outcomes aside). `total` (plans
    expected) is only for progress reports; default: len(plans) when it has one.

    Creates the schema first (indexes, uniqueness). A plan the store refuses is recorded as failed
    and the load goes on; losing the store itself raises StoreConnectionError (earlier plans stay
    loaded). compact: afterwards let the store make its data quick to reload (local engine: rewrite
    the append-only file). Cost: one statement per changed plan plus one lookup per LOOKUP_BATCH
    plans; the next plans' parameters are built while the engine runs the current statement.

    Unchanged and duplicate plans: a plan whose id is stored from the same file by the current parser
    is unchanged; one whose id this run already wrote or kept from another file is a duplicate of
    it. A plan whose id is stored from ANOTHER file is set aside until the end, since that file may
    come later in this run with a new text (its statement then deletes the stored version): at the end
    it is a duplicate if the id is still stored, else it is written.
    """
    started = time.perf_counter()
    if total is None and hasattr(plans, "__len__"):
        total = len(plans)
    ensure_schema(store)
    fingerprint = parser_fingerprint()
    loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    kept: dict[str, str] = {}  # id -> source of plans written or left unchanged by this run
    outcomes: dict[int, PlanOutcome] = {}  # by input position: writes finish one plan late
    set_aside: list[tuple[int, Plan]] = []
    rows_written = 0
    seen = 0

    def record(index: int, outcome: PlanOutcome) -> None:
        nonlocal rows_written
        outcomes[index] = outcome
        rows_written += outcome.rows
        if progress:
            progress(LoadProgress(len(outcomes), max(total or 0, seen), rows_written, outcome))

    def finish(plan: Plan, rows: int, written: Future) -> PlanOutcome:
        try:
            removed = written.result().rows[0][0]
        except StoreConnectionError:
            raise
        except StoreError as exc:
            return PlanOutcome(plan.id, plan.source, "failed", problem=str(exc))
        return PlanOutcome(plan.id, plan.source, "replaced" if removed else "added", rows)

    def current(stored: dict[str, tuple[str, str]]) -> dict[str, str]:
        return {pid: source for pid, (source, parsed_with) in stored.items() if parsed_with == fingerprint}

    # One writer thread: the engine works on plan i while this thread builds plan i+1's parameters.
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="policygraph-load") as writer:
            pending = None

            def write(index: int, plan: Plan) -> None:
                nonlocal pending
                kept[plan.id] = plan.source
                params = plan_parameters(plan, loaded_at)
                if pending:
                    record(pending[0], finish(*pending[1:]))
                pending = (
                    index,
                    plan,
                    parameter_rows(params),
                    writer.submit(store.run, statement("replace_plan"), params),
                )

            numbered = enumerate(plans)
            while batch := list(islice(numbered, LOOKUP_BATCH)):
                seen += len(batch)
                # Through the writer thread: one thread at a time talks to the store (and the
                # lookup sees every write sent before it).
                stored = current(writer.submit(stored_plans, store, [plan.id for _, plan in batch]).result())
                for index, plan in batch:
                    if plan.id in kept:  # written or kept earlier in this run
                        same_file = kept[plan.id] == plan.source
                        record(index, _skipped(plan, kept[plan.id]) if not same_file else _unchanged(plan))
                    elif stored.get(plan.id) == plan.source:
                        kept[plan.id] = plan.source
                        record(index, _unchanged(plan))
                    elif plan.id in stored:
                        set_aside.append((index, plan))
                    else:
                        write(index, plan)
            if pending:
                record(pending[0], finish(*pending[1:]))
                pending = None
            if set_aside:
                stored = current(
                    writer.submit(stored_plans, store, [plan.id for _, plan in set_aside]).result()
                )
                for index, plan in set_aside:
                    holder = kept.get(plan.id) or stored.get(plan.id)
                    if holder and holder != plan.source:
                        record(index, _skipped(plan, holder))
                    else:
                        write(index, plan)
                if pending:
                    record(pending[0], finish(*pending[1:]))
    except StoreConnectionError as exc:
        written = sum(1 for o in outcomes.values() if o.rows)
        raise StoreConnectionError(
            f"{exc} ({written} of {max(total or 0, seen)} plans were written, each whole; "
            "run the same ingest again to load the rest)"
        ) from None
    ordered = tuple(outcomes[index] for index in sorted(outcomes))
    if compact and any(o.rows for o in ordered):
        store.compact()
    return LoadSummary(ordered, time.perf_counter() - started)


def _unchanged(plan: Plan) -> PlanOutcome:
    return PlanOutcome(plan.id, plan.source, "unchanged")


def _skipped(plan: Plan, holder: str) -> PlanOutcome:
    """Same text as `holder`'s plan: that file's plan stands for both (loading it twice would
    double every count)."""
    return PlanOutcome(plan.id, plan.source, "duplicate", problem=f"same text as {holder}")
