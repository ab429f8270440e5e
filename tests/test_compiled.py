"""The compiled build of the parser (setup.py: mypyc, when `pip install .` can compile) against its
own .py sources: the same output on every document we have, and all of it compiled or none.

In an editable install, or one made without a C compiler, nothing is compiled and these tests skip
(in CI, which installs with a compiler, a skip is a failure: tests/conftest.py)."""

from __future__ import annotations

import ast
import importlib
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from _shared import REPO, real_text_paths

from policygraph.ingest.readers import read_document


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


def excerpts(texts: list[str], folder: Path, count: int) -> list[Path]:
    """`count` files of random stretches of `texts`, some damaged as page copies are (line breaks
    lost, brackets half-width, characters dropped): paths the whole documents do not take."""
    rng = random.Random(5)
    paths = []
    for index in range(count):
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        excerpt = text[start : start + rng.randrange(50, 3000)]
        damage = rng.random()
        if damage < 0.2:
            excerpt = excerpt.replace("\n", "")
        elif damage < 0.3:
            excerpt = excerpt.replace("（", "(").replace("）", ")")
        elif damage < 0.4:
            excerpt = "".join(c for c in excerpt if rng.random() > 0.02)
        path = folder / f"excerpt_{index:04d}.txt"
        path.write_text(excerpt, "utf-8")
        paths.append(path)
    return paths


@requires_compiled
def test_compiled_parses_as_the_sources_do(tmp_path):
    """Every fixture, the real plans of ../shared where it is present, and excerpts of them give the
    same JSON, line for line, from the compiled build and from the .py files it was built from (the
    error of a parse that failed included: a TypeError only the compiled code raised shows as a
    difference)."""
    files = sorted(p for p in (REPO / "tests" / "fixtures").rglob("*") if p.suffix != ".json" and p.is_file())
    real = real_text_paths()
    texts = [read_document(p) for p in real + [p for p in files if p.suffix == ".txt"]]
    files += real + excerpts(texts, tmp_path, 1500)
    compiled = parse_outputs(files=files)
    interpreted = parse_outputs("--tree", str(REPO), files=files)
    assert compiled[0] == {"compiled": True} and interpreted[0] == {"compiled": False}
    assert len(compiled) == len(interpreted) >= len(files) + 1
    differ = [a.get("source") or a.get("doc") for a, b in zip(compiled[1:], interpreted[1:]) if a != b]
    assert differ == [], (
        f"{len(differ)} documents parse differently compiled: {differ[:10]} (the sources compared are this "
        "checkout's: if ingest/ changed since `pip install .`, install again first)"
    )
