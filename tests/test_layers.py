"""The layout is the architecture: imports flow one way, ingest ← store ← analysis ← views ← cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# folder -> the policygraph packages its modules must never import
FORBIDDEN = {
    "ingest": ("policygraph.graph",),
    "graph/store": ("policygraph.graph.analysis", "policygraph.graph.views", "policygraph.graph.cli"),
    "graph/analysis": ("policygraph.graph.views", "policygraph.graph.cli"),
    "graph/views": ("policygraph.graph.cli",),
}


def imported_modules(path: Path) -> set[str]:
    """Every module named by an import statement in the file (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_imports_flow_one_way(folder):
    files = sorted((REPO / folder).rglob("*.py"))
    assert files, f"no modules under {folder}"
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if name.startswith(FORBIDDEN[folder])
    ]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from policygraph.graph.views import maps\n", encoding="utf-8")
    assert "policygraph.graph.views.maps" in imported_modules(module)
