"""The parser's annotations are true: mypy (with --check-untyped-defs) finds no error in ingest/.

Why a test: ingest/ is built compiled by mypyc (a pure-Python fallback beside it), whose code checks at run time the types
the annotations and the inferred variable types state. A variable re-bound to another type, or an
annotation that lies, makes the compiled parser raise (or answer differently) where plain Python
did not; mypy finds those before a build does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_ingest_passes_mypy(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (a test dependency: pip install -e '.[test]')")
    # Laid out as the installed package: mypy names a module by its folders (policygraph.ingest.x),
    # and ingest/ imports its siblings by those names.
    package = tmp_path / "policygraph"
    package.mkdir()
    for module in (REPO / "policygraph").glob("*.py"):
        shutil.copy(module, package)
    shutil.copytree(REPO / "ingest", package / "ingest", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            # the build's settings ([tool.mypy]), for the Python that runs the tests, as the build's
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "policygraph/ingest",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, f"mypy finds errors in ingest/:\n{report}"
    assert "Success: no issues found" in report, report
