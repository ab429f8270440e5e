"""The compiled build of the parser (setup.py: mypyc, when `pip install .` can compile) against its
own .py sources: the same output on every document we have, and all of it compiled or none.

In an editable install, or one made without a C compiler, nothing is compiled and these tests skip
(in CI, which installs with a compiler, a skip is a failure: tests/conftest.py)."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from _shared import REPO, real_text_paths


def compiled_names() -> list[str]:
    """The modules setup.py compiles (its COMPILED list)."""
    tree = ast.parse((REPO / "setup.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED list")


def is_compiled(name: str) -> bool:
    module = importlib.import_module(f"policygraph.ingest.{name}")
    return Path(module.__file__).suffix != ".py"


requires_compiled = pytest.mark.skipif(
    not is_compiled("extract"),
    reason="policygraph.ingest is installed as pure Python (an editable install, POLICYGRAPH_PURE_PYTHON=1, "
    "or no C compiler at `pip install .`): no compiled build to test",
)


@requires_compiled
def test_every_listed_module_is_compiled():
    names = compiled_names()
    assert "extract" in names and "assemble" in names
    assert [n for n in names if not is_compiled(n)] == []
    assert not is_compiled("records"), "records stays plain Python (setup.py says why)"


def parse_outputs(*tree: str, files: list[Path]) -> list[dict]:
    run = subprocess.run(
        [sys.executable, str(REPO / "tests" / "_parse_outputs.py"), *tree, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return [json.loads(line) for line in run.stdout.splitlines()]


@requires_compiled
def test_compiled_parses_as_the_sources_do():
    """Every fixture, and the real plans of ../shared where it is present, give the same JSON, line for
    line, from the compiled build and from the .py files it was built from (output of a parse that
    failed included: a TypeError the compiled code raised would show as a difference)."""
    files = sorted(p for p in (REPO / "tests" / "fixtures").rglob("*") if p.suffix != ".json" and p.is_file())
    files += real_text_paths()
    compiled = parse_outputs(files=files)
    interpreted = parse_outputs("--tree", str(REPO), files=files)
    assert compiled[0] == {"compiled": True} and interpreted[0] == {"compiled": False}
    assert len(compiled) == len(interpreted) >= len(files) + 1
    differ = [a.get("doc") for a, b in zip(compiled[1:], interpreted[1:]) if a != b]
    assert differ == [], f"{len(differ)} documents parse differently compiled: {differ[:10]}"
