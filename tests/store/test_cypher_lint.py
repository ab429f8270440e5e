"""Every Cypher statement policygraph sends passes Neo4j 5's own linter (no Neo4j server needed).

Linted: every .cypher file under cypher/ (the query library and the loader's statements) and bench/
(the per-row baseline), and the schema statements of graph/store/schema.py. Not linted: `CALL db.indexes()` / `db.constraints()`, which
only the FalkorDB path sends. A statement's parameters are declared when its header comment names
them, so a $parameter missing from the header is an error too.

Needs node and `npm ci --prefix tools/cypher-lint` (the test skips with that hint otherwise).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from policygraph.graph.store import schema

REPO = Path(__file__).resolve().parents[2]
LINT_DIR = REPO / "tools" / "cypher-lint"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"


def header_words(text: str) -> set[str]:
    """Identifiers in the leading // comment block (where a statement declares its parameters)."""
    header = []
    for line in text.splitlines():
        if not line.strip().startswith("//"):
            break
        header.append(line)
    return set(re.findall(r"[A-Za-z_]\w*", "\n".join(header)))


def statements() -> list[dict]:
    found = []
    for path in sorted([*(REPO / "cypher").rglob("*.cypher"), *(REPO / "bench").rglob("*.cypher")]):
        text = path.read_text(encoding="utf-8")
        found.append(
            {
                "name": str(path.relative_to(REPO)),
                "text": text,
                "parameters": {word: None for word in header_words(text)},
            }
        )
    for i, text in enumerate(schema.neo4j_statements()):
        found.append(
            {"name": f"graph/store/schema.py neo4j statement {i + 1}", "text": text, "parameters": {}}
        )
    for label, prop, _ in schema.INDEXED:
        found.append(
            {
                "name": f"graph/store/schema.py index {label}.{prop}",
                "text": schema.falkordb_index(label, prop),
                "parameters": {},
            }
        )
    return found


def lint(items: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed: the Cypher lint needs Node.js >= 20")
    if not PACKAGE.is_dir():
        pytest.skip("Neo4j's linter is not installed: run `npm ci --prefix tools/cypher-lint`")
    # ~0.2-1 s per statement: split the work over one node process per core.
    workers = max(1, min(os.cpu_count() or 1, len(items)))

    def run(chunk: list[dict]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [node, str(LINT_DIR / "lint.mjs")],
            input=json.dumps(chunk),
            capture_output=True,
            text=True,
            cwd=LINT_DIR,
            timeout=300,
        )

    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(run, [items[i::workers] for i in range(workers)]))
    found = []
    for result in done:
        assert result.returncode == 0, result.stderr
        found += json.loads(result.stdout)
    return found


# Statements Neo4j 5 rejects, linted in the same run: proof that the linter is really checking.
CANARIES = [
    {
        "name": "canary: removed syntax",
        "text": "MATCH (n:Task) WHERE exists(n.note) RETURN n",
        "parameters": {},
    },
    {"name": "canary: undeclared parameter", "text": "MATCH (n:Task {id: $task}) RETURN n", "parameters": {}},
    {
        "name": "canary: unknown function",
        "text": "MATCH (n) RETURN apoc.text.join([n.id], ',')",
        "parameters": {},
    },
]


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    items = statements()
    assert any(item["name"].startswith("cypher/load/") for item in items)
    return lint(items + CANARIES)


def test_every_statement_passes_neo4j_lint(findings):
    errors = [
        f"{f['name']}:{f['line']}:{f['column']}: {f['message']}"
        for f in findings
        if f["severity"] == 1 and not f["name"].startswith("canary")
    ]
    assert not errors, "Neo4j 5 would reject:\n" + "\n".join(errors)


def test_the_linter_catches_what_neo4j_5_rejects(findings):
    flagged = {f["name"] for f in findings if f["severity"] == 1 and f["name"].startswith("canary")}
    assert flagged == {c["name"] for c in CANARIES}
