"""The analyst's walkthrough notebook runs top to bottom, and leaves alone an engine it did not start."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import openpyxl
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


def execute(folder: Path, monkeypatch) -> dict[int, list]:
    monkeypatch.setenv("POLICYGRAPH_DATA_DIR", str(folder / "data"))
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "POLICYGRAPH_GRAPH"):
        monkeypatch.delenv(name, raising=False)
    notebook = nbformat.read(NOTEBOOKS / "walkthrough.ipynb", as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return {i: cell.outputs for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"}


@pytest.mark.slow
def test_walkthrough_keeps_a_running_engine_running(tmp_path, monkeypatch):
    # The last cell used to stop the engine of the user's own data directory.
    data = tmp_path / "data"
    local_engine.start(data)
    try:
        outputs = execute(tmp_path, monkeypatch)
        still_running = local_engine.status(data).running
    finally:
        local_engine.stop(data)
    assert still_running, "the notebook stopped an engine it did not start"
    every = [o for cell in outputs.values() for o in cell]
    assert not [o for o in every if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in every if "text/html" in o.get("data", {})]
    assert any("<iframe" in h for h in html), "the map did not display inline"
    assert any("NO_LEAD" in h or "PLACEHOLDER" in h for h in html), "the gaps table is missing"
    assert any("only_a" in h or "matched" in h for h in html), "the comparison is missing"
    assert any("image/png" in o.get("data", {}) for o in every), "no workload chart"
    texts = "".join(o.get("text", "") for o in every)
    assert "engine left running" in texts
    out = tmp_path / "walkthrough-output"
    assert openpyxl.load_workbook(out / "分工.xlsx").sheetnames == ["责任矩阵", "分工表", "工作量"]
    assert (out / "workload.png").stat().st_size > 5000
    assert "viz:position" in (out / "departments.gexf").read_text(encoding="utf-8")
    assert '<section id="compare">' in (out / "report" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_walkthrough_stops_the_engine_it_started(tmp_path, monkeypatch):
    try:
        outputs = execute(tmp_path, monkeypatch)
        left_running = local_engine.status(tmp_path / "data").running
    finally:
        local_engine.stop(tmp_path / "data")
    assert not [o for cell in outputs.values() for o in cell if o.output_type == "error"]
    assert not left_running, "the notebook left the engine it started running"
