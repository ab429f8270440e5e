"""Writes notebooks/walkthrough.ipynb from the cells below (kept as code so diffs stay readable).

Run `python notebooks/make_walkthrough.py` after editing; tests/views/test_notebook.py executes the
notebook and checks it matches this script.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    (
        "md",
        """# policygraph walkthrough

From plan documents to answers: who leads (牵头), who cooperates (配合), who is central, who is
overloaded, where responsibility is missing, how two plans differ, and files to take to Word,
Excel and Gephi.

**Start here:** set `DOCUMENTS` in the next cell to your folder of 实施方案 / 工作要点 / 分工方案
(.txt, .docx, .html, .pdf). Left empty, the walkthrough uses the sample plans shipped with
policygraph. Everything is stored in the graph `GRAPH` of the local engine in `DATA_DIR` (your
usual data directory unless `POLICYGRAPH_DATA_DIR` says otherwise); set `NEO4J_URI` and friends
before starting Jupyter to use a real Neo4j instead: the code below does not change.""",
    ),
    (
        "code",
        """from pathlib import Path

DOCUMENTS = ""  # your folder, e.g. r"D:\\方案\\2024" or "/home/me/plans"; empty = the samples
GRAPH = "walkthrough"  # a graph of its own, so your other data is left alone
OUTPUT = Path("walkthrough-output")  # where the map, the report and the exports go""",
    ),
    (
        "code",
        """import os
import warnings

import pandas as pd

from policygraph.graph.cli.commands.demo import sample_plans_dir
from policygraph.graph.store import local_engine, open_store
from policygraph.graph.store.config import StoreConfig

documents = Path(DOCUMENTS).expanduser() if DOCUMENTS else sample_plans_dir()
config = StoreConfig.from_env(graph=GRAPH)
# Remember whether the engine was already running: the last cell stops only an engine this
# notebook started, never one you (or another program) are using.
engine_was_running = bool(config.uri) or local_engine.status(config.data_dir).running
store = open_store(config)
OUTPUT.mkdir(parents=True, exist_ok=True)
print(f"documents: {documents}")
print(f"store: {store.engine}, graph {GRAPH!r}" + ("" if config.uri else f", data in {config.data_dir}"))""",
    ),
    (
        "md",
        """## 1. Parse

Each document becomes a `Plan` record: sections, tasks, and per task the units in each role, with the
character span and the raw assignment text it was read from. A file that cannot be read is listed
with the reason, and the others go on.""",
    ),
    (
        "code",
        """from policygraph.ingest import iter_documents

plans, problems = [], []
for path, item in iter_documents([documents]):
    if isinstance(item, Exception):
        problems.append((path, item))
    else:
        plans.append(item)
for path, problem in problems:
    print(f"not read: {problem}")
print(f"{len(plans)} plans, {sum(len(p.tasks) for p in plans)} tasks")
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
print(f"{len(summary.added)} added, {len(summary.replaced)} replaced, {len(summary.unchanged)} unchanged")""",
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
    (
        "md",
        """## 4. Workload and centrality

The department network links two departments when they are named on the same task (weight = tasks
shared). `overloaded` and `central` follow the documented rules in `analysis_rules.json`; the chart
shows the busiest departments' tasks by role, in the colours the maps and the report use.""",
    ),
    (
        "code",
        """from policygraph.graph.analysis.metrics import compute_metrics
from policygraph.graph.views.maps import style
from policygraph.graph.views.palette import type_label

metrics = compute_metrics(store)
departments = metrics.departments.sort_values("load", ascending=False)
departments.assign(type=departments["type"].map(type_label))[
    ["department", "jurisdiction", "type", "lead", "support", "joint", "load", "pagerank", "overloaded", "central"]
].head(10)""",
    ),
    (
        "code",
        """import matplotlib.pyplot as plt

# Chinese names need a font with Chinese glyphs: the first of these found is used.
plt.rcParams["font.sans-serif"] = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "SimHei",
                                   "WenQuanYi Micro Hei", "DejaVu Sans"]
warnings.filterwarnings("ignore", message="Glyph .* missing")  # no such font: boxes, not an error
roles = style()["roles"]
top = departments.head(12).iloc[::-1]
fig, ax = plt.subplots(figsize=(8, 0.38 * len(top) + 1))
left = [0] * len(top)
for role in ("lead", "joint", "support"):
    ax.barh(top["department"], top[role], left=left, color=roles[role]["colour"], label=roles[role]["label"])
    left = [a + b for a, b in zip(left, top[role])]
ax.set_xlabel("tasks (one bar per role)")
ax.legend(loc="lower right")
ax.set_title("Workload of the busiest departments")
fig.tight_layout()
fig.savefig(OUTPUT / "workload.png", dpi=150)  # for a Word report
plt.show()""",
    ),
    (
        "md",
        """## 5. A map, inline

The same interactive map `policygraph map` writes: filter by shared tasks, role, type or
jurisdiction, hide section-level links, change the layout, export PNG/SVG for Word; hover for a
department's counts, click to highlight its neighbours. It loads nothing from the network.""",
    ),
    (
        "code",
        """from policygraph.graph.views.mapdata import draw_from_store

cooperation = draw_from_store(store, view="cooperation")
cooperation.write(OUTPUT / "cooperation.html")
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
gaps.pivot_table(index="jurisdiction", columns="code", values="severity", aggfunc="count", fill_value=0)""",
    ),
    (
        "code",
        """gaps[gaps.severity == "high"][["jurisdiction", "code", "task", "detail", "source"]].head()""",
    ),
    (
        "md",
        """## 7. Comparing two plans

A parent plan and the plan implementing it, or two years of 工作要点: sections and tasks are matched
by their text; `only_a` / `only_b` are what one has and the other lacks, and `lead_type_differs`
marks matched tasks led by a different kind of department. Set `PLAN_A` and `PLAN_B` to plan ids,
jurisdictions or titles; by default the two plans with the most tasks.""",
    ),
    (
        "code",
        """from policygraph.graph.analysis.compare import COMPARE_COLUMNS, compare_in_store

by_size = sorted(plans, key=lambda p: -len(p.tasks))
PLAN_A, PLAN_B = by_size[0].id, by_size[1 % len(by_size)].id
comparison = pd.DataFrame([c.row() for c in compare_in_store(store, PLAN_A, PLAN_B)], columns=COMPARE_COLUMNS)
print(comparison.groupby(["level", "status"]).size().to_string())
comparison.head(10)""",
    ),
    (
        "md",
        """## 8. Files to take elsewhere

The Excel workbook (责任矩阵 with every role a department holds on a task, the 分工表 offices
circulate, the workload table), a GEXF file Gephi opens with the map's layout and colours, and
the HTML report with the comparison above.""",
    ),
    (
        "code",
        """import openpyxl

from policygraph.graph.views.export import write_export
from policygraph.graph.views.report import write_report

workbook = write_export(store, OUTPUT / "分工.xlsx", "xlsx")
gephi = write_export(store, OUTPUT / "departments.gexf", "gexf", view="cooperation")
report = write_report(store, OUTPUT / "report", compare=(PLAN_A, PLAN_B))
print(workbook, openpyxl.load_workbook(workbook).sheetnames)
print(gephi)
print(report)
pd.read_excel(workbook, sheet_name="分工表").head()""",
    ),
    (
        "md",
        """## 9. Done

Close the connection. The engine is stopped only if this notebook started it; an engine that was
already running (your own, or another program's) keeps running.""",
    ),
    (
        "code",
        """store.close()
if not engine_was_running:
    local_engine.stop(config.data_dir)
print("engine left running" if engine_was_running else "engine stopped (this notebook started it)")""",
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
