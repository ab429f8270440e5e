"""Shared test fixtures.

Tests that read the user's documents in ../shared skip with a clear reason when that folder
is absent (a user's clone); CI always has it. Engine fixtures live in _store_fixtures.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POLICYGRAPH_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no seed plans at {SHARED}/seeds (set POLICYGRAPH_SHARED to the shared/ folder)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def gold_dir(shared_dir) -> Path:
    return shared_dir / "gold"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The sample plans shipped inside the package (written by this team)."""
    import importlib.resources

    return Path(str(importlib.resources.files("policygraph.samples")))


# Engine fixtures (one FalkorDB and one Neo4j server per test session) and the gold plans loaded once per session.
from _analysis_data import gold_config, gold_paths, gold_store  # noqa: E402,F401
from _browser import chromium  # noqa: E402,F401
from _sample_graphs import sample_store  # noqa: E402,F401
from _store_fixtures import *  # noqa: E402, F403

from policygraph.graph.store.config import ENGINES  # noqa: E402


def pytest_generate_tests(metafunc):
    """Tests whose `seeds_store` fixture picks gold_store or seeded_store at run time
    (request.getfixturevalue) run on both engines too: they get the engine parameter here, since
    pytest cannot add one to a fixture requested dynamically."""
    if "seeds_store" in metafunc.fixturenames and "local_engine" not in metafunc.fixturenames:
        metafunc.fixturenames.append("local_engine")
        metafunc.parametrize("local_engine", ENGINES, indirect=True, scope="session")


# In CI (POLICYGRAPH_REQUIRE_ALL=1) a skip for a missing browser, linter, seed folder, Java, Maven or
# Neo4j is a failure: .ci/run installs all of them, so a skip there means something is broken.
# Markers from the fixtures a test uses (their whole closure), so `-m` can select by what a test needs.
NEEDS = {
    "engine": {"local_engine"},
    "browser": {"chromium"},
    "shared": {"shared_dir"},
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in NEEDS.items():
            if used & fixtures:
                item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("local_engine") == "neo4j":
            item.add_marker("neo4j")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("POLICYGRAPH_REQUIRE_ALL") == "1"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.longrepr = f"skipped in CI, where everything is installed: {reason}"
