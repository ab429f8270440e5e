"""How every command prints rows (graph/cli/output.py): whole names in a narrow terminal, Chinese
type labels in tables and CSV (codes in JSON), CSV that Excel opens as UTF-8, formulas kept out."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from policygraph.graph.cli.output import display_width, emit_rows, fit_table

NAMES = ["自治区科学技术协会", "市科学技术协会", "自治区科学技术厅", "市科学技术局"]
COLUMNS = (
    "rank",
    "department",
    "type",
    "lead",
    "support",
    "joint",
    "load",
    "pagerank",
    "betweenness",
    "flags",
)


def rows():
    return [
        (i + 1, name, "science_association", 12, 30, 4, 27.4, 0.1234, 0.0567, "overloaded, central")
        for i, name in enumerate(NAMES)
    ]


def test_an_80_column_table_keeps_every_name_whole_and_drops_numbers():
    # At 80 columns `metrics` cut names to 自治区科… and 市科学技…, which no reader can tell apart.
    table, dropped = fit_table(COLUMNS, rows(), max_width=80)
    lines = table.splitlines()
    assert all(display_width(line) <= 80 for line in lines)
    for name in NAMES:
        assert any(name in line for line in lines[2:]), name
    assert dropped and set(dropped) <= {"lead", "support", "joint", "load", "pagerank", "betweenness"}
    assert dropped[0] == "betweenness", "numbers go from the right"
    assert lines[0].split()[0] == "rank"


def test_numbers_stay_when_dropping_them_cannot_save_the_name():
    table, dropped = fit_table(("department", "lead"), [("市科学技术协会" * 6, 15)], max_width=40)
    assert dropped == [] and table.splitlines()[0].split() == ["department", "lead"]


def test_type_codes_show_as_chinese_labels_except_in_json():
    out = io.StringIO()
    emit_rows(
        ("department", "type", "partner_type"),
        [("市科协", "science_association", "education")],
        "table",
        file=out,
    )
    assert (
        "科协" in out.getvalue() and "science_association" not in out.getvalue() and "教育" in out.getvalue()
    )
    out = io.StringIO()
    emit_rows(("department", "type"), [("市科协", "science_association")], "csv", file=out)
    assert list(csv.reader(out.getvalue().lstrip("\ufeff").splitlines()))[1] == ["市科协", "科协"]
    out = io.StringIO()
    emit_rows(("a_lead_types",), [(("education", "health"),)], "table", file=out)
    assert "教育、卫生健康" in out.getvalue()  # compare's list of lead types
    out = io.StringIO()
    emit_rows(("department", "type"), [("市科协", "science_association")], "json", file=out)
    assert json.loads(out.getvalue()) == [{"department": "市科协", "type": "science_association"}]


def test_csv_starts_with_a_bom_and_guards_list_cells(capsysbinary):
    emit_rows(
        ("task", "units", "n"),
        [("普通", ['=HYPERLINK("http://x")', "市科协"], -3), ("@SUM(A1)", [], 2)],
        "csv",
    )
    raw = capsysbinary.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    parsed = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert parsed[0] == ["task", "units", "n"]
    assert parsed[1] == ["普通", '\'=HYPERLINK("http://x")、市科协', "-3"]  # numbers stay numbers
    assert parsed[2][0] == "'@SUM(A1)"


def test_every_csv_command_output_opens_in_excel(store_config, sample_store):
    from policygraph.graph.cli.main import cli

    args = ["--data-dir", str(store_config.data_dir), "--graph", store_config.graph]
    for command in (
        ["metrics", "--format", "csv"],
        ["gaps", "--format", "csv"],
        ["query", "department_workload", "--format", "csv"],
        ["db", "status", "--format", "csv"],
    ):
        result = CliRunner().invoke(cli, [*command, *args])
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout_bytes.startswith(b"\xef\xbb\xbf"), command
        assert "science_association" not in result.stdout, command


def test_metrics_at_80_columns_shows_whole_names(store_config, sample_store):
    from policygraph.graph.cli.main import cli

    args = ["--data-dir", str(store_config.data_dir), "--graph", store_config.graph]
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["metrics", *args])
    assert result.exit_code == 0, result.output
    table = [line for line in result.stdout.splitlines() if line.strip()]
    assert all(display_width(line) <= 80 for line in table)
    for name in ("市教育体育局", "市委宣传部", "市科协", "团市委"):
        assert any(name in line for line in table), name
    from _sample_graphs import GLOBAL_PAYLOAD

    assert any(f"市财政局{GLOBAL_PAYLOAD}" in line for line in table), "the longest name was cut"
