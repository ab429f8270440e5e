"""Where the graph store is: a Neo4j server when a URI is configured, else a local engine that
policygraph runs itself in the data directory: FalkorDB (default) or Neo4j (`--engine neo4j`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DEFAULT_GRAPH = "policygraph"
ENGINES = ("falkordb", "neo4j")


def redacted_uri(uri: str) -> str:
    """`uri` without a password written into it (bolt://neo4j:secret@host -> bolt://neo4j:***@host),
    for every message and status line. Whatever the password holds (/, @, ?, #, :), everything
    between the first ':' of the user part and the last '@' is hidden; a URI without a scheme
    is treated the same."""
    scheme, sep, rest = uri.partition("://")
    if not (
        sep and scheme.isascii() and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)
    ):
        scheme, sep, rest = "", "", uri
    credentials, at, address = rest.rpartition("@")
    if not at or ":" not in credentials:
        return uri
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{address}"


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """(uri without user info, user, password) of a URI that may carry `user:password@`: the driver
    gets the address alone and the credentials as auth, so none of its messages can echo them.

    >>> split_credentials("neo4j://neo4j:sec/ret@1@db.example:7687")
    ('neo4j://db.example:7687', 'neo4j', 'sec/ret@1')
    >>> split_credentials("bolt://localhost:7687")
    ('bolt://localhost:7687', None, None)
    """
    scheme, sep, rest = uri.partition("://")
    credentials, at, address = rest.rpartition("@")
    if not sep or not at:
        return uri, None, None
    user, colon, password = credentials.partition(":")
    return f"{scheme}{sep}{address}", user or None, password if colon else None


def default_data_dir() -> Path:
    """POLICYGRAPH_DATA_DIR, else the user's data directory (~/.local/share/policygraph on Linux)."""
    env = os.environ.get("POLICYGRAPH_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("policygraph"))


def default_engine() -> str:
    """POLICYGRAPH_ENGINE (falkordb or neo4j), else falkordb."""
    return (os.environ.get("POLICYGRAPH_ENGINE") or "falkordb").strip().lower()


@dataclass(frozen=True)
class StoreConfig:
    """Connection settings. `uri` set -> that Neo4j through the official driver; else the local
    engine `engine` of `data_dir` ("falkordb", or "neo4j": a Neo4j server policygraph starts).
    On Neo4j the graph is the database: `graph` names FalkorDB graphs only.

    The password is excluded from repr so it never lands in logs or tracebacks.
    """

    data_dir: Path = field(default_factory=default_data_dir)
    graph: str = DEFAULT_GRAPH
    uri: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    engine: str = field(default_factory=default_engine)

    def __post_init__(self):
        if self.uri:  # a URI always means Neo4j, whatever engine was asked for
            object.__setattr__(self, "engine", "neo4j")
        elif self.engine not in ENGINES:
            from policygraph.errors import StoreError

            raise StoreError(f"unknown engine {self.engine!r}: choose {' or '.join(ENGINES)}")

    @property
    def managed_neo4j(self) -> bool:
        """A Neo4j server that policygraph runs itself in data_dir (no URI given)."""
        return self.engine == "neo4j" and not self.uri

    @property
    def where(self) -> str:
        """Where reads and writes go, for messages: a FalkorDB graph, or a Neo4j database (Neo4j has
        no graph names; Community has the one database, `neo4j`)."""
        if self.engine == "neo4j":
            return f"neo4j database {(self.database or 'neo4j')!r}"
        return f"falkordb graph {self.graph!r}"

    @property
    def shown_uri(self) -> str:
        """The URI as it may be printed (no password)."""
        return redacted_uri(self.uri or "")

    @classmethod
    def from_env(cls, **overrides) -> StoreConfig:
        """Settings from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE /
        POLICYGRAPH_DATA_DIR / POLICYGRAPH_GRAPH / POLICYGRAPH_ENGINE, with non-None keyword
        overrides on top."""
        values = {
            "data_dir": default_data_dir(),
            "graph": os.environ.get("POLICYGRAPH_GRAPH") or DEFAULT_GRAPH,
            "uri": os.environ.get("NEO4J_URI") or None,
            "user": os.environ.get("NEO4J_USERNAME") or None,
            "password": os.environ.get("NEO4J_PASSWORD") or None,
            "database": os.environ.get("NEO4J_DATABASE") or None,
            "engine": default_engine(),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        return cls(**values)
