"""Load parsed plans into the graph store.

`load_plans(store, plans)` writes plans a few at a time, each batch with ONE statement
(cypher/load/replace_plans.cypher) that deletes every stored version of the same source files (or
the same ids) and writes the new ones. One statement is atomic on both engines, so a crash at any
moment leaves each plan's old version or its new one; a batch the store refuses is written again
one plan per statement, so a bad plan fails alone.
Plans are content-hashed: a plan whose id is already stored from the same file by the same parser
(ingest/ code and data fingerprint) is skipped as unchanged, so loading the same documents twice
changes nothing, while a new parser or knowledge file re-parses everything. A second file with the
same text as a stored one is skipped as a duplicate (naming the stored file).

A statement is a set of UNWIND lists (sections, tasks, assignment edges, cooperation pairs): ~1,000
rows per 50-task plan, up to 8 plans. Batches matter on FalkorDB, whose cost per write query
beyond its rows is a quarter of a plan's: measured on bench/bench_load.py's corpus, 9.2 ms of
engine time per plan one plan per statement, 6.7-6.9 ms eight per statement. Half of what remains
is creating COOPERATES_WITH edges between departments already linked by other plans (~5 us each).

Streamed: `load_plans` takes any iterable and holds only a few plans at a time; `read_ahead` runs a
producer (the parser, in `policygraph ingest`) in a thread a bounded number of plans ahead, so the
engine never waits for the whole corpus to be parsed and memory stays flat in the number of plans.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
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

# role -> parameter list of replace_plans.cypher (and relationship type, see docs/architecture.md)
ROLE_PARAMETERS = {"lead": "leads", "support": "supports", "joint": "joints"}
# Stored for a plan whose issuer the parser could not tell (Plan.jurisdiction == '').
UNKNOWN_JURISDICTION = "未知"


class EdgeRow(NamedTuple):
    """One role edge of $leads/$supports/$joints, read by replace_plans.cypher as row[0]…row[3]: a
    tuple (sent as a short list, not a map, see that file's header) whose fields name the places."""

    department: int  # position in $departments
    task: int  # position in $tasks
    as_written: str  # the unit's name as the plan wrote it
    inherited: bool  # carried from a section-wide statement


class TaskProperties(NamedTuple):
    """The properties of one Task node, `props` of a $tasks row, read by replace_plans.cypher as
    row.props[0]…row.props[14] (a list, not a map: 50 maps of 15 keys per plan were a third of
    the parameter header's size and of the time to write it). Names are the property names."""

    id: str  # <plan id>:<path>
    plan_id: str
    path: str
    section: str  # title of its section
    section_path: str
    title: str
    text: str
    span_start: int
    span_end: int
    assignment_text: str
    vague: list[str]
    leaders: list[str]
    deadline: str | None
    note: str | None
    source: str


class PairRow(NamedTuple):
    """One derived COOPERATES_WITH edge of $pairs, read as row[0]…row[3]."""

    department_a: int  # position in $departments (a's id < b's id)
    department_b: int
    task_paths: list[str]  # the tasks they share; weight = their number
    plan: int  # position in $plans


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


def statement_parameters(
    plans: Sequence[Plan], loaded_at: str, plan_rows_out: list[int] | None = None
) -> dict:
    """The parameters of replace_plans.cypher for `plans` (see that file's header). The plans
    must have distinct ids and distinct source files (one statement writes them side by side).
    plan_rows_out: receives each plan's rows (its plan, departments, sections, tasks, assignment
    edges and pairs, as if written alone), for progress and rows/s figures.

    Cooperation pairs are derived here (computing them in Cypher took half the statement's time):
    two departments named on the same task in any roles share it; weight = tasks shared in that
    plan. A department named by several plans is sent once, with the names all of them wrote.
    Cost: O(rows + pairs).
    """
    fingerprint = parser_fingerprint()
    plan_rows: list[dict] = []
    jurisdictions: dict[str, dict] = {}
    departments: dict[str, dict] = {}
    position: dict[str, int] = {}  # department id -> position in the departments list
    sections: list[dict] = []
    tasks: list[dict] = []
    edges: dict[str, list[EdgeRow]] = {name: [] for name in ROLE_PARAMETERS.values()}
    pairs: list[PairRow] = []
    for plan_position, plan in enumerate(plans):
        jurisdiction = jurisdiction_key(plan)
        jurisdictions[jurisdiction] = {"id": jurisdiction, "name": jurisdiction, "level": plan.level}
        plan_rows.append(
            {
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
                "parsed_with": fingerprint,
            }
        )
        first_row = len(sections) + len(tasks) + len(pairs) + sum(len(rows) for rows in edges.values())
        section_by_path: dict[str, int] = {}
        for section, sid in zip(plan.sections, _unique_ids(plan.id, (s.path for s in plan.sections))):
            section_by_path.setdefault(section.path, len(sections))
            sections.append(
                {
                    "plan": plan_position,
                    "props": {
                        "id": sid,
                        "plan_id": plan.id,
                        "path": section.path,
                        "title": section.title,
                        "kind": section.kind,
                        "assignment_text": section.assignment_text,
                        "vague": list(section.vague),
                    },
                }
            )
        named: set[str] = set()  # departments this plan names (its values win, as if loaded alone)
        ids_of: dict[str, str] = {}  # canonical name -> department id, for this plan's jurisdiction
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)  # department ids -> task paths
        for task, tid in zip(plan.tasks, _unique_ids(plan.id, (t.path for t in plan.tasks))):
            task_position = len(tasks)
            tasks.append(
                {
                    "section": section_by_path.get(task.section_path),
                    "props": TaskProperties(
                        tid,
                        plan.id,
                        task.path,
                        task.section,
                        task.section_path,
                        task.title,
                        task.text,
                        task.span[0],
                        task.span[1],
                        task.assignment_text,
                        list(task.vague),
                        list(task.leaders),
                        task.deadline,
                        task.note,
                        plan.source,
                    ),
                }
            )
            written: set[tuple[str, str]] = set()
            on_task: set[str] = set()
            for assignment in task.assignments:
                unit = assignment.unit
                did = ids_of.get(unit.canonical)
                if did is None:
                    did = ids_of[unit.canonical] = department_id(jurisdiction, unit.canonical)
                if did not in named:
                    named.add(did)
                    if did in departments:  # named by an earlier plan of the batch too
                        departments[did].update(name=unit.canonical, type=unit.unit_type)
                    else:
                        position[did] = len(departments)
                        departments[did] = {
                            "id": did,
                            "name": unit.canonical,
                            "jurisdiction": jurisdiction,
                            "type": unit.unit_type,
                            "aliases": [],
                        }
                aliases = departments[did]["aliases"]
                if unit.name not in aliases:
                    aliases.append(unit.name)
                if (did, assignment.role) in written:
                    continue  # the same unit named twice in one role on one task is one edge
                written.add((did, assignment.role))
                on_task.add(did)
                edges[ROLE_PARAMETERS[assignment.role]].append(
                    EdgeRow(position[did], task_position, unit.name, assignment.inherited)
                )
            for pair in combinations(sorted(on_task), 2):
                shared[pair].append(task.path)
        pairs.extend(
            PairRow(position[a], position[b], paths, plan_position) for (a, b), paths in shared.items()
        )
        rows = len(sections) + len(tasks) + len(pairs) + sum(len(rows) for rows in edges.values())
        if plan_rows_out is not None:
            plan_rows_out.append(1 + len(named) + rows - first_row)

    return {
        "plans": plan_rows,
        "jurisdictions": list(jurisdictions.values()),
        "departments": list(departments.values()),
        "sections": sections,
        "tasks": tasks,
        **edges,
        "pairs": pairs,
    }


