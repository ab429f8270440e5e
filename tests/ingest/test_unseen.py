"""Plans the parser has never been tuned on (tests/fixtures/unseen/, our own writing, each with a
hand-made expected JSON in the gold schema): task F1 and (task, role, unit) triple F1 >= 0.95 each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policygraph.ingest import parse_file
from policygraph.ingest.parse import plan_to_json
from policygraph.ingest.score import align, score_document

UNSEEN = Path(__file__).parents[1] / "fixtures" / "unseen"
CASES = sorted(p for p in UNSEEN.iterdir() if p.suffix != ".json" and p.with_suffix(".json").exists())
BAR = 0.95


def test_every_fixture_has_an_expected_result():
    documents = {p.stem for p in UNSEEN.iterdir() if p.suffix != ".json"}
    expected = {p.stem for p in UNSEEN.glob("*.json")}
    assert len(CASES) >= 12 and documents == expected


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_unseen_plan_scores(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    score = score_document(plan_to_json(parse_file(path)), expected)
    print(
        f"\n{path.name}: tasks F1 {score.tasks.f1:.3f} ({score.tasks.tp}/{score.tasks.predicted}/"
        f"{score.tasks.gold}), triples F1 {score.triples.f1:.3f} ({score.triples.tp}/"
        f"{score.triples.predicted}/{score.triples.gold})"
    )
    detail = "; ".join(
        [
            *("missed " + m for m in score.missed),
            *("spurious " + s for s in score.spurious),
            *score.triple_errors,
        ]
    )
    assert score.tasks.f1 >= BAR, detail
    assert score.triples.f1 >= BAR, detail


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_unseen_plan_places_tasks_where_the_annotator_did(path):
    """Not scored by the repo's scorer, but readers rely on them: the plan's jurisdiction, level
    and period, and matched tasks' heading path and section."""
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    plan = plan_to_json(parse_file(path))
    assert [plan[k] for k in ("jurisdiction", "level", "period")] == [
        gold[k] for k in ("jurisdiction", "level", "period")
    ]
    expected, predicted = gold["tasks"], plan["tasks"]
    pairs = align(predicted, expected)
    wrong = [
        (predicted[i]["id"], predicted[i]["section"], expected[j]["id"], expected[j]["section"])
        for i, j in pairs
        if (predicted[i]["id"], predicted[i]["section"]) != (expected[j]["id"], expected[j]["section"])
    ]
    assert not wrong, wrong
