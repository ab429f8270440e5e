"""`pip wheel .` gives a working pure-Python wheel when the compiled build is turned off or fails: even
from a checkout where an earlier build left compiled modules in build/ (setup.py clears them: the
wheel takes all of build/lib, and a stale module would shadow the .py beside it), and when ingest/ has
a type error (mypyc refuses to compile it; the install goes on without)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from _shared import REPO

PACKAGE_FOLDERS = ["policygraph", "ingest", "graph", "cypher", "samples"]


def copy_checkout(target: Path) -> Path:
    """The files `pip wheel .` needs, copied from this checkout."""
    for folder in PACKAGE_FOLDERS:
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, target / name)
    return target


def build_wheel(checkout: Path, wheels: Path, **environment: str) -> tuple[list[str], str]:
    """The file names in the wheel built from `checkout`, and what the build printed."""
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(wheels), "."],
        cwd=checkout,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    (wheel,) = wheels.glob("policygraph-*.whl")
    return zipfile.ZipFile(wheel).namelist(), run.stdout + run.stderr


def compiled_files(names: list[str]) -> list[str]:
    return [name for name in names if name.endswith(tuple(EXTENSION_SUFFIXES))]


@pytest.mark.slow
def test_a_pure_build_ships_no_compiled_module_left_by_an_earlier_build(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    build_lib = checkout / "build" / f"lib.{sysconfig.get_platform()}-{sys.implementation.cache_tag}"
    stale = build_lib / "policygraph" / "ingest" / f"extract{EXTENSION_SUFFIXES[0]}"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"not a module: an earlier build's leftover")

    names, _ = build_wheel(checkout, tmp_path / "wheels", POLICYGRAPH_PURE_PYTHON="1")
    assert any(name.endswith("policygraph/ingest/extract.py") for name in names)
    assert compiled_files(names) == []
    assert not stale.exists()


@pytest.mark.slow
def test_a_type_error_in_ingest_gives_a_pure_wheel_and_says_why(tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    grammar = checkout / "ingest" / "grammar.py"
    grammar.write_text(grammar.read_text("utf-8") + '\n\nNOT_AN_INT: int = "a type error"\n', "utf-8")

    names, printed = build_wheel(checkout, tmp_path / "wheels")
    assert "policygraph: the compiled build failed, installing pure Python" in printed
    assert "grammar.py" in printed  # mypy's report names the file
    assert any(name.endswith("policygraph/ingest/grammar.py") for name in names)
    assert compiled_files(names) == []