def plan_parameters(plan: Plan, loaded_at: str) -> dict:
    """statement_parameters of one plan."""
    return statement_parameters([plan], loaded_at)


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


LOOKUP_BATCH = 8  # plans whose stored versions are looked up in one statement (one chunk ahead)
BATCH_PLANS = 8  # plans written by one statement at most ...
BATCH_TASKS = 400  # ... and tasks (a statement of 8 plans of 50 tasks: ~9,000 rows, ~60 ms on FalkorDB)
READ_AHEAD = 16  # plans parsed ahead of the writer (bounds memory whatever the corpus size)


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


class _Statement(NamedTuple):
    """One replace_plans statement, ready to send: its plans (input position, record), each plan's
    rows, and the text and parameters as the store's `run` takes them."""

    plans: list[tuple[int, Plan]]
    rows: list[int]
    cypher: str
    params: dict | None


def _prepare(store: Store, plans: list[tuple[int, Plan]], loaded_at: str) -> _Statement:
    """The statement writing `plans`. On FalkorDB, whose parameters travel as a text header, the
    header is written here, by the caller, so that the writer thread only sends and waits."""
    rows: list[int] = []
    params = statement_parameters([plan for _, plan in plans], loaded_at, rows)
    if store.engine == "falkordb":
        from policygraph.graph.store.falkordb_store import cypher_header

        return _Statement(plans, rows, cypher_header(params) + statement("replace_plans"), None)
    return _Statement(plans, rows, statement("replace_plans"), params)


