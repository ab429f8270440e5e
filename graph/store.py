"""One small interface over the two graph engines: run a Cypher text with parameters, get rows back.

    store = open_store(config)            # local FalkorDB (started on demand) unless config.uri is set
    result = store.run(cypher, params)    # Result(columns, rows); result.records() -> list of dicts
    store.engine                          # "falkordb" | "neo4j"
    store.close()                         # or: with open_store(config) as store: ...

Values come back as plain Python: nodes and relationships as dicts of their properties, paths as
lists of such dicts, so callers never see engine classes. Failures raise StoreError with one line.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as FalkorPath
from policygraph.graph import local_engine
from policygraph.graph.config import StoreConfig
from redis.backoff import NoBackoff
from redis.retry import Retry

from policygraph.errors import StoreError


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


class Store:
    """A graph store. Subclasses set `engine` and implement `run` and `close`."""

    engine: str = ""

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        """Run one statement (atomic on both engines) and return all its rows.

        read_only: refuse writes (FalkorDB GRAPH.RO_QUERY, Neo4j read transaction); use it for
        user-supplied queries. Cost: one round trip; the whole result is held in memory.
        """
        raise NotImplementedError

    def drop(self) -> None:
        """Delete every node and relationship of this graph (tests and benchmarks)."""
        raise NotImplementedError

    def compact(self, wait: bool = False) -> None:
        """Make the stored data quick to reload after a load (local engine: rewrite the AOF into a
        snapshot; wait: until the rewrite has finished)."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _plain(value: Any) -> Any:
    """Engine values -> plain Python (dicts of properties for nodes/relationships, lists for paths)."""
    if isinstance(value, (Node, Edge)):
        return {k: _plain(v) for k, v in value.properties.items()}
    if isinstance(value, FalkorPath):
        return [_plain(n) for n in value.nodes()]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class FalkorStore(Store):
    """The local engine through the native `falkordb` client (Redis protocol on 127.0.0.1)."""

    engine = "falkordb"

    def __init__(self, port: int, graph: str, host: str = local_engine.HOST):
        self.address = f"{host}:{port}"
        # No automatic retries: a write re-sent after a dropped connection could run twice.
        self._client = FalkorDB(host=host, port=port, retry=Retry(NoBackoff(), 0))
        self._graph = self._client.select_graph(graph)

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        try:
            if not read_only:
                raw = self._graph.query(cypher, params or None)
            else:
                try:
                    raw = self._graph.ro_query(cypher, params or None)
                except redis.exceptions.ResponseError as exc:
                    if "empty key" not in str(exc):
                        raise
                    # Reading a graph nothing was loaded into yet: create the (empty) graph so the
                    # query sees no nodes instead of failing; `RETURN 1` writes nothing.
                    self._graph.query("RETURN 1")
                    raw = self._graph.ro_query(cypher, params or None)
        except redis.exceptions.ResponseError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"the local engine refused the query: {message}") from None
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreConnectionError(
                f"lost the local engine at {self.address}: {exc}; check `policygraph db status`"
            ) from None
        columns = tuple(name for _, name in raw.header) if raw.header else ()
        rows = [tuple(_plain(v) for v in row) for row in raw.result_set]
        return Result(columns, rows)

    def drop(self) -> None:
        try:
            self._graph.delete()
        except redis.exceptions.ResponseError:
            pass  # no such graph yet: already empty
        except redis.exceptions.ConnectionError as exc:
            raise StoreConnectionError(f"lost the local engine at {self.address}: {exc}") from None

    def compact(self, wait: bool = False) -> None:
        connection = self._client.connection
        try:
            # A rewrite already running makes the server schedule another one after it.
            with contextlib.suppress(redis.exceptions.ResponseError):
                connection.bgrewriteaof()
            while wait:
                persistence = connection.info("persistence")
                if not (persistence["aof_rewrite_in_progress"] or persistence["aof_rewrite_scheduled"]):
                    break
                time.sleep(0.02)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreConnectionError(f"lost the local engine at {self.address}: {exc}") from None

    def ping(self) -> None:
        try:
            self._client.connection.ping()
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
            raise StoreConnectionError(
                f"cannot reach the local engine at {self.address}: {exc}; check `policygraph db status`"
            ) from None

    def close(self) -> None:
        self._client.close()


def open_store(config: StoreConfig, notify: Callable[[str], None] | None = None) -> Store:
    """A store for `config`: Neo4j when config.uri is set, else the local engine of config.data_dir
    (started on demand; `notify` receives a line when that happens). Raises StoreError when the
    store cannot be reached. Cost: one round trip to check the connection.
    """
    if config.uri:
        from policygraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(config)
    port = local_engine.ensure_running(config.data_dir, notify=notify)
    store = FalkorStore(port, config.graph)
    store.ping()
    return store
