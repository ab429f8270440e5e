"""A real Neo4j 5 through the official `neo4j` driver (Bolt), used whenever a URI is configured.

The same Cypher texts as the local engine (cypher/*.cypher, cypher/load/*.cypher); only the schema
statements differ (graph/store/schema.py). Each `run` is one managed transaction, retried by the driver on
transient errors. The password goes to the driver only: it is never part of a message or a repr.
"""

from __future__ import annotations

import logging
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from policygraph.errors import StoreError
from policygraph.graph.store import Result, Store, StoreConnectionError, statement
from policygraph.graph.store.config import StoreConfig, redacted_uri, split_credentials

# The driver logs connection failures itself; with no handler configured Python would print them
# to stderr next to our one-line error. Messages a user needs are raised as StoreError instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


# The driver's other schemes (http/https) are a preview needing extra packages.
BOLT_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def _bolt(value: Any) -> Any:
    """A parameter as the driver packs it: named rows (the loader's EdgeRow/PairRow, tuple
    subclasses the driver refuses) become lists, inside lists and maps too."""
    if isinstance(value, (list, tuple)):
        return [_bolt(v) for v in value]
    if isinstance(value, dict):
        return {k: _bolt(v) for k, v in value.items()}
    return value


def _plain(value: Any) -> Any:
    """Driver values -> plain Python, matching FalkorStore (nodes/relationships as property dicts)."""
    if isinstance(value, (Node, Relationship)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time values: ISO strings like everything else we store
        return value.iso_format()
    return value


def _first_line(exc: Exception, uri: str = "") -> str:
    """The driver's message on one line (its messages often put the reason on a second line), with
    `uri` (which the driver repeats, password included) redacted."""
    message = str(exc) or getattr(exc, "message", None) or type(exc).__name__
    if uri:
        message = message.replace(uri, redacted_uri(uri))
    return " ".join(line.strip() for line in message.splitlines() if line.strip())[:300]


class Neo4jStore(Store):
    """Neo4j through one driver; statements run in managed read or write transactions."""

    engine = "neo4j"

    def __init__(self, config: StoreConfig, *, local: bool = False):
        """local: the server policygraph runs itself (graph/store/neo4j_server.py): no retries of a
        lost connection (a killed local server does not come back by waiting) and hints that name
        `policygraph db status` instead of --uri."""
        self.uri = config.shown_uri  # for messages: never the password written into a URI
        # The driver sees the address alone: credentials written into the URI become auth, so no
        # message of the driver's can echo them (it read `user:pass/word@` as a host name).
        address, uri_user, uri_password = split_credentials(config.uri)
        self._raw_uri = address
        self.database = config.database
        self._hint = "check `policygraph db status`" if local else "check --uri or start the server"
        user = config.user or uri_user or "neo4j"
        password = config.password if config.password is not None else uri_password
        auth = (user, password) if password is not None else None
        scheme = config.uri.split("://", 1)[0].lower() if "://" in config.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise StoreError(
                f"bad Neo4j URI {self.uri!r}: policygraph speaks Bolt; "
                "use e.g. neo4j://localhost:7687 or bolt://localhost:7687"
            )
        try:
            retry = {"max_transaction_retry_time": 0.0} if local else {}
            # Notifications off: the server's advice (e.g. 5.26 deprecating `CALL { WITH x ... }`, the
            # form FalkorDB understands) would reach users as driver log lines.
            self._driver = neo4j.GraphDatabase.driver(
                address, auth=auth, notifications_min_severity="OFF", **retry
            )
        except (neo4j_errors.ConfigurationError, ValueError) as exc:
            raise StoreError(
                f"bad Neo4j URI {self.uri!r}: {_first_line(exc, self._raw_uri)}; "
                "use e.g. neo4j://localhost:7687"
            ) from None
        try:
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError:
            self._driver.close()
            raise StoreError(
                f"Neo4j at {self.uri} refused the login of user {user!r}; "
                "check --user/--password (NEO4J_USERNAME/NEO4J_PASSWORD)"
            ) from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.ConfigurationError, OSError, ValueError) as exc:
            self._driver.close()
            raise StoreConnectionError(
                f"cannot reach Neo4j at {self.uri}: {_first_line(exc, self._raw_uri)}; {self._hint}"
            ) from None

    def run(self, cypher: str, params: dict | None = None, *, read_only: bool = False) -> Result:
        def work(tx):
            result = tx.run(cypher, _bolt(params or {}))
            columns = tuple(result.keys())
            return Result(columns, [tuple(_plain(v) for v in record.values()) for record in result])

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_read(work) if read_only else session.execute_write(work)
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise StoreConnectionError(
                f"lost Neo4j at {self.uri}: {_first_line(exc, self._raw_uri)}; {self._hint}"
            ) from None
        except neo4j_errors.Neo4jError as exc:
            raise StoreError(f"Neo4j refused the query: {_first_line(exc, self._raw_uri)}") from None

    def drop(self) -> None:
        self.run(statement("drop_graph"))

    def close(self) -> None:
        self._driver.close()