def load_plans(
    store: Store,
    plans: Iterable[Plan],
    progress: Callable[[LoadProgress], None] | None = None,
    *,
    compact: bool = True,
    total: int | None = None,
) -> LoadSummary:
    """Write `plans` into `store`, each plan atomically; returns what happened to each.

    Streamed: `plans` may be a generator (e.g. parsing files one by one); only a few plans are held
    at a time, so memory does not grow with the number of plans (outcomes aside). `total` (plans
    expected) is only for progress reports; default: len(plans) when it has one.

    Plans to write go to the engine a few at a time (up to BATCH_PLANS plans and BATCH_TASKS tasks),
    one statement each: a statement is atomic, so after a failure or a crash each plan is wholly
    its old or its new version. A statement the store refuses is retried one plan per statement,
    so that a plan the store refuses is recorded as failed alone and the load goes on; losing the
    store itself raises StoreConnectionError (earlier plans stay loaded, and its message counts
    them: the next statement is sent only after the previous one's plans were reported).

    Creates the schema first (indexes, uniqueness). compact: afterwards let the store make its data
    quick to reload (local engine: rewrite the append-only file). Cost: one statement per batch of
    changed plans plus one lookup per LOOKUP_BATCH plans (made one chunk ahead); the next statement
    is built and encoded while the engine runs the current one.

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
    outcomes: dict[int, PlanOutcome] = {}  # by input position: writes finish a batch late
    set_aside: list[tuple[int, Plan]] = []
    written_sources: set[str] = set()  # files this run wrote a plan of
    rows_written = 0
    seen = 0

    def record(index: int, outcome: PlanOutcome) -> None:
        nonlocal rows_written
        outcomes[index] = outcome
        rows_written += outcome.rows
        if progress:
            progress(LoadProgress(len(outcomes), max(total or 0, seen), rows_written, outcome))

    def current(stored: dict[str, tuple[str, str]]) -> dict[str, str]:
        return {pid: source for pid, (source, parsed_with) in stored.items() if parsed_with == fingerprint}

    # One writer thread talks to the store: the engine works on one statement while this thread
    # builds the next. Each statement passes between three threads (the parser's, this one, the
    # writer): with Python's default 5 ms switch interval a thread woken by the engine's answer
    # waits up to 5 ms for a busy parser thread to let it run, each time, while the engine idles
    # (1.5 s between statements in a 9.5 s load of bench/bench_load.py's corpus, 0.3-0.4 s with
    # 0.5 ms); 0.5 ms during the load.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0005))
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="policygraph-load") as writer:
            waiting: list[tuple[int, Plan]] = []  # plans to write, not yet in a statement
            in_flight: tuple[_Statement, Future] | None = None

            def finish() -> None:
                """Wait for the statement in flight and record its plans."""
                nonlocal in_flight
                if in_flight is None:
                    return
                sent, written = in_flight
                in_flight = None
                try:
                    removed_ids, removed_sources = written.result().rows[0]
                except StoreConnectionError:
                    raise
                except StoreError as exc:
                    if len(sent.plans) == 1:
                        index, plan = sent.plans[0]
                        record(index, PlanOutcome(plan.id, plan.source, "failed", problem=str(exc)))
                        return
                    for one in sent.plans:  # nothing of the batch was written: find the culprit
                        alone = _prepare(store, [one], loaded_at)
                        in_flight = (alone, writer.submit(store.run, alone.cypher, alone.params))
                        finish()
                    return
                for (index, plan), rows in zip(sent.plans, sent.rows):
                    replaced = plan.id in removed_ids or plan.source in removed_sources
                    record(
                        index, PlanOutcome(plan.id, plan.source, "replaced" if replaced else "added", rows)
                    )

            def send() -> None:
                """Put the waiting plans into a statement and send it once the previous is done."""
                nonlocal in_flight
                if not waiting:
                    return
                prepared = _prepare(store, list(waiting), loaded_at)
                waiting.clear()
                finish()
                in_flight = (prepared, writer.submit(store.run, prepared.cypher, prepared.params))

            def write(index: int, plan: Plan) -> None:
                kept[plan.id] = plan.source
                written_sources.add(plan.source)
                if any(other.source == plan.source for _, other in waiting):
                    send()  # the second version of a file goes after the first, as if loaded alone
                waiting.append((index, plan))
                if len(waiting) >= BATCH_PLANS or sum(len(p.tasks) for _, p in waiting) >= BATCH_TASKS:
                    send()

            def look_up(chunk: list[tuple[int, Plan]]) -> Future | None:
                # Through the writer thread: one thread at a time talks to the store.
                return writer.submit(stored_plans, store, [plan.id for _, plan in chunk]) if chunk else None

            numbered = enumerate(plans)
            chunk = list(islice(numbered, LOOKUP_BATCH))
            lookup = look_up(chunk)
            while chunk:
                seen += len(chunk)
                # The next chunk is looked up now, so that its answer is there when this chunk is
                # written: it does not see this chunk's writes, which matters only for a file
                # written twice in one run (its stored version is gone: written again, not unchanged).
                following = list(islice(numbered, LOOKUP_BATCH))
                following_lookup = look_up(following)
                stored = current(lookup.result())
                for index, plan in chunk:
                    if plan.id in kept:  # written or kept earlier in this run
                        same_file = kept[plan.id] == plan.source
                        record(index, _skipped(plan, kept[plan.id]) if not same_file else _unchanged(plan))
                    elif stored.get(plan.id) == plan.source and plan.source not in written_sources:
                        kept[plan.id] = plan.source
                        record(index, _unchanged(plan))
                    elif plan.id in stored:
                        set_aside.append((index, plan))
                    else:
                        write(index, plan)
                chunk, lookup = following, following_lookup
            send()
            finish()
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
                send()
                finish()
    except StoreConnectionError as exc:
        written = sum(1 for o in outcomes.values() if o.rows)
        raise StoreConnectionError(
            f"{exc} ({written} of {max(total or 0, seen)} plans were written, each whole; "
            "run the same ingest again to load the rest)"
        ) from None
    finally:
        sys.setswitchinterval(switch_interval)
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
