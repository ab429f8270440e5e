"""`pip wheel .` with the compiled build turned off gives a pure-Python wheel, even from a checkout
where an earlier build left compiled modules in build/ (setup.py clears them: the wheel takes all of
build/lib, and a stale module would shadow the .py beside it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES

import pytest
from _shared import REPO

PACKAGE_FOLDERS = ["policygraph", "ingest", "graph", "cypher", "samples"]


@pytest.mark.slow
def test_a_pure_build_ships_no_compiled_module_left_by_an_earlier_build(tmp_path):
    checkout = tmp_path / "checkout"
    for folder in PACKAGE_FOLDERS:
        shutil.copytree(REPO / folder, checkout / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, checkout / name)
    build_lib = checkout / "build" / f"lib.{sysconfig.get_platform()}-{sys.implementation.cache_tag}"
    stale = build_lib / "policygraph" / "ingest" / f"extract{EXTENSION_SUFFIXES[0]}"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"not a module: an earlier build's leftover")

    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "wheels"), "."],
        cwd=checkout,
        env={**os.environ, "POLICYGRAPH_PURE_PYTHON": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    (wheel,) = (tmp_path / "wheels").glob("policygraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.endswith("policygraph/ingest/extract.py") for name in names)
    assert [name for name in names if name.endswith(tuple(EXTENSION_SUFFIXES))] == []
    assert not stale.exists()
