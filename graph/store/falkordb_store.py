"""The local engine (FalkorDB) through the native `falkordb` client, Redis protocol on 127.0.0.1.

Parameters travel as the client's own encoding, never spliced into the query text by us.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as FalkorPath
from redis.backoff import NoBackoff
from redis.retry import Retry

from policygraph.errors import StoreError
from policygraph.graph.store import local_engine
from policygraph.graph.store.base import Result, Store, StoreConnectionError


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

    def __init__(self, port: int, graph: str, host: str = local_engine.HOST, password: str | None = None):
        """password: the engine's (local_engine.password(data_dir)); None takes the one the local
        engine module found for `port` in this process, if any."""
        self.address = f"{host}:{port}"
        secret = password if password is not None else local_engine.password_for_port(port)
        # No automatic retries: a write re-sent after a dropped connection could run twice.
        self._client = FalkorDB(host=host, port=port, password=secret, retry=Retry(NoBackoff(), 0))
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
