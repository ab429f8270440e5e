"""Real published plans nobody here wrote (../shared/dev: 40 texts with hand-made gold): the
overall task and triple F1 and each document's figures, printed and held at the bars reached.

The issue's bars are 0.95 overall (tasks and triples) and no document below 0.80. Reached with
the units stage: tasks 1.000, triples 0.994 overall, lowest document 0.857 (d24: the 市 prefix of
units after a 市… list in a 2006 table). The bars below are the achieved figures rounded down, so a
change that loses a point anywhere fails here. A document the parser rejects counts as predicting no
task (ingest.score.score_folder).
"""

from __future__ import annotations

import pytest

from policygraph.ingest.score import score_folder, total, total_placeholders

OVERALL_TASKS_F1 = 0.99  # reached 1.000 (the bar: 0.95)
OVERALL_TRIPLES_F1 = 0.99  # reached 0.994 (the bar: 0.95)
DOCUMENT_F1 = 0.85  # every document, tasks and triples; lowest reached 0.857 (the bar: 0.80)
OVERALL_PLACEHOLDERS_F1 = 0.99  # (task, placeholder) pairs: 117 of 117 reached


@pytest.fixture(scope="module")
def dev_scores(shared_dir):
    dev = shared_dir / "dev"
    if not (dev / "docs").is_dir() or not (dev / "gold").is_dir():
        pytest.skip(f"no dev set at {dev} (docs/ and gold/; set POLICYGRAPH_SHARED to the shared/ folder)")
    scores, errors = score_folder(dev / "docs", dev / "gold")
    assert not errors, errors
    return scores


def test_dev_overall(dev_scores):
    for s in dev_scores:
        print(
            f"{s.doc:42} tasks F1 {s.tasks.f1:.3f} ({s.tasks.tp}/{s.tasks.predicted}/{s.tasks.gold})"
            f"  triples F1 {s.triples.f1:.3f} ({s.triples.tp}/{s.triples.predicted}/{s.triples.gold})"
            + ("  [rejected: no task found]" if s.rejected else "")
        )
    tasks, triples = total(dev_scores)
    print(f"ALL tasks F1 {tasks.f1:.3f}, triples F1 {triples.f1:.3f} over {len(dev_scores)} documents")
    assert len(dev_scores) == 40
    assert tasks.f1 >= OVERALL_TASKS_F1
    assert triples.f1 >= OVERALL_TRIPLES_F1


def test_dev_placeholders(dev_scores):
    # 各成员单位, 有关部门…: what coordination offices look for; never units, always kept per task.
    vague = total_placeholders(dev_scores)
    print(
        f"placeholders P {vague.precision:.3f} R {vague.recall:.3f} F1 {vague.f1:.3f} ({vague.gold} in gold)"
    )
    assert vague.gold > 100  # the dev gold marks them: a broken reader of `vague` must not pass
    assert vague.f1 >= OVERALL_PLACEHOLDERS_F1


def test_dev_per_document(dev_scores):
    below = []
    for s in dev_scores:
        task_bar = triple_bar = DOCUMENT_F1
        if s.tasks.f1 < task_bar or s.triples.f1 < triple_bar:
            below.append(
                f"{s.doc}: tasks {s.tasks.f1:.3f} (bar {task_bar}), triples {s.triples.f1:.3f} (bar {triple_bar})"
            )
    assert not below, "\n".join(below)


def test_document_without_tasks_is_right_when_none_found(dev_scores):
    # d34's gold has no task: the parser rejects it with its one-line error, which scores as right.
    d34 = next(s for s in dev_scores if s.doc.startswith("d34_"))
    assert d34.rejected.endswith(
        "no tasks found (no numbered or bulleted measures, no 牵头/责任单位 assignments)"
    )
    assert d34.tasks.f1 == 1.0 and d34.triples.f1 == 1.0
