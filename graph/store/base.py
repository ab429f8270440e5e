"""One small interface over the two graph engines: run a Cypher text with parameters, get rows back.

    store = open_store(config)            # local FalkorDB (started on demand) unless config.uri is set
    result = store.run(cypher, params)    # Result(columns, rows); result.records() -> list of dicts
    store.engine                          # "falkordb" | "neo4j"
    store.close()                         # or: with open_store(config) as store: ...

Values come back as plain Python: nodes and relationships as dicts of their properties, paths as
lists of such dicts, so callers never see engine classes. Failures raise StoreError with one line.
"""

from __future__ import annotations

import abc
import importlib.resources
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from policygraph.errors import StoreError
from policygraph.graph.store import local_engine
from policygraph.graph.store.config import StoreConfig


@cache
def statement(name: str) -> str:
    """The text of the store's own statement cypher/load/<name>.cypher (header comment included:
    both engines ignore // comments)."""
    return (
        importlib.resources.files("policygraph.cypher").joinpath("load", f"{name}.cypher").read_text("utf-8")
    )


class StoreConnectionError(StoreError):
    """The store went away (server stopped or killed, network down): nothing more can be written."""


@dataclass(frozen=True)
class Result:
    """Rows of one statement. columns: names in RETURN order; rows: tuples in that order."""

    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


class Store(abc.ABC):
    """The interface analysis and views are written against. Engines set `engine` and implement
    `run`, `drop` and `close` (FalkorStore in falkordb_store.py, Neo4jStore in neo4j_store.py)."""

    engine: str = ""

    @abc.abstractmethod
    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        """Run one statement (atomic on both engines) and return all its rows.

        read_only: refuse writes (FalkorDB GRAPH.RO_QUERY, Neo4j read transaction); use it for
        user-supplied queries. Cost: one round trip; the whole result is held in memory.
        """

    @abc.abstractmethod
    def drop(self) -> None:
        """Delete every node and relationship of this graph (tests and benchmarks)."""

    def compact(self, wait: bool = False) -> None:  # noqa: B027  (optional: engines with nothing to do keep it)
        """Make the stored data quick to reload after a load (local engine: rewrite the AOF into a
        snapshot; wait: until the rewrite has finished)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection (the local engine keeps running; `db stop` stops it)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def open_store(config: StoreConfig, notify: Callable[[str], None] | None = None) -> Store:
    """A store for `config`: Neo4j when config.uri is set, else the local engine of config.data_dir,
    FalkorDB or Neo4j (started on demand; `notify` receives a line when that happens). Raises
    StoreError when the store cannot be reached. Cost: one round trip to check the connection.
    """
    if config.uri:
        from policygraph.graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(config)
    if config.managed_neo4j:
        from policygraph.graph.store import neo4j_server
        from policygraph.graph.store.neo4j_store import Neo4jStore

        server = neo4j_server.ensure_running(config.data_dir, notify=notify)
        return Neo4jStore(
            replace(
                config,
                uri=server.bolt_uri,
                user=neo4j_server.USER,
                password=neo4j_server.password(config.data_dir),
                database=None,
            ),
            local=True,
        )
    from policygraph.graph.store.falkordb_store import FalkorStore

    port = local_engine.ensure_running(config.data_dir, notify=notify)
    store = FalkorStore(port, config.graph, local_engine.password(config.data_dir))
    store.ping()
    return store
