"""The Cypher query library and `policygraph query`, against the real local engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _analysis_data import clean_plan, expected_workload
from click.testing import CliRunner

from policygraph.errors import InputError, PolicygraphError
from policygraph.graph.analysis.queries import (
    QueryError,
    WriteRefused,
    bind,
    check_read_only,
    find_queries,
    parse_query,
    query_folders,
    run_query,
    write_clauses,
)
from policygraph.graph.cli.main import cli
from policygraph.graph.store.load import load_plans

LIBRARY = find_queries()


def store_args(config) -> list[str]:
    return ["--data-dir", str(config.data_dir), "--graph", config.graph]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


# --- headers (pure) -------------------------------------------------------------------------

HEADER = """// answers: Which departments lead the most?
//   Counted per plan.
// param: plan = null — plan id, jurisdiction or title
// param: limit = 10 — how many
//   rows at most
// param: department = "科协" — part of a name
// columns: department, lead,
//   plan_tasks
MATCH (d:Department) WHERE $plan IS NULL OR d.name CONTAINS $department
RETURN d.name AS department, 1 AS lead, 2 AS plan_tasks LIMIT $limit
"""


def test_header_gives_question_parameters_with_defaults_and_columns():
    query = parse_query("top", Path("top.cypher"), HEADER)
    assert query.answers == "Which departments lead the most? Counted per plan."
    assert [(p.name, p.default) for p in query.params] == [
        ("plan", None),
        ("limit", 10),
        ("department", "科协"),
    ]
    assert query.params[1].about == "how many rows at most"
    assert query.columns == ("department", "lead", "plan_tasks")
    assert bind(query, {"limit": 3}) == {"plan": None, "limit": 3, "department": "科协"}


def test_header_problems_name_the_file():
    with pytest.raises(InputError, match=r"bad\.cypher.*columns"):
        parse_query("bad", Path("bad.cypher"), "// answers: something\nMATCH (n) RETURN n")
    with pytest.raises(InputError, match=r"bad\.cypher.*\$limit"):
        parse_query(
            "bad", Path("bad.cypher"), "// answers: x\n// columns: n\nMATCH (n) RETURN n LIMIT $limit"
        )
    with pytest.raises(InputError, match=r"bad\.cypher.*JSON"):
        parse_query(
            "bad",
            Path("bad.cypher"),
            "// answers: x\n// param: d = 科协 — name\n// columns: n\nRETURN $d AS n",
        )


def test_unknown_parameter_is_refused_with_the_known_ones():
    with pytest.raises(QueryError, match=r"no parameter colour.*plan"):
        bind(LIBRARY["department_workload"], {"colour": "red"})


@pytest.mark.parametrize(
    "cypher, clauses",
    [
        ("MATCH (n) DETACH DELETE n", ["DETACH", "DELETE"]),
        ("match (p:Plan) set p.x = 1 return p", ["SET"]),
        ("MERGE (d:Department {id: $id})", ["MERGE"]),
        ("CALL db.labels()", ["CALL (procedure)"]),
        ("UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:T))", ["FOREACH", "CREATE"]),
        ("MATCH (n) RETURN 'CREATE' AS word, n.set AS s, {merge: 1} AS m", []),
        ("MATCH (n:Create) // DELETE everything\nRETURN n", []),
        ("MATCH (n) CALL { WITH n RETURN n.id AS i } RETURN i", []),
    ],
)
def test_write_clauses_are_found_outside_strings_comments_and_property_names(cypher, clauses):
    assert write_clauses(cypher) == clauses


def test_every_library_query_is_read_only():
    for query in LIBRARY.values():
        check_read_only(query.text)


# --- the library against the engine --------------------------------------------------------


@pytest.fixture(params=["gold_store", "seeded_store"])
def seeds_store(request):
    """The five seeds as the gold annotations say (always) and as the parser reads them."""
    return request.getfixturevalue(request.param)


# Parameters a query needs beyond its defaults (a department is named exactly: the CLI resolves names).
EXAMPLE_PARAMS = {
    "department_portfolio": {"department": "宜春市|市科学技术协会"},
    "cooperation_partners": {"department": "市科协"},
}
# Queries that rightly find nothing in the seeds; tests/analysis/test_gaps.py builds plans where they do.
NOTHING_ON_SEEDS = {
    "section_orphans": "every section-level lead of the seeds reaches its tasks",
    "department_plan_names": "each seed is its own jurisdiction: no department is written two ways",
}


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_runs_with_its_defaults_and_returns_its_columns(seeds_store, name):
    query = LIBRARY[name]
    params = EXAMPLE_PARAMS.get(name)
    if name == "plans_assignments":  # plan ids differ between the stores: take them from the store
        params = {"plan_ids": [row[0] for row in run_query(seeds_store, LIBRARY["plan_names"]).rows]}
    result = run_query(seeds_store, query, params)
    assert result.columns == query.columns
    if name in NOTHING_ON_SEEDS:
        assert not result.rows, NOTHING_ON_SEEDS[name]
    else:
        assert result.rows, f"{name} found nothing in the five seed plans"


@pytest.mark.parametrize(
    "seed, unit",
    [
        ("001", "市科协"),
        ("001", "市教体局"),
        ("002", "区科学技术协会"),
        ("000", "自治区科协"),
        ("004", "省科协"),
        ("004", "省地震局"),
    ],
)
def test_department_workload_matches_the_gold_counts(seeds_store, gold_paths, seed, unit):
    jurisdiction = json.loads(gold_paths[seed].read_text(encoding="utf-8"))["jurisdiction"]
    rows = run_query(seeds_store, LIBRARY["department_workload"], {"plan": jurisdiction}).records()
    from policygraph.ingest.units import normalize_unit

    canonical = normalize_unit(unit, jurisdiction).canonical
    [row] = [r for r in rows if r["department"] == canonical]
    assert (row["lead"], row["support"], row["joint"]) == expected_workload(gold_paths[seed], unit)


def test_tasks_without_lead_are_exactly_the_national_plans(gold_store):
    rows = run_query(gold_store, LIBRARY["tasks_without_lead"]).records()
    assert len(rows) == 18 and {r["jurisdiction"] for r in rows} == {"全国"}


def test_placeholder_tasks_tell_placeholder_support_from_placeholders_only(gold_store):
    rows = run_query(gold_store, LIBRARY["placeholder_tasks"]).records()
    by_place = {}
    for row in rows:
        by_place.setdefault(row["jurisdiction"], set()).add(row["kind"])
    assert by_place == {"内蒙古自治区": {"placeholder_support"}, "东胜区": {"placeholder_support"}}
    assert sum(r["jurisdiction"] == "内蒙古自治区" for r in rows) == 45


def test_a_value_that_looks_like_cypher_stays_data(gold_store):
    before = gold_store.run("MATCH (n) RETURN count(n) AS n").rows
    crafted = "x' OR 1=1 WITH 1 AS one MATCH (n) DETACH DELETE n //"
    rows = run_query(gold_store, LIBRARY["department_workload"], {"plan": crafted}).rows
    assert rows == []
    assert gold_store.run("MATCH (n) RETURN count(n) AS n").rows == before


# --- the command ---------------------------------------------------------------------------


def test_query_command_runs_a_named_query_with_parameters(gold_store, gold_config):
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "department_portfolio",
            "-p",
            "department=市科协",
            "-p",
            "plan=宜春市",
            "--format",
            "json",
            *store_args(gold_config),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["department"] for r in rows} == {"市科学技术协会"}
    assert sum(r["role"] == "lead" for r in rows) == 15 and sum(r["role"] == "joint" for r in rows) == 29


def test_query_list_shows_every_header(tmp_path):
    result = CliRunner().invoke(cli, ["query", "--list"], terminal_width=100)
    assert result.exit_code == 0
    for query in LIBRARY.values():
        assert query.name in result.output
        for column in query.columns:
            assert column in result.output


def test_adhoc_cypher_is_read_only_unless_write(gold_store, gold_config, store_config, empty_store):
    refused = run_cli(
        "query",
        "--cypher",
        "MATCH (p:Plan) SET p.reviewed = true RETURN count(p) AS n",
        *store_args(gold_config),
    )
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "SET" in refused.stderr and "--write" in refused.stderr
    assert gold_store.run("MATCH (p:Plan) WHERE p.reviewed RETURN count(p)").rows == [(0,)]

    load_plans(empty_store, [clean_plan()], compact=False)
    written = CliRunner().invoke(
        cli,
        [
            "query",
            "--write",
            "--format",
            "csv",
            "--cypher",
            "MATCH (p:Plan) SET p.reviewed = true RETURN count(p) AS n",
            *store_args(store_config),
        ],
    )
    assert written.exit_code == 0, written.output
    assert written.stdout.removeprefix("\ufeff").splitlines() == ["n", "1"]
    assert empty_store.run("MATCH (p:Plan) WHERE p.reviewed RETURN count(p)").rows == [(1,)]


def test_write_refusal_covers_named_user_queries(tmp_path, gold_config):
    (tmp_path / "wipe.cypher").write_text(
        "// answers: wipes\n// columns: n\nMATCH (n) DETACH DELETE n RETURN 0 AS n\n", encoding="utf-8"
    )
    with pytest.raises(WriteRefused):
        check_read_only(find_queries(query_folders([tmp_path]))["wipe"].text)
    result = run_cli("query", "wipe", "--queries", str(tmp_path), *store_args(gold_config))
    assert result.returncode == 1 and "--write" in result.stderr


def test_user_query_folders_come_from_the_option_and_the_environment(tmp_path, gold_store, gold_config):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "plan_titles.cypher").write_text(
        '// answers: What plans are there?\n// param: level = "city" — plan level\n// columns: title\n'
        "MATCH (p:Plan) WHERE p.level = $level RETURN p.title AS title\n",
        encoding="utf-8",
    )
    by_option = CliRunner().invoke(
        cli, ["query", "plan_titles", "--queries", str(folder), "--format", "json", *store_args(gold_config)]
    )
    assert by_option.exit_code == 0, by_option.output
    assert [r["title"] for r in json.loads(by_option.stdout)] == ["宜春市 gold 001_496989da411c3fa1.txt"]
    by_env = CliRunner().invoke(
        cli,
        ["query", "plan_titles", "-p", "level=district", "--format", "csv", *store_args(gold_config)],
        env={"POLICYGRAPH_QUERIES": str(folder)},
    )
    assert by_env.exit_code == 0, by_env.output
    assert by_env.stdout.removeprefix("\ufeff").splitlines() == [
        "title",
        "东胜区 gold 002_eed45af3ed619b74.txt",
    ]
    listed = CliRunner().invoke(cli, ["query", "--list"], env={"POLICYGRAPH_QUERIES": str(folder)})
    assert "What plans are there?" in listed.output


def test_unknown_query_and_missing_folder_are_one_line_errors(tmp_path, gold_config):
    unknown = run_cli("query", "no_such_query", *store_args(gold_config))
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1
    assert "no_such_query" in unknown.stderr and "department_workload" in unknown.stderr
    missing = run_cli("query", "--list", env={"POLICYGRAPH_QUERIES": str(tmp_path / "nowhere")})
    assert missing.returncode == 1 and "nowhere" in missing.stderr and "does not exist" in missing.stderr


def test_broken_cypher_is_a_one_line_error_from_the_engine(gold_config):
    result = run_cli("query", "--cypher", "MATCH (n RETURN n", *store_args(gold_config))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error:") and "refused" in result.stderr


def test_unknown_plan_is_an_error_not_an_empty_table(gold_store, gold_config):
    result = CliRunner().invoke(
        cli, ["query", "department_workload", "-p", "plan=火星市", *store_args(gold_config)]
    )
    assert result.exit_code == 1 and "火星市" in str(result.exception) and result.stdout == ""
    # the same value in a query without a plan parameter is not checked
    cypher = CliRunner().invoke(
        cli,
        [
            "query",
            "--cypher",
            "RETURN $plan AS plan",
            "-p",
            "plan=火星市",
            "--format",
            "csv",
            *store_args(gold_config),
        ],
    )
    assert cypher.exit_code == 0 and cypher.stdout.removeprefix("\ufeff").splitlines() == ["plan", "火星市"]


def test_wide_tables_leave_out_id_columns_and_say_so(gold_store, gold_config):
    runner = CliRunner(env={"COLUMNS": "100"})
    table = runner.invoke(cli, ["query", "tasks_without_lead", "-p", "plan=全国", *store_args(gold_config)])
    header = table.stdout.removeprefix("\ufeff").splitlines()[0].split()
    assert "plan_id" not in header and header[:3] == ["jurisdiction", "task", "section"]
    assert "left out plan_id" in table.stderr and "--format csv" in table.stderr
    as_csv = runner.invoke(
        cli, ["query", "tasks_without_lead", "-p", "plan=全国", "--format", "csv", *store_args(gold_config)]
    )
    assert as_csv.stdout.removeprefix("\ufeff").splitlines()[0].split(",")[:2] == ["jurisdiction", "plan_id"]
    narrow = runner.invoke(cli, ["query", "never_lead", *store_args(gold_config)])
    assert "left out" not in narrow.stderr


def test_sections_come_in_document_order(seeded_store):
    # Sorted as text, 二.(九) came before 二.(二) and compare listed sections out of order.
    from policygraph.graph.analysis.rows import fetch_sections, fetch_tasks

    first_task: dict[str, int] = {}
    for task in fetch_tasks(seeded_store, "吉林省"):
        first_task.setdefault(task.section_path, task.span_start)
    paths = [s.path for s in fetch_sections(seeded_store, "吉林省")]
    holding = [p for p in paths if p in first_task]
    assert holding == sorted(first_task, key=first_task.get)
    assert paths.index("二.(二)") < paths.index("二.(九)") and paths[: len(holding)] == holding


def test_one_broken_file_in_a_user_folder_does_not_block_the_others(tmp_path, gold_store, gold_config):
    (tmp_path / "plan_count.cypher").write_text(
        "// answers: How many plans?\n// columns: plans\nMATCH (p:Plan) RETURN count(p) AS plans\n",
        encoding="utf-8",
    )
    (tmp_path / "draft.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    (tmp_path / "department_workload.cypher").write_text("// answers: mine, unfinished\n", encoding="utf-8")
    folder = ["--queries", str(tmp_path)]
    good = CliRunner().invoke(
        cli, ["query", "plan_count", "--format", "csv", *folder, *store_args(gold_config)]
    )
    assert good.exit_code == 0 and good.stdout.removeprefix("\ufeff").splitlines()[0] == "plans"
    assert "skipped" in good.stderr and "draft.cypher" in good.stderr
    listed = CliRunner().invoke(cli, ["query", "--list", *folder])
    assert listed.exit_code == 0 and "How many plans?" in listed.stdout and "draft.cypher" in listed.stderr
    for broken in ("draft", "department_workload"):  # a broken replacement never falls back to the built-in
        result = CliRunner().invoke(cli, ["query", broken, *folder, *store_args(gold_config)])
        assert result.exit_code == 1 and f"{broken}.cypher" in str(result.exception)
    with pytest.raises(PolicygraphError, match=r"(draft|department_workload)\.cypher"):
        find_queries(query_folders([tmp_path]))


@pytest.mark.parametrize(
    "command",
    [["query", "plan_overview"], ["metrics", "--top", "1"], ["gaps"], ["compare", "宜春市", "东胜区"]],
)
def test_verbose_says_how_long_and_on_which_store_and_quiet_says_nothing(gold_store, gold_config, command):
    # -v was documented ("engine start, timings") but no command said anything more with it
    verbose = CliRunner().invoke(cli, ["-v", *command, *store_args(gold_config)])
    assert verbose.exit_code == 0, verbose.output
    assert f" s on {gold_config.where}" in verbose.stderr
    plain = CliRunner().invoke(cli, [*command, *store_args(gold_config)])
    assert " s on falkordb" not in plain.stderr
    quiet = CliRunner().invoke(cli, ["-q", "-v", *command, *store_args(gold_config)])
    assert quiet.exit_code == 0 and quiet.stderr == ""
