"""Names as people write them: department lookup by written name, alias, canonical form; did-you-mean."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from policygraph.graph.analysis.names import (
    AmbiguousDepartment,
    Department,
    DepartmentNotFound,
    closest,
    match_department,
    resolve_department,
)
from policygraph.graph.analysis.rows import PlanNotFound
from policygraph.graph.store import open_store
from policygraph.graph.store.config import StoreConfig
from policygraph.graph.store.load import load_plans

DONGSHENG = Department(
    "东胜区|区科学技术协会", "区科学技术协会", "东胜区", "science_association", ("区科协",)
)
REGION = Department(
    "内蒙古自治区|自治区科学技术协会",
    "自治区科学技术协会",
    "内蒙古自治区",
    "science_association",
    ("自治区科协",),
)


def test_exact_before_partial():
    # 区科学技术协会 is inside 自治区科学技术协会 too: the exact name wins
    assert match_department("区科学技术协会", [REGION, DONGSHENG]) == [DONGSHENG]
    assert match_department("区科协", [REGION, DONGSHENG]) == [DONGSHENG]
    assert match_department("东胜区|区科学技术协会", [REGION, DONGSHENG]) == [DONGSHENG]


def test_a_name_without_prefix_takes_the_jurisdictions_prefix():
    assert match_department("科协", [DONGSHENG]) == [DONGSHENG]
    assert match_department("科协", [REGION, DONGSHENG]) == [REGION, DONGSHENG]


def test_did_you_mean():
    assert (
        closest("department_portfolo", ["department_portfolio", "plan_overview"])[0] == "department_portfolio"
    )
    assert closest("火星", ["东胜区"]) == []


def test_resolves_within_the_plans_jurisdiction(seeded_store):
    assert resolve_department(seeded_store, "区科协", "东胜区").department_id == DONGSHENG.department_id
    assert resolve_department(seeded_store, "科协", "东胜区").department_id == DONGSHENG.department_id
    assert resolve_department(seeded_store, "市科协", "宜春市").department == "市科学技术协会"
    with pytest.raises(AmbiguousDepartment) as ambiguous:
        resolve_department(seeded_store, "科协")
    assert {c.jurisdiction for c in ambiguous.value.candidates} >= {"东胜区", "宜春市", "内蒙古自治区"}
    with pytest.raises(DepartmentNotFound) as missing:
        resolve_department(seeded_store, "区科协会", "东胜区")
    assert "区科学技术协会" in missing.value.suggestions and "did you mean" in str(missing.value)
    with pytest.raises(PlanNotFound) as plan:
        resolve_department(seeded_store, "区科协", "东胜")
    assert "东胜区" in plan.value.suggestions


@pytest.fixture(scope="session")
def parsed_seeds_config(local_engine, seed_plans) -> StoreConfig:
    """A graph holding the five seeds as the parser reads them (section lists marked inherited), for
    command-line tests: --data-dir / --graph. READ ONLY."""
    config = StoreConfig(data_dir=local_engine.data_dir, graph=f"t_seeds_{uuid.uuid4().hex[:8]}")
    store = open_store(config)
    summary = load_plans(store, seed_plans, compact=False)
    assert not summary.failed, summary.failed
    store.close()
    yield config
    with open_store(config) as store:
        store.drop()


def run_cli(config, *args):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "policygraph",
            *args,
            "--data-dir",
            str(config.data_dir),
            "--graph",
            config.graph,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_portfolio_of_the_district_science_association_and_nothing_of_the_region(parsed_seeds_config):
    result = run_cli(
        parsed_seeds_config,
        "query",
        "department_portfolio",
        "-p",
        "department=区科协",
        "-p",
        "plan=东胜区",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and {r["department"] for r in rows} == {"区科学技术协会"}
    assert {r["jurisdiction"] for r in rows} == {"东胜区"}


@pytest.mark.parametrize(
    "args, expected",
    [
        (("query", "department_portfolio", "-p", "department=科协"), "names 4 departments"),
        (("query", "department_portfolo"), "did you mean department_portfolio"),
        (
            ("query", "department_portfolio", "-p", "department=区科协", "-p", "plan=东胜"),
            "did you mean 东胜区",
        ),
        (("query", "plan_overview", "-p", "a`b=1"), "is not a parameter name"),
        (("query", "--cypher", "RETURN 1 AS x", "-p", "x y=1"), "is not a parameter name"),
    ],
)
def test_name_errors_are_one_line_with_candidates(parsed_seeds_config, args, expected):
    result = run_cli(parsed_seeds_config, *args)
    assert result.returncode != 0
    assert expected in result.stderr and "Traceback" not in result.stderr
