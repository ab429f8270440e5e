"""The only engine-specific statements: indexes (and, on Neo4j, uniqueness) on the ids the loader uses.

Both engines get a range index on every `id` (MERGE and MATCH by id would scan without one: ~400
rows/s instead of ~80k) and on `plan_id` / `source` (used to find an old version to replace).
Uniqueness of `id`: Neo4j `CREATE CONSTRAINT ... IF NOT EXISTS`. Not on FalkorDB: its unique
constraint (4.16) crashes the server when a value is empty or starts or ends with a space, a value
a document can supply; there the loader keeps ids unique by construction (graph/store/load.py).
FalkorDB has no IF NOT EXISTS, so existing indexes are read with `CALL db.indexes()` first.
"""

from __future__ import annotations

from policygraph.graph.store import Store

# (label, property, unique: a uniqueness constraint on Neo4j, a plain index on FalkorDB)
INDEXED = (
    ("Plan", "id", True),
    ("Plan", "source", False),
    ("Section", "id", True),
    ("Section", "plan_id", False),
    ("Task", "id", True),
    ("Task", "plan_id", False),
    ("Department", "id", True),
    ("Jurisdiction", "id", True),
)

FALKORDB_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"


def falkordb_index(label: str, prop: str) -> str:
    return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def neo4j_statements() -> list[str]:
    """Every schema statement sent to Neo4j (idempotent; the Cypher lint test checks them too)."""
    statements = []
    for label, prop, unique in INDEXED:
        name = f"{label.lower()}_{prop}"
        if unique:
            statements.append(
                f"CREATE CONSTRAINT {name}_unique IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
            )
        else:
            statements.append(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
    return statements


def ensure_schema(store: Store) -> None:
    """Create missing indexes (and Neo4j uniqueness constraints). Cost: one round trip when present.

    On FalkorDB, a schema change is followed by a rewrite of the append-only file, so that the
    indexes are part of its snapshot: replaying writes logged after an index that exists only as
    a logged command runs without the index, quadratically slowly."""
    if store.engine == "neo4j":
        for text in neo4j_statements():
            store.run(text)
        return
    existing = {(label, prop) for label, props in store.run(FALKORDB_INDEXES).rows for prop in props}
    missing = [(label, prop) for label, prop, _ in INDEXED if (label, prop) not in existing]
    for label, prop in missing:
        store.run(falkordb_index(label, prop))
    if missing:
        store.compact(wait=True)
