"""CLI conventions that hold for every command: help with an example, exit codes, entry points."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from policygraph.graph.cli import reference as cli_reference
from policygraph.graph.cli.main import COMMANDS, cli

REPO = Path(__file__).resolve().parents[2]


def all_commands():
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None, f"command {name!r} is registered but its module is missing"
        yield [name], command
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                yield [name, sub], command.get_command(ctx, sub)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "policygraph " + name in result.output, f"`{name} --help` shows no example line"


def test_subcommands_have_help():
    for args, command in all_commands():
        result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=100)
        assert result.exit_code == 0, (args, result.output)
        assert command.help, f"policygraph {' '.join(args)} has no help text"


def test_usage_error_exits_2_and_unknown_command_is_named():
    result = subprocess.run(
        [sys.executable, "-m", "policygraph", "no-such-command"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "no-such-command" in result.stderr


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "policygraph", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert re.fullmatch(r"policygraph \S+ \(parser (interpreted|compiled with mypyc)\)\n", result.stdout)


def test_readme_cli_reference_is_in_step_with_the_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    expected = cli_reference.replace_block(readme, cli_reference.render())
    assert readme == expected, (
        "README's CLI reference is stale: run `python -m policygraph.graph.cli.reference README.md`"
    )


def test_tables_clip_cells_before_headers():
    from policygraph.graph.cli.output import display_width, format_table

    rows = [("宜春市", "市科学技术协会" * 6, 15)]
    table = format_table(("jurisdiction", "department", "lead"), rows, max_width=60).splitlines()
    assert table[0].split() == ["jurisdiction", "department", "lead"]
    assert all(display_width(line) <= 60 for line in table)
    assert table[2].split()[1].endswith("…")
    unclipped = format_table(("jurisdiction", "department", "lead"), rows).splitlines()
    assert "市科学技术协会" * 6 in unclipped[2]


def test_a_closed_pipe_ends_quietly(samples_dir):
    # `policygraph … | head`: the reader leaves early (the JSON is larger than a pipe's buffer).
    # click turns the broken pipe into exit 1 with nothing on stderr: no traceback.
    result = subprocess.run(
        f"{sys.executable} -m policygraph -q parse {samples_dir} --format json | head -c 100",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
    )
    assert result.stderr == ""
    assert result.stdout.startswith('{"doc": ')


def test_verbose_ingest_names_each_plan_and_quiet_prints_nothing(store_config, samples_dir, capsys):
    from _sample_graphs import run_policygraph

    code, err = run_policygraph(capsys, store_config, "-v", "ingest", str(samples_dir))
    assert code == 0, err
    assert err.count("  added: ") == len(
        [p for p in samples_dir.iterdir() if p.suffix in {".txt", ".docx", ".html", ".pdf"}]
    )
    code, err = run_policygraph(capsys, store_config, "-q", "ingest", str(samples_dir))
    assert code == 0 and err == ""


def test_demo_never_writes_into_the_users_own_neo4j_database(monkeypatch, tmp_path):
    monkeypatch.setenv("NEO4J_URI", "neo4j://127.0.0.1:1")
    result = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "--database NAME for a scratch database" in result.output
    assert not (tmp_path / "out").exists()


def test_csv_output_keeps_document_text_out_of_spreadsheet_formulas(capsys):
    from policygraph.graph.cli.output import emit_rows

    emit_rows(("task", "n"), [('=HYPERLINK("http://x")', -3), ("普通文字", 2)], "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://x"")",-3'
    assert lines[2] == "普通文字,2"


def test_a_mistyped_gap_code_is_a_usage_error():
    result = CliRunner().invoke(cli, ["gaps", "--code", "NO_LEADS"])
    assert result.exit_code == 2
    assert "unknown reason code NO_LEADS" in result.output


def test_library_errors_get_their_flag_hint_only_on_the_command_line(tmp_path):
    from policygraph.errors import PortInUseError
    from policygraph.graph.cli.main import error_line

    error = PortInUseError("port 7 on 127.0.0.1 is already in use")
    assert "--port" not in str(error)  # the library names the problem, not the flag
    assert error_line(error) == (
        "error: port 7 on 127.0.0.1 is already in use; choose another with --port, or leave --port out for a free one"
    )
    assert (
        error_line(PortInUseError("bad\nname")) == "error: bad\\nname; " + error_line(error).split("; ", 1)[1]
    )


def test_demo_on_the_neo4j_engine_needs_a_data_directory_of_its_own(tmp_path, monkeypatch):
    # One database per Neo4j server: the samples would land among the user's own plans.
    monkeypatch.setenv("POLICYGRAPH_DATA_DIR", str(tmp_path / "mine"))
    result = CliRunner().invoke(cli, ["demo", "--engine", "neo4j", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--data-dir" in result.output
    assert not (tmp_path / "mine").exists(), "nothing was started or written"


def test_score_with_no_scorable_gold_file_fails_instead_of_printing_a_perfect_row(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "broken.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(tmp_path / "docs"), "--gold", str(tmp_path / "gold")])
    # In process the library error reaches the runner; `policygraph` prints it as one line, exit 1.
    assert "no gold document could be scored" in str(result.exception)
    assert "ALL" not in result.stdout and "broken.json: unreadable gold file" in result.output
