"""The local engine (FalkorDB) through the native `falkordb` client, Redis protocol on 127.0.0.1.

FalkorDB takes parameters only as a `CYPHER name=value ...` header in front of the query text (its
protocol has no separate parameter channel), written in Cypher literal syntax. The client's own
encoder walks every value in Python (~15 ms for a 50-task plan, a fifth of a load's time); `cypher_header`
writes the same header with one C-speed json.dumps per parameter instead. Values stay data: strings
are escaped as string literals, never spliced as query text.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from typing import Any

import redis
from falkordb import Edge, FalkorDB, Node
from falkordb import Path as FalkorPath
from falkordb.helpers import stringify_param_value
from redis.backoff import NoBackoff
from redis.retry import Retry

from policygraph.errors import StoreError
from policygraph.graph.store import local_engine
from policygraph.graph.store.base import Result, Store, StoreConnectionError

# A map key in compact JSON: `{"key":` or `,"key":`. Only a key can match: inside a JSON string every
# quote is escaped, so a `{` or `,` inside one is followed by a quote only when that quote closes
# the string, and a closing quote is never followed by a name and `":`.
_JSON_KEY = re.compile(r'([{,])"([A-Za-z_][A-Za-z0-9_]*)":')


def _literal(value: Any) -> str:
    """`value` as a Cypher literal FalkorDB parses back to the same value. Compact JSON already is
    one for strings (\\ \" \n \t … escapes), numbers, booleans, null and lists; map keys lose their
    quotes for backticks (one regular-expression pass, see _JSON_KEY). FalkorDB does not read
    JSON's \\uXXXX escapes (control characters), so text that needs one, and keys that are not
    plain identifiers (a `":` left after the pass; also text that merely contains one), go through
    the client's own encoder."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):  # not JSON (NaN, a set, ...): the client knows what to do
        return stringify_param_value(value)
    if "\\u" in text:
        return stringify_param_value(value)
    if '":' in text:
        text = _JSON_KEY.sub(r"\1`\2`:", text)
        if '":' in text:
            return stringify_param_value(value)
    return text


def cypher_header(params: dict) -> str:
    """The `CYPHER name=value ...` header of `params` (names are our own identifiers)."""
    return "CYPHER " + " ".join(f"{name}={_literal(value)}" for name, value in params.items()) + " "


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

    def __init__(self, port: int, graph: str, password: str | None, host: str = local_engine.HOST):
        """password: the engine's, local_engine.password(data_dir) (None for a data directory from
        before passwords, whose running server has none)."""
        self.address = f"{host}:{port}"
        # No automatic retries: a write re-sent after a dropped connection could run twice.
        self._client = FalkorDB(host=host, port=port, password=password, retry=Retry(NoBackoff(), 0))
        self._graph = self._client.select_graph(graph)

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        if params:
            cypher = cypher_header(params) + cypher
        try:
            if not read_only:
                raw = self._graph.query(cypher)
            else:
                try:
                    raw = self._graph.ro_query(cypher)
                except redis.exceptions.ResponseError as exc:
                    if "empty key" not in str(exc):
                        raise
                    # Reading a graph nothing was loaded into yet: create the (empty) graph so the
                    # query sees no nodes instead of failing; `RETURN 1` writes nothing.
                    self._graph.query("RETURN 1")
                    raw = self._graph.ro_query(cypher)
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
