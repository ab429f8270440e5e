"""A bug in the parser or a command is still one line for the user: a batch goes on past the file
the parser failed on, and the console entry point turns any other exception into one error line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import policygraph.ingest.parse as parse_module
from policygraph.graph.cli import main as main_module
from policygraph.graph.cli.main import cli, main

PLAN = "江城市科普工作方案\n一、重点任务\n1.建设科普基地。（牵头单位：市科协；责任单位：市教育局）\n"


def test_a_batch_goes_on_past_a_file_the_parser_fails_on(tmp_path, monkeypatch):
    (tmp_path / "a_good.txt").write_text(PLAN, "utf-8")
    (tmp_path / "b_bad.txt").write_text(PLAN.replace("科普基地", "触发故障的基地"), "utf-8")
    real_parse_text = parse_module.parse_text

    def failing_on_one(text, source=""):
        if "触发故障" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_parse_text(text, source)

    monkeypatch.setattr(parse_module, "parse_text", failing_on_one)
    result = CliRunner().invoke(cli, ["parse", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    assert '"title": "江城市科普工作方案"' in result.stdout  # the good file was parsed
    assert "b_bad.txt: the parser failed on this file (RecursionError: maximum recursion depth exceeded)" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_an_internal_error_is_one_line_and_the_traceback_comes_when_asked(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(main_module.cli, "main", broken)
    monkeypatch.delenv("POLICYGRAPH_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", "x.txt"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 1
    assert err.strip().splitlines() == [
        "error: internal error (KeyError: 'a bug'); please report it with the command you ran "
        "(POLICYGRAPH_DEBUG=1 shows the traceback)"
    ]
    monkeypatch.setenv("POLICYGRAPH_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["parse", "x.txt"])


def test_a_bracketed_english_gloss_is_no_pinyin_reading():
    # 人(people): latin in brackets after a character that is not a Mandarin syllable; it once sent the
    # reading of statements round in a loop.
    from policygraph.ingest import parse_text

    text = "江城市人(people)才工作方案\n一、重点任务\n1.引进高层次人(people)才。（牵头单位：市人社局；配合单位：市科技局）\n"
    task = parse_text(text).tasks[0]
    assert (task.lead, task.support) == (["市人社局"], ["市科技局"])
