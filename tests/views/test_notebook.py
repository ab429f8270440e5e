"""The analyst's walkthrough notebook runs top to bottom on a private engine."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from policygraph.graph.store import local_engine

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_notebook_matches_its_generator():
    spec = importlib.util.spec_from_file_location("make_walkthrough", NOTEBOOKS / "make_walkthrough.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    saved = nbformat.read(NOTEBOOKS / "walkthrough.ipynb", as_version=4)
    assert [c.source for c in saved.cells] == [c.source for c in generator.build().cells], (
        "walkthrough.ipynb is stale: run `python notebooks/make_walkthrough.py`"
    )


@pytest.mark.slow
def test_walkthrough_executes(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYGRAPH_DATA_DIR", str(tmp_path / "data"))
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    notebook = nbformat.read(NOTEBOOKS / "walkthrough.ipynb", as_version=4)
    try:
        NotebookClient(
            notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
        left_running = local_engine.status(tmp_path / "data").running
    finally:
        local_engine.stop(tmp_path / "data")
    outputs = {i: cell.outputs for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"}
    errors = [o for cell in outputs.values() for o in cell if o.output_type == "error"]
    assert not errors
    html = [
        o["data"]["text/html"]
        for cell in outputs.values()
        for o in cell
        if o.output_type == "execute_result" and "text/html" in o.get("data", {})
    ]
    assert any("<iframe" in h for h in html), "the map did not display inline"
    assert any("NO_LEAD" in h or "PLACEHOLDER" in h for h in html), "the gaps table is missing"
    assert not left_running, "the notebook's last cell left the engine running"
