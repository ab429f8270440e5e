"""Writes notebooks/walkthrough.ipynb from the cells below (kept as code so diffs stay readable).

Run `python notebooks/make_walkthrough.py` after editing; tests/test_notebook.py executes the notebook
and checks it matches this script.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    (
        "md",
        """# policygraph walkthrough

From plan documents to answers: who leads (牵头), who cooperates (配合), who is central, who is
overloaded, and where responsibility is missing. This notebook uses the sample plans shipped with
policygraph; point `DOCUMENTS` at your own folder of 实施方案 to do the same with yours.

The store is the local FalkorDB engine, started on demand in `DATA_DIR` (set `NEO4J_URI` and
friends before starting Jupyter to use a real Neo4j instead: the code below does not change).""",
    ),
    (
        "code",
        """import os
import tempfile
from pathlib import Path

import pandas as pd

from policygraph.graph.cli.commands.demo import sample_plans_dir
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store import open_store

DOCUMENTS = sample_plans_dir()
DATA_DIR = Path(os.environ.get("POLICYGRAPH_DATA_DIR") or tempfile.mkdtemp(prefix="policygraph-"))
config = StoreConfig.from_env(data_dir=DATA_DIR, graph="walkthrough")
store = open_store(config)
store.engine, sorted(p.name for p in DOCUMENTS.iterdir() if not p.name.startswith("_"))""",
    ),
    (
        "md",
        """## 1. Parse

Each document becomes a `Plan` record: sections, tasks, and per task the units in each role, with the
character span and the raw assignment text it was read from. A file that cannot be read comes back
as an error naming the file, and the batch goes on.""",
    ),
    (
        "code",
        """from policygraph.ingest import iter_documents

plans, problems = [], []
for _path, item in iter_documents([DOCUMENTS]):
    (problems if isinstance(item, Exception) else plans).append(item)
print(f"{len(plans)} plans, {sum(len(p.tasks) for p in plans)} tasks, {len(problems)} unreadable")
pd.DataFrame([{"jurisdiction": p.jurisdiction, "level": p.level, "period": p.period,
               "tasks": len(p.tasks), "title": p.title} for p in plans])""",
    ),
    (
        "code",
        """plan = max(plans, key=lambda p: len(p.tasks))
pd.DataFrame([{"task": t.path, "title": t.title, "lead": "、".join(t.lead),
               "support": "、".join(t.support), "joint": "、".join(t.joint),
               "placeholders": "、".join(t.vague)} for t in plan.tasks]).head(8)""",
    ),
    (
        "md",
        """## 2. Load

One atomic statement per plan; loading the same plans again changes nothing.""",
    ),
    (
        "code",
        """from policygraph.graph.store.load import load_plans

summary = load_plans(store, plans)
again = load_plans(store, plans)
print(f"first load: {len(summary.added)} added, {summary.rows} rows; "
      f"second load: {len(again.unchanged)} unchanged")""",
    ),
    (
        "md",
        """## 3. The Cypher query library

Every query in `cypher/` has a header (question, parameters, columns); `run_builtin` passes
parameters as parameters, never pasted into the query text.""",
    ),
    (
        "code",
        """from policygraph.graph.analysis.queries import run_builtin

def frame(result):
    return pd.DataFrame(result.rows, columns=result.columns)

frame(run_builtin(store, "plan_overview"))""",
    ),
    ("code", """frame(run_builtin(store, "top_leads", limit=5))"""),
    ("code", """frame(run_builtin(store, "frequent_pairs", limit=5))"""),
    (
        "md",
        """## 4. Metrics as DataFrames

The department network links two departments when they are named on the same task (weight = tasks
shared). `overloaded` and `central` follow the documented rules in `analysis_rules.json`.""",
    ),
    (
        "code",
        """from policygraph.graph.analysis.metrics import compute_metrics

metrics = compute_metrics(store)
departments = metrics.departments.sort_values("pagerank", ascending=False)
departments[["department", "jurisdiction", "lead", "support", "joint", "load",
             "betweenness", "pagerank", "overloaded", "central"]].head(10)""",
    ),
    ("code", """metrics.networks"""),
    (
        "md",
        """## 5. A map, inline

The same interactive map `policygraph map` writes: drag, zoom, hover for a department's counts, click
to highlight its neighbours. It loads nothing from the network.""",
    ),
    (
        "code",
        """from policygraph.graph.views.maps import draw, load_graphs

cooperation = draw(load_graphs(store), "cooperation")
cooperation""",
    ),
    (
        "md",
        """## 6. Responsibility gaps

Tasks without a lead, tasks left to placeholders, section leads never carried to tasks, too many
co-leads, a department leading an unusual share of a plan, and aliases to check.""",
    ),
    (
        "code",
        """from policygraph.graph.analysis.gaps import GAP_COLUMNS, gaps_in_store

gaps = pd.DataFrame([gap.row() for gap in gaps_in_store(store)], columns=GAP_COLUMNS)
gaps.groupby(["code", "severity"]).size().rename("findings").reset_index()""",
    ),
    ("code", """gaps[gaps.code == "NO_LEAD"][["jurisdiction", "task", "detail", "source"]].head()"""),
    (
        "md",
        """## 7. Done

Close the connection; `policygraph db stop --data-dir DATA_DIR` (or `local_engine.stop`) stops the engine.""",
    ),
    (
        "code",
        """store.close()
if not config.uri:
    from policygraph.graph.store import local_engine
    local_engine.stop(DATA_DIR)""",
    ),
]


def build() -> nbformat.NotebookNode:
    notebook = new_notebook()
    notebook.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


if __name__ == "__main__":
    target = Path(__file__).with_name("walkthrough.ipynb")
    nbformat.write(build(), target)
    print(f"wrote {target}")
