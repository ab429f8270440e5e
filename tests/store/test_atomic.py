"""A kill -9 of the engine in the middle of a load leaves each plan's old version or its new one."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import signal
import statistics
import threading
import time

import pytest
from _plans import expected_counts, make_plan

from policygraph.graph.store import StoreConnectionError, local_engine, open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans
from policygraph.graph.store.schema import ensure_schema

PLANS = 30


def versions(tag: str, tasks: int, plans: int = PLANS) -> list:
    return [make_plan(f"{tag}{i}", f"plan-{i}.txt", tasks=tasks) for i in range(plans)]


def assert_whole_versions(store, old: list, new: list) -> int:
    """Every source holds exactly one whole version (old or new) and nothing else is stored.
    Returns how many plans hold the new version."""
    stored = dict(store.run("MATCH (p:Plan) RETURN p.source, p.id").rows)
    assert len(stored) == len(old)
    versions_of = {p.source: {p.id} for p in old}
    for p in new:
        versions_of[p.source].add(p.id)
    assert set(stored) == set(versions_of)
    assert all(stored[source] in ids for source, ids in versions_of.items()), "a file holds a foreign version"
    by_id = {p.id: p for p in old + new}
    current = [by_id[plan_id] for plan_id in stored.values()]
    counts = dict(store.run("MATCH (n) RETURN labels(n)[0], count(*)").rows)
    counts |= dict(store.run("MATCH ()-[r]->() RETURN type(r), count(*)").rows)
    assert counts == expected_counts(current)
    per_plan = dict(store.run("MATCH (t:Task) RETURN t.plan_id, count(*)").rows)
    assert per_plan == {p.id: len(p.tasks) for p in current}
    return sum(1 for p in current if p in new)


@pytest.fixture
def data_dir(tmp_path):
    yield tmp_path / "db"
    local_engine.stop(tmp_path / "db")


def kill_engine(data_dir) -> None:
    os.kill(local_engine.status(data_dir).pid, signal.SIGKILL)


def kill_after_half(kill, target, plans: int):
    """A progress callback that kills the engine once half of `plans` are reported written (plans
    are written a few per statement, so the report that crosses half may be a few past it)."""
    killed = []

    def progress(report):
        if report.done >= plans // 2 and not killed:
            killed.append(report.done)
            kill(target)

    return progress


def written_before_the_kill(error: Exception, plans: int) -> int:
    """The plans the loader's error says were written: what the store must hold after the restart
    (the loader sends the next statement only after reporting the previous one's plans)."""
    found = re.search(rf"\((\d+) of {plans} plans were written, each whole", str(error))
    assert found, str(error)
    written = int(found.group(1))
    assert plans // 2 <= written < plans
    return written


def test_kill_between_plans(data_dir):
    config = StoreConfig(data_dir=data_dir, graph="g")
    old, new = versions("old", 40), versions("new", 25)
    with open_store(config) as store:
        load_plans(store, old)
        with pytest.raises(StoreConnectionError, match="run the same") as lost:
            load_plans(store, new, progress=kill_after_half(kill_engine, data_dir, PLANS))
    written = written_before_the_kill(lost.value, PLANS)
    with open_store(config) as store:  # restarts the engine from its files
        assert assert_whole_versions(store, old, new) == written


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8])
def test_kill_during_a_statement(data_dir, fraction):
    config = StoreConfig(data_dir=data_dir, graph="g")
    # Many statements after the one the kill aims at: a statement time misjudged by a few times
    # still lands the kill inside the load (with 30 plans, 4 statements, it once came after the end).
    plans = 3 * PLANS
    old, new = versions("old", 60, plans), versions("new", 45, plans)
    timers = []
    with open_store(config) as store:
        ensure_schema(store)
        reported = []
        load_plans(store, old, progress=lambda report: reported.append(time.perf_counter()))
        # Plans are reported a statement at a time: the pauses between the bursts of reports are
        # the statements' times.
        one_statement = statistics.median(b - a for a, b in itertools.pairwise(reported) if b - a > 0.002)
        time.sleep(0.1)  # let the rewrite after the load start (the kill may also land during it)

        def progress(report):
            # The first statement's plans are reported just before the second statement is sent:
            # aim a fraction into that one.
            if report.done == 1:
                timers.append(threading.Timer(fraction * one_statement, kill_engine, args=(data_dir,)))
                timers[0].start()

        with contextlib.suppress(StoreConnectionError):
            load_plans(store, new, progress=progress)
        timers[0].join()
    with open_store(config) as store:
        switched = assert_whole_versions(store, old, new)
    assert switched < plans, "the kill came after the load finished: nothing was tested"


# The same guarantees on Neo4j, on the session's Neo4j server (killed, then restarted by open_store
# from its transaction logs): one kill between plans, one in the middle of a statement. Fewer plans:
# each statement costs Neo4j a transaction (~50 ms here) and a restart ~10 s.
NEO4J_PLANS = 12


@pytest.mark.parametrize("local_engine", ["neo4j"], indirect=True)
def test_kill_of_neo4j_between_plans(local_engine):
    config = local_engine.fresh_graph()
    old, new = versions("old", 12, NEO4J_PLANS), versions("new", 8, NEO4J_PLANS)
    with open_store(config) as store:
        load_plans(store, old)
        kill = kill_after_half(
            lambda engine: os.kill(engine.pid(), signal.SIGKILL), local_engine, NEO4J_PLANS
        )
        with pytest.raises(StoreConnectionError, match="run the same") as lost:
            load_plans(store, new, progress=kill)
    written = written_before_the_kill(lost.value, NEO4J_PLANS)
    with open_store(config) as store:  # restarts the server: recovery from its transaction log
        assert assert_whole_versions(store, old, new) == written
        store.drop()


@pytest.mark.parametrize("local_engine", ["neo4j"], indirect=True)
def test_kill_of_neo4j_during_a_statement(local_engine):
    config = local_engine.fresh_graph()
    old, new = versions("old", 40, NEO4J_PLANS), versions("new", 30, NEO4J_PLANS)
    timers = []
    with open_store(config) as store:
        one_plan = load_plans(store, old).seconds / NEO4J_PLANS

        def progress(report):
            # Plan 4 is reported with the other plans of the first statement, just before the
            # next statement is sent: aim a third of a plan's time into that one.
            if report.done == 4:
                timers.append(
                    threading.Timer(one_plan / 3, os.kill, args=(local_engine.pid(), signal.SIGKILL))
                )
                timers[0].start()

        with contextlib.suppress(StoreConnectionError):
            load_plans(store, new, progress=progress)
        timers[0].join()
    with open_store(config) as store:
        switched = assert_whole_versions(store, old, new)
        store.drop()
    assert 4 <= switched < NEO4J_PLANS, "the kill came after the load finished: nothing was tested"
