"""Where the graph store is: a real Neo4j when a URI is configured, else the local engine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DEFAULT_GRAPH = "policygraph"


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


def default_data_dir() -> Path:
    """POLICYGRAPH_DATA_DIR, else the user's data directory (~/.local/share/policygraph on Linux)."""
    env = os.environ.get("POLICYGRAPH_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("policygraph"))


@dataclass(frozen=True)
class StoreConfig:
    """Connection settings. `uri` set -> Neo4j through the official driver; else local FalkorDB.

    The password is excluded from repr so it never lands in logs or tracebacks.
    """

    data_dir: Path = field(default_factory=default_data_dir)
    graph: str = DEFAULT_GRAPH
    uri: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @property
    def shown_uri(self) -> str:
        """The URI as it may be printed (no password)."""
        return redacted_uri(self.uri or "")

    @property
    def engine(self) -> str:
        return "neo4j" if self.uri else "falkordb"

    @classmethod
    def from_env(cls, **overrides) -> StoreConfig:
        """Settings from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE /
        POLICYGRAPH_DATA_DIR / POLICYGRAPH_GRAPH, with non-None keyword overrides on top."""
        values = {
            "data_dir": default_data_dir(),
            "graph": os.environ.get("POLICYGRAPH_GRAPH") or DEFAULT_GRAPH,
            "uri": os.environ.get("NEO4J_URI") or None,
            "user": os.environ.get("NEO4J_USERNAME") or None,
            "password": os.environ.get("NEO4J_PASSWORD") or None,
            "database": os.environ.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        return cls(**values)
